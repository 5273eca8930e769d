/**
 * Token actions from the window: a confirmation that names the token and the client (with a
 * warning when it is the token the connection signs in with), then the call; the table is
 * updated from the vendor's answer.
 */
import type { Connection } from '@common/model'
import { PROVIDERS } from '@common/providers'
import type { BulkResult, Token } from '@common/tokens'
import { useConfirm } from 'primevue/useconfirm'
import { useToast } from 'primevue/usetoast'
import { call, messageOf } from '@/api'
import { useInventoryStore } from '@/stores/inventory'

export type TokenActionName = 'enable' | 'disable' | 'suspend' | 'activate' | 'revoke' | 'delete'

const VERB: Record<TokenActionName, { label: string; past: string; danger: boolean; confirm: boolean }> = {
  enable: { label: 'Enable', past: 'enabled', danger: false, confirm: false },
  activate: { label: 'Activate', past: 'activated', danger: false, confirm: false },
  disable: { label: 'Disable', past: 'disabled', danger: true, confirm: true },
  suspend: { label: 'Suspend', past: 'suspended', danger: true, confirm: true },
  revoke: { label: 'Revoke', past: 'revoked', danger: true, confirm: true },
  delete: { label: 'Delete', past: 'deleted', danger: true, confirm: true },
}

const where = (c: Connection): string => `${c.client || 'no client'} · ${c.label}`

export function allowedBulkActions(connection: Connection): TokenActionName[] {
  const caps = PROVIDERS[connection.provider].capabilities
  return (['enable', 'disable', 'suspend', 'activate', 'revoke', 'delete'] as const).filter((a) => caps[a])
}

/** The sentence of the confirmation. */
export function confirmationText(action: TokenActionName, tokens: Token[], connection: Connection): string {
  const what = tokens.length === 1 ? `“${tokens[0]!.name}”` : `${tokens.length} tokens`
  const lines = [`${VERB[action].label} ${what} in ${where(connection)}?`]
  if (action === 'revoke') lines.push('Revoking is permanent: the token can never be used again.')
  if (action === 'delete') {
    lines.push(connection.provider === 'mpt' ? 'Deleting is permanent; the vendor keeps no way to restore it.' : 'Deleting is permanent.')
    const unrevoked = tokens.filter((t) => t.provider === 'prefactor' && t.status !== 'revoked')
    if (unrevoked.length) {
      lines.push(`Prefactor deletes only revoked tokens: ${unrevoked.length === tokens.length ? 'it' : `${unrevoked.length} of them`} will be revoked first, then deleted.`)
    }
  }
  if (action === 'disable' || action === 'suspend') lines.push('Anything using it stops working until it is turned back on.')
  const own = tokens.find((t) => t.isOwnCredential)
  if (own && action !== 'enable' && action !== 'activate') {
    lines.push(`Warning: Tokendesk signs in to ${connection.label} with “${own.name}”. After this, Tokendesk loses access to ${connection.label} until you replace its credential.`)
  }
  return lines.join('\n\n')
}

export function useTokenActions() {
  const confirm = useConfirm()
  const toast = useToast()
  const inventory = useInventoryStore()

  async function perform(token: Token, connection: Connection, action: TokenActionName): Promise<void> {
    try {
      if (action === 'delete' && token.provider === 'prefactor' && token.status !== 'revoked') {
        const revoked = await call('tokens:action', connection.id, token.id, 'revoke')
        if (revoked) inventory.applyToken(revoked)
      }
      const result = await call('tokens:action', connection.id, token.id, action)
      if (result) inventory.applyToken(result)
      else inventory.removeToken(connection.id, token.id)
      toast.add({ severity: 'success', summary: `Token ${VERB[action].past}`, detail: `${token.name} · ${where(connection)}`, life: 3500 })
    } catch (error) {
      toast.add({ severity: 'error', summary: `Could not ${action} the token`, detail: messageOf(error), life: 8000 })
    }
  }

  function run(token: Token, connection: Connection, action: TokenActionName): void {
    if (!VERB[action].confirm && !token.isOwnCredential) {
      void perform(token, connection, action)
      return
    }
    confirm.require({
      group: 'token-action',
      header: `${VERB[action].label} token`,
      message: confirmationText(action, [token], connection),
      icon: VERB[action].danger ? 'pi pi-exclamation-triangle' : 'pi pi-info-circle',
      rejectProps: { label: 'Cancel', severity: 'secondary', text: true },
      acceptProps: { label: VERB[action].label, severity: VERB[action].danger ? 'danger' : 'primary' },
      accept: () => void perform(token, connection, action),
    })
  }

  /** Confirm with the count; resolves with the per-token results (null if cancelled). */
  function bulk(tokens: Token[], connection: Connection, action: TokenActionName): Promise<BulkResult[] | null> {
    return new Promise((resolve) => {
      confirm.require({
        group: 'token-action',
        header: `${VERB[action].label} ${tokens.length} tokens`,
        message: confirmationText(action, tokens, connection),
        icon: 'pi pi-exclamation-triangle',
        rejectProps: { label: 'Cancel', severity: 'secondary', text: true },
        acceptProps: { label: `${VERB[action].label} ${tokens.length}`, severity: VERB[action].danger ? 'danger' : 'primary' },
        reject: () => resolve(null),
        onHide: () => resolve(null),
        accept: async () => {
          try {
            let ids = tokens.map((t) => t.id)
            if (action === 'delete' && connection.provider === 'prefactor') {
              const toRevoke = tokens.filter((t) => t.status !== 'revoked').map((t) => t.id)
              if (toRevoke.length) {
                const revoked = await call('tokens:bulk', connection.id, 'revoke', toRevoke)
                const failed = new Set(revoked.filter((r) => !r.ok).map((r) => r.tokenId))
                ids = ids.filter((id) => !failed.has(id))
                const results = await call('tokens:bulk', connection.id, 'delete', ids)
                await inventory.reloadTokens(connection.id)
                resolve([...revoked.filter((r) => !r.ok), ...results])
                return
              }
            }
            const results = await call('tokens:bulk', connection.id, action, ids)
            await inventory.reloadTokens(connection.id)
            resolve(results)
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
