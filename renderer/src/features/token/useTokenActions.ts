/**
 * Token actions from the window: a confirmation that names the token and the client (with a
 * warning when it is the token the connection signs in with), then the call; the table is
 * updated from the vendor's answer. What a vendor allows, and what it needs done first, is its
 * descriptor's; main enforces it, this only reflects it in words.
 */
import type { Connection } from '@common/model'
import { PROVIDERS } from '@common/providers'
import type { QueryToken } from '@common/token-query'
import type { BulkResult } from '@common/tokens'
import { planFor, VENDOR_ACTIONS, type VendorAction } from '@common/vendors/descriptor'
import { isolate } from '@common/visible-text'
import { useToast } from 'primevue/usetoast'
import { call, messageOf } from '@/api'
import { plainSentences, useSafeConfirm, type Run, type Sentence } from '@/composables/useSafeConfirm'
import { useInventoryStore } from '@/stores/inventory'
import { plainTokenName, tokenRuns } from '@/tokenText'
import { clientName } from '@/labels'

export type TokenActionName = VendorAction

/** Each action in words (also the guided replace's retire and final steps). */
export const VERB: Readonly<Record<TokenActionName, { label: string; past: string; danger: boolean; confirm: boolean }>> = {
  enable: { label: 'Enable', past: 'enabled', danger: false, confirm: false },
  activate: { label: 'Activate', past: 'activated', danger: false, confirm: false },
  disable: { label: 'Disable', past: 'disabled', danger: true, confirm: true },
  suspend: { label: 'Suspend', past: 'suspended', danger: true, confirm: true },
  revoke: { label: 'Revoke', past: 'revoked', danger: true, confirm: true },
  delete: { label: 'Delete', past: 'deleted', danger: true, confirm: true },
}

/** Where a token lives, as untrusted runs: "<client> · <connection>". */
const where = (c: Connection): Run[] => [{ value: clientName(c.client, true) }, ' · ', { value: c.label }]
const plainWhere = (c: Connection): string => `${isolate(clientName(c.client, true))} · ${isolate(c.label)}`

export function allowedBulkActions(connection: Connection): TokenActionName[] {
  const vendor = PROVIDERS[connection.provider]
  return VENDOR_ACTIONS.filter((a) => vendor.actions[a])
}

/** The sentences of the confirmation; the token's name and the client are untrusted runs. */
export function confirmationSentences(action: TokenActionName, tokens: QueryToken[], connection: Connection): Sentence[] {
  const what: Run[] = tokens.length === 1 ? tokenRuns(tokens[0]!) : [`${tokens.length} tokens`]
  const sentences: Sentence[] = [[`${VERB[action].label} `, ...what, ' in ', ...where(connection), '?']]
  if (action === 'revoke') sentences.push(['Revoking is permanent: the token can never be used again.'])
  const vendor = PROVIDERS[connection.provider]
  const rule = vendor.actions[action]
  if (action === 'delete') sentences.push([rule?.note ?? 'Deleting is permanent.'])
  // The vendor needs another action done first (revoked before deleted): main runs it; say so.
  const first = rule?.first
  const taken = first ? tokens.filter((t) => planFor(vendor, action, t.status).length > 1) : []
  if (first && taken.length) {
    sentences.push([`${vendor.name} ${action}s only ${vendor.actions[first]?.to} tokens: ${taken.length === tokens.length ? 'it' : `${taken.length} of them`} will be ${VERB[first].past} first, then ${VERB[action].past}.`])
  }
  if (action === 'disable' || action === 'suspend') sentences.push(['Anything using it stops working until it is turned back on.'])
  const own = tokens.find((t) => t.isOwnCredential)
  if (own && action !== 'enable' && action !== 'activate') {
    const label = { value: connection.label }
    sentences.push(['Warning: Tokendesk signs in to ', label, ' with ', ...tokenRuns(own), '. After this, Tokendesk loses access to ', label, ' until you replace its credential.'])
  }
  return sentences
}

/** The same as plain text (hidden characters shown), e.g. for tests and screen readers. */
export function confirmationText(action: TokenActionName, tokens: QueryToken[], connection: Connection): string {
  return plainSentences(confirmationSentences(action, tokens, connection))
}

export function useTokenActions() {
  const confirm = useSafeConfirm()
  const toast = useToast()
  const inventory = useInventoryStore()

  async function perform(token: QueryToken, connection: Connection, action: TokenActionName): Promise<void> {
    try {
      // One call: main runs what the vendor needs first (planFor), then the action.
      const result = await call('tokens:action', connection.id, token.id, action)
      if (result) inventory.applyToken(result)
      else inventory.removeToken(connection.id, token.id)
      toast.add({ severity: 'success', summary: `Token ${VERB[action].past}`, detail: `${plainTokenName(token)} · ${plainWhere(connection)}`, life: 3500 })
    } catch (error) {
      toast.add({ severity: 'error', summary: `Could not ${action} the token`, detail: `${plainTokenName(token)} · ${plainWhere(connection)}: ${messageOf(error)}`, life: 8000 })
      // A first step may have gone through (revoked, then the delete failed): show the vendor's state.
      if (planFor(PROVIDERS[connection.provider], action, token.status).length > 1) void inventory.reloadTokens(connection.id)
    }
  }

  function run(token: QueryToken, connection: Connection, action: TokenActionName): void {
    if (!VERB[action].confirm && !token.isOwnCredential) {
      void perform(token, connection, action)
      return
    }
    confirm({
      group: 'token-action',
      header: `${VERB[action].label} token`,
      sentences: confirmationSentences(action, [token], connection),
      acceptLabel: VERB[action].label,
      danger: VERB[action].danger,
      accept: () => void perform(token, connection, action),
    })
  }

  /**
   * Confirm with the count; resolves with the per-token results (null if cancelled). A token already
   * in the state asked for is reported as such, not sent to the vendor (which would refuse it).
   */
  function bulk(tokens: QueryToken[], connection: Connection, action: TokenActionName): Promise<BulkResult[] | null> {
    const target = PROVIDERS[connection.provider].actions[action]?.to
    const already = target ? tokens.filter((t) => t.status === target) : []
    const todo = tokens.filter((t) => !already.includes(t))
    const skipped: BulkResult[] = already.map((t) => ({ tokenId: t.id, name: t.name, ok: true, message: `Already ${VERB[action].past}; nothing to do.` }))
    return new Promise((resolve) => {
      if (todo.length === 0) return resolve(skipped)
      confirm({
        group: 'token-action',
        header: `${VERB[action].label} ${todo.length} token${todo.length === 1 ? '' : 's'}`,
        sentences: [...confirmationSentences(action, todo, connection), ...(already.length ? [[`${already.length} already ${VERB[action].past} ${already.length === 1 ? 'is' : 'are'} left as ${already.length === 1 ? 'it is' : 'they are'}.`]] : [])],
        acceptLabel: `${VERB[action].label} ${todo.length}`,
        danger: VERB[action].danger,
        reject: () => resolve(null),
        onHide: () => resolve(null),
        accept: async () => {
          try {
            const results = await call('tokens:bulk', connection.id, action, todo.map((t) => t.id))
            await inventory.reloadTokens(connection.id)
            resolve([...results, ...skipped])
          } catch (error) {
            toast.add({ severity: 'error', summary: 'The bulk action failed', detail: messageOf(error), life: 8000 })
            resolve(null)
          }
        },
      })
    })
  }

  return { run, bulk, label: (a: TokenActionName) => VERB[a].label }
}
