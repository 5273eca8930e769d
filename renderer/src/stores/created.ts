/**
 * The token just created, for its once-only dialog, kept across the app lock: the lock unmounts
 * every view, and a secret the vendor shows once must not vanish with it. The secret itself is
 * dropped from the window when it locks (nothing secret stays on screen or in the page); after
 * the unlock the dialog comes back and says where the secret is — in the keychain, or still held
 * by main for its one-time Copy (services/token-secrets.ts keeps an unsaved one 10 minutes).
 */
import type { Connection } from '@common/model'
import type { TokenRow } from '@common/token-meta'
import type { CreatedToken } from '@common/tokens'
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { useLockStore } from './lock'

export type Created = CreatedToken<TokenRow> & { saved: boolean; connection: Connection; hiddenByLock?: boolean }

export const useCreatedStore = defineStore('created', () => {
  const current = ref<Created | null>(null)
  const lock = useLockStore()
  watch(
    () => lock.state.locked,
    (locked) => {
      const c = current.value
      if (locked && c?.secret) current.value = { ...c, secret: null, hiddenByLock: true }
    },
  )
  return { current }
})
