/**
 * Copying a token's secret (the details' Copy button and Ctrl/Cmd+Shift+C): the token is fixed
 * when the user asks, not read again once main answers — the selection may have moved on by then
 * (arrow keys keep working while the copy runs). The copy happens in main; what was copied is
 * recorded by token key (stores/clipboard), so only that token's field says "Copied".
 */
import type { Connection } from '@common/model'
import { call } from '@/api'
import { useClipboardStore } from '@/stores/clipboard'
import type { NamedToken } from '@/tokenText'
import { useRevealGate } from './useRevealGate'

export type CopyTarget = NamedToken & { key: string }

export function useSecretCopy() {
  const gate = useRevealGate()
  const clipboard = useClipboardStore()
  /** The copy, or null when the user cancelled the unlock. Throws NoSecretError, or main's error. */
  return async (token: CopyTarget, connection: Pick<Connection, 'id' | 'client' | 'label'>) => {
    // Captured now: the caller's refs may point at another token by the time main answers.
    const target = { key: token.key, token: { name: token.name, id: token.id, displayName: token.displayName ?? null }, connection: { client: connection.client, label: connection.label } }
    if (!(await gate(token, connection, 'copy'))) return null
    const { clearsAt } = await call('secret:copy', connection.id, token.id)
    clipboard.copied = { ...target, clearsAt: Date.parse(clearsAt) }
    return clipboard.copied
  }
}
