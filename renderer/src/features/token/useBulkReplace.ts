/**
 * Replace several tokens of one connection from the inventory's selection: one confirmation that
 * names the connection, then main creates each successor with its secret in the keychain only
 * (never the screen or a file; the user shows or copies each one later from its details). Tokens
 * that cannot be replaced are reported, not sent. Resolves with a result per token (null: cancelled).
 */
import type { Connection } from '@common/model'
import type { BulkResult, Token } from '@common/tokens'
import { useToast } from 'primevue/usetoast'
import { call, messageOf } from '@/api'
import { useSafeConfirm, type Sentence } from '@/composables/useSafeConfirm'
import { clientName } from '@/labels'
import { useInventoryStore } from '@/stores/inventory'
import { useRotationsStore } from '@/stores/rotations'
import { canReplace } from './useRotation'

export function useBulkReplace() {
  const confirm = useSafeConfirm()
  const toast = useToast()
  const inventory = useInventoryStore()
  const rotations = useRotationsStore()

  async function replace(tokens: Token[], connection: Connection): Promise<BulkResult[] | null> {
    await rotations.load() // which are already being replaced
    const skipped: BulkResult[] = []
    const todo: Token[] = []
    for (const t of tokens) {
      const why = !canReplace(t) ? `Not replaced: it is ${t.status}.` : rotations.forToken(connection.id, t.id) ? 'Not replaced: it is already being replaced.' : null
      if (why) skipped.push({ tokenId: t.id, name: t.name, ok: false, message: why })
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
            resolve([...results, ...skipped])
          } catch (error) {
            toast.add({ severity: 'error', summary: 'The replacements could not start', detail: messageOf(error), life: 8000 })
            resolve(null)
          }
        },
      })
    })
  }

  return { replace }
}
