/**
 * Create, edit, change state, delete — one token or many — through the connection's adapter.
 * Only what its capability table allows; the inventory is updated from the vendor's answer,
 * never from a guess; every outcome goes to the activity log.
 */
import { PROVIDERS } from '../../common/providers'
import type { BulkResult, Capability, CreatedToken, CreateTokenInput, Token, UpdateTokenInput } from '../../common/tokens'
import { fieldsSchema, planFor, type VendorAction, type VendorDescriptor } from '../../common/vendors/descriptor'
import { AppError, parseInput, toEnvelope } from '../app-error'
import type { VendorHttp } from '../providers/http/vendor-http'
import type { AdapterContext, ProviderAdapter } from '../providers/provider'
import type { ActivityLog } from './activity-log'
import type { ConnectionStore } from './connection-store'
import type { InventoryService } from './inventory'
import type { TokenSecrets } from './token-secrets'

export type TokenActionName = VendorAction

/**
 * Why the vendor's rules refuse this action for a token in its state (its descriptor's `actions`),
 * or null. A token the inventory does not hold, or whose state it does not know, is left to the vendor.
 */
export function ruleRefusal(vendor: VendorDescriptor, action: VendorAction, token: Pick<Token, 'status'> | undefined): string | null {
  const rule = vendor.actions[action]
  if (!rule || !token || token.status === 'unknown') return null
  if (!rule.from.includes(token.status)) return `Cannot ${action} a token that is ${token.status}.`
  const needed = rule.first ? vendor.actions[rule.first]?.to : undefined
  if (rule.first && needed && token.status !== needed) {
    return `${vendor.name} ${action}s only ${needed} tokens. ${rule.first[0]!.toUpperCase()}${rule.first.slice(1)} it first.`
  }
  return null
}

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

  private async prepare(connectionId: string, capability: Capability): Promise<{ adapter: ProviderAdapter; ctx: AdapterContext; vendor: VendorDescriptor }> {
    const connection = this.deps.connections.get(connectionId)
    const adapter = this.deps.inventory.adapterFor(connection)
    if (!adapter.capabilities[capability]) {
      throw new AppError('validation', `This action (${capability}) is not available for ${connection.label}’s vendor.`)
    }
    const credential = await this.deps.connections.credentialFor(connectionId)
    return { adapter, ctx: { connection, credential, http: this.deps.http }, vendor: PROVIDERS[connection.provider] }
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

  private held(connectionId: string, tokenId: string): Token | undefined {
    return this.deps.inventory.tokens(connectionId).find((t) => t.id === tokenId)
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
    const { adapter, ctx, vendor } = await this.prepare(connectionId, 'update')
    const checked = parseInput(fieldsSchema(vendor.edit ?? []), input) as UpdateTokenInput
    const token = await this.logged(connectionId, tokenId, 'update', () => adapter.update!(ctx, tokenId, checked))
    return this.deps.inventory.applyToken(token)
  }

  /**
   * One vendor call within the vendor's rules (a refusal is recorded like a failed call). A state
   * change returns the token as the vendor now has it; delete returns null.
   */
  async run(connectionId: string, tokenId: string, action: TokenActionName, held = this.held(connectionId, tokenId)): Promise<Token | null> {
    const { adapter, ctx, vendor } = await this.prepare(connectionId, action)
    const refused = (): void => {
      const why = ruleRefusal(vendor, action, held)
      if (why) throw new AppError('conflict', why)
    }
    if (action === 'delete') {
      await this.logged(connectionId, tokenId, 'delete', async () => {
        refused()
        await adapter.delete!(ctx, tokenId)
      })
      this.deps.inventory.removeToken(connectionId, tokenId)
      await this.deps.secrets.forget(connectionId, tokenId)
      return null
    }
    const token = await this.logged(connectionId, tokenId, action, async () => {
      refused()
      return adapter.changeState!(ctx, tokenId, action)
    })
    return this.deps.inventory.applyToken(token)
  }

  /**
   * The action as the vendor's rules plan it (`planFor`): an action the vendor wants done first
   * runs first (a delete that needs the token revoked revokes it), then the action itself.
   */
  async perform(connectionId: string, tokenId: string, action: TokenActionName, held = this.held(connectionId, tokenId)): Promise<Token | null> {
    const vendor = PROVIDERS[this.deps.connections.get(connectionId).provider]
    let token: Token | null | undefined = held
    let result: Token | null = null
    for (const step of planFor(vendor, action, held?.status ?? 'unknown')) {
      result = await this.run(connectionId, tokenId, step, token ?? undefined)
      token = result
    }
    return result
  }

  /** The same action on many tokens of one connection, each as planned; each gets its own result. */
  async bulk(connectionId: string, action: TokenActionName, tokenIds: string[]): Promise<BulkResult[]> {
    await this.prepare(connectionId, action) // fail fast on capability / credential
    const held = new Map(this.deps.inventory.tokens(connectionId).map((t) => [t.id, t]))
    return Promise.all(
      tokenIds.map(async (tokenId) => {
        const name = held.get(tokenId)?.name ?? tokenId
        try {
          await this.perform(connectionId, tokenId, action, held.get(tokenId))
          return { tokenId, name, ok: true, message: null }
        } catch (error) {
          return { tokenId, name, ok: false, message: toEnvelope(error).message }
        }
      }),
    )
  }
}
