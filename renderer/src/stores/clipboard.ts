/**
 * The secret the window last copied: which token (by key), named as it was when copied, and when
 * main clears the clipboard. Only that token's secret field says "Copied", so a panel that moved on
 * to another token never claims its secret is on the clipboard. State only (no actions): whoever
 * copies or hears `clipboard:cleared` sets it.
 */
import type { Connection } from '@common/model'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { NamedToken } from '@/tokenText'

export interface CopiedSecret {
  key: string
  token: NamedToken
  connection: Pick<Connection, 'client' | 'label'>
  /** Epoch ms: main clears the clipboard then, if it still holds the secret. */
  clearsAt: number
}

export const useClipboardStore = defineStore('clipboard', () => {
  const copied = ref<CopiedSecret | null>(null)
  return { copied }
})
