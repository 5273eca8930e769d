/**
 * Replace several tokens of one connection from the inventory's selection: one confirmation that
 * names the connection, then main creates each successor with its secret in the keychain only
 * (never the screen or a file; the user shows or copies each one later from its details). Tokens
 * that cannot be replaced are reported, not sent — a disabled or suspended one too: its replacement
 * would be active, which the user confirms one by one in its Replace dialog, never in a bulk
 * action. Each is named as the grid names it (the user's display name where the vendor gives
 * none). Resolves with a result per token (null: cancelled).
 */
import type { Connection } from '@common/model'
import { tokenKey, type BulkResult, type Token } from '@common/tokens'
import { isolate } from '@common/visible-text'
import { useToast } from 'primevue/usetoast'
import { call, messageOf } from '@/api'
import { useSafeConfirm, type Sentence } from '@/composables/useSafeConfirm'
import { clientName } from '@/labels'
import { useInventoryStore } from '@/stores/inventory'
import { useMetaStore } from '@/stores/meta'
import { useRotationsStore } from '@/stores/rotations'
import { canReplace, needsConsent, tokenLabel } from './useRotation'

export function useBulkReplace() {
  const confirm = useSafeConfirm()
  const toast = useToast()
  const inventory = useInventoryStore()
  const rotations = useRotationsStore()
  const meta = useMetaStore()

  async function replace(tokens: Token[], connection: Connection): Promise<BulkResult[] | null> {
    await rotations.load() // which are already being replaced
    const nameOf = (tokenId: string, vendorName: string | null): string | null =>
      tokenLabel(vendorName, meta.byKey.get(tokenKey(connection.id, tokenId))?.displayName)?.text ?? null
    const skipped: BulkResult[] = []
    const todo: Token[] = []
    for (const t of tokens) {
      const why = !canReplace(t)
        ? `Not replaced: it is ${t.status}.`
        : needsConsent(t)
          ? `Not replaced: it is ${t.status}, and its replacement would be active. Replace it from its details to confirm that.`
          : rotations.forToken(connection.id, t.id)
            ? 'Not replaced: it is already being replaced.'
            : null
      if (why) skipped.push({ tokenId: t.id, name: nameOf(t.id, t.name), ok: false, message: why })
      else todo.push(t)
    }
    return new Promise((resolve) => {
      if (todo.length === 0) return resolve(skipped)
      const sentences: Sentence[] = [
        [`Replace ${todo.length} token${todo.length === 1 ? '' : 's'} in `, { value: clientName(connection.client, true) }, ' · ', { value: connection.label }, '?'],
        ['Each gets a new token with the same attributes. The new secrets go to your keychain only: show or copy each from its token’s details when you hand it over.'],
        ['The old tokens keep working until you retire each one from its details.'],
      ]
      if (todo.some((t) => t.isOwnCredential)) sentences.push(['One of them is the token Tokendesk signs in with: the connection switches to its replacement (tested first).'])
      if (skipped.length) sentences.push([`${skipped.length} of the selected cannot be replaced and ${skipped.length === 1 ? 'is' : 'are'} left as ${skipped.length === 1 ? 'it is' : 'they are'}.`])
      confirm({
        group: 'token-action',
        header: `Replace ${todo.length} token${todo.length === 1 ? '' : 's'}`,
        sentences,
        acceptLabel: `Replace ${todo.length}`,
        danger: false,
        reject: () => resolve(null),
        onHide: () => resolve(null),
        accept: async () => {
          try {
            const results = await call('rotation:bulk', connection.id, todo.map((t) => t.id))
            await inventory.reloadTokens(connection.id)
            resolve([...results.map((r) => ({ ...r, name: nameOf(r.tokenId, r.name) })), ...skipped])
          } catch (error) {
            toast.add({ severity: 'error', summary: 'The replacements could not start', detail: isolate(messageOf(error)), life: 8000 })
            resolve(null)
          }
        },
      })
    })
  }

  return { replace }
}
