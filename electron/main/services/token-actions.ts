/**
 * Create, edit, change state, delete — one token or many — through the connection's adapter.
 * Only what its capability table allows; the inventory is updated from the vendor's answer,
 * never from a guess; every outcome goes to the activity log.
 */
import type { BulkResult, Capability, CreatedToken, CreateTokenInput, StateAction, Token, UpdateTokenInput } from '../../common/tokens'
import { AppError, toEnvelope } from '../app-error'
import type { VendorHttp } from '../providers/http/vendor-http'
import type { AdapterContext, ProviderAdapter } from '../providers/provider'
import type { ActivityLog } from './activity-log'
import type { ConnectionStore } from './connection-store'
import type { InventoryService } from './inventory'
import type { TokenSecrets } from './token-secrets'

export type TokenActionName = StateAction | 'delete'

export class TokenActions {
  constructor(
    private readonly deps: {
      connections: ConnectionStore
      inventory: InventoryService
      secrets: TokenSecrets
      activity: ActivityLog
      http: VendorHttp
    },
  ) {}

  private async prepare(connectionId: string, capability: Capability): Promise<{ adapter: ProviderAdapter; ctx: AdapterContext }> {
    const connection = this.deps.connections.get(connectionId)
    const adapter = this.deps.inventory.adapterFor(connection)
    if (!adapter.capabilities[capability]) {
      throw new AppError('validation', `This action (${capability}) is not available for ${connection.label}’s vendor.`)
    }
    const credential = await this.deps.connections.credentialFor(connectionId)
    return { adapter, ctx: { connection, credential, http: this.deps.http } }
  }

  /** Run one vendor call, record it in the activity log either way. */
  private async logged<T>(connectionId: string, tokenId: string, action: string, run: () => Promise<T>, idOf?: (v: T) => string): Promise<T> {
    try {
      const value = await run()
      await this.deps.activity.record({ connectionId, tokenId: idOf ? idOf(value) : tokenId, action, outcome: 'ok', detail: null })
      return value
    } catch (error) {
      if (tokenId) await this.deps.activity.record({ connectionId, tokenId, action, outcome: 'error', detail: toEnvelope(error).message })
      throw error
    }
  }

  async create(connectionId: string, input: CreateTokenInput, saveSecret: boolean): Promise<CreatedToken & { saved: boolean }> {
    const connection = this.deps.connections.get(connectionId)
    if (input.provider !== connection.provider) throw new AppError('validation', 'The form does not match this connection’s vendor.')
    const { adapter, ctx } = await this.prepare(connectionId, 'create')
    const created = await this.logged(connectionId, '', 'create', () => adapter.create!(ctx, input), (c) => c.token.id)
    this.deps.inventory.applyToken(created.token)
    let saved = false
    if (created.secret) {
      if (saveSecret) {
        await this.deps.secrets.save(connectionId, created.token.id, created.secret)
        saved = true
      } else {
        this.deps.secrets.holdPending(connectionId, created.token.id, created.secret)
      }
    }
    return { ...created, saved }
  }

  async update(connectionId: string, tokenId: string, input: UpdateTokenInput): Promise<Token> {
    const { adapter, ctx } = await this.prepare(connectionId, 'update')
    const token = await this.logged(connectionId, tokenId, 'update', () => adapter.update!(ctx, tokenId, input))
    return this.deps.inventory.applyToken(token)
  }

  /** A state change returns the token as the vendor now has it; delete returns null. */
  async run(connectionId: string, tokenId: string, action: TokenActionName): Promise<Token | null> {
    const { adapter, ctx } = await this.prepare(connectionId, action)
    if (action === 'delete') {
      await this.logged(connectionId, tokenId, 'delete', () => adapter.delete!(ctx, tokenId))
      this.deps.inventory.removeToken(connectionId, tokenId)
      await this.deps.secrets.forget(connectionId, tokenId)
      return null
    }
    const token = await this.logged(connectionId, tokenId, action, () => adapter.changeState!(ctx, tokenId, action))
    return this.deps.inventory.applyToken(token)
  }

  /** The same action on many tokens of one connection; each gets its own result. */
  async bulk(connectionId: string, action: TokenActionName, tokenIds: string[]): Promise<BulkResult[]> {
    await this.prepare(connectionId, action) // fail fast on capability / credential
    const names = new Map(this.deps.inventory.tokens(connectionId).map((t) => [t.id, t.name]))
    return Promise.all(
      tokenIds.map(async (tokenId) => {
        const name = names.get(tokenId) ?? tokenId
        try {
          await this.run(connectionId, tokenId, action)
          return { tokenId, name, ok: true, message: null }
        } catch (error) {
          return { tokenId, name, ok: false, message: toEnvelope(error).message }
        }
      }),
    )
  }
}
