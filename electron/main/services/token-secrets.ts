/**
 * Token secrets, fetched by main at the moment they are asked for: from the vendor where it
 * returns them, else from the keychain when captured at creation or attached by the user.
 * Keychain account: `<connectionId>/token/<tokenId>`.
 */
import type { Connection } from '../../common/model'
import { PROVIDERS, type ProviderId } from '../../common/providers'
import type { ActivityEntry, CopyResult, SecretAvailability } from '../../common/tokens'
import { AppError } from '../app-error'
import type { VendorHttp } from '../providers/http/vendor-http'
import type { ActivityLog } from './activity-log'
import type { ClipboardService } from './clipboard'
import type { ConnectionStore } from './connection-store'
import type { InventoryService } from './inventory'
import type { SecretStore } from './secret-store'

const PENDING_MS = 10 * 60_000

/** Why a token has no secret to show: its vendor's way with secrets (the descriptor says which). */
function unavailableReason(provider: ProviderId): string {
  const vendor = PROVIDERS[provider]
  return vendor.secretShownOnce
    ? `${vendor.name} shows a token’s secret only once, when it is created. Tokens made in Tokendesk keep theirs in your keychain; for one made elsewhere, use “Attach secret” if you saved it.`
    : 'This vendor does not return token secrets.'
}

export class TokenSecrets {
  private accounts: Promise<Set<string>> | null = null
  /** Secrets of tokens just created but not saved, for the one-time dialog's Copy. */
  private readonly pending = new Map<string, { secret: string; until: number }>()

  constructor(
    private readonly deps: {
      secrets: SecretStore
      connections: ConnectionStore
      inventory: InventoryService
      http: VendorHttp
      /** Where a reveal, copy or attach is recorded. */
      activity: ActivityLog
      /** Absent where there is no clipboard (the CLI). */
      clipboard: ClipboardService | null
    },
  ) {}

  /** The secret for an explicit Show in the window; recorded in the activity log. */
  async reveal(connectionId: string, tokenId: string): Promise<string> {
    const secret = await this.read(connectionId, tokenId)
    await this.record(connectionId, tokenId, 'reveal')
    return secret
  }

  /** The secret onto the clipboard from main (it never reaches the renderer); recorded. */
  async copy(connectionId: string, tokenId: string, clearAfterSec: number): Promise<CopyResult> {
    if (!this.deps.clipboard) throw new AppError('internal', 'There is no clipboard here.')
    const result = await this.deps.clipboard.copySecret(await this.read(connectionId, tokenId), clearAfterSec)
    await this.record(connectionId, tokenId, 'copy')
    return result
  }

  /** A secret the user saved elsewhere, kept in the keychain for this token; recorded. */
  async attach(connectionId: string, tokenId: string, secret: string): Promise<SecretAvailability> {
    await this.save(connectionId, tokenId, secret)
    await this.record(connectionId, tokenId, 'attach-secret')
    return this.availability(connectionId, tokenId)
  }

  private async record(connectionId: string, tokenId: string, action: ActivityEntry['action']): Promise<void> {
    await this.deps.activity.record({ connectionId, tokenId, action, outcome: 'ok', detail: null })
  }

  static account(connectionId: string, tokenId: string): string {
    return `${connectionId}/token/${tokenId}`
  }

  private stored(): Promise<Set<string>> {
    this.accounts ??= this.deps.secrets.list().then((list) => new Set(list))
    this.accounts.catch(() => (this.accounts = null))
    return this.accounts
  }

  async availability(connectionId: string, tokenId: string): Promise<SecretAvailability> {
    const connection = this.deps.connections.get(connectionId)
    if (this.deps.inventory.adapterFor(connection).capabilities.readSecret) return { available: true, source: 'vendor', reason: null }
    const held = this.pending.get(TokenSecrets.account(connectionId, tokenId))
    if (held && held.until > Date.now()) return { available: true, source: 'held', reason: null }
    if ((await this.stored()).has(TokenSecrets.account(connectionId, tokenId))) return { available: true, source: 'keychain', reason: null }
    return { available: false, source: null, reason: unavailableReason(connection.provider) }
  }

  /** The secret now, or a not_found AppError saying why there is none. */
  async read(connectionId: string, tokenId: string): Promise<string> {
    const connection = this.deps.connections.get(connectionId)
    const key = TokenSecrets.account(connectionId, tokenId)
    const pending = this.pending.get(key)
    if (pending && pending.until > Date.now()) return pending.secret
    const adapter = this.deps.inventory.adapterFor(connection)
    if (adapter.readSecret) {
      const fromVendor = await adapter.readSecret(await this.context(connection), tokenId)
      if (fromVendor) return fromVendor
    }
    const fromKeychain = await this.deps.secrets.get(key)
    if (fromKeychain) return fromKeychain
    throw new AppError('not_found', (await this.availability(connectionId, tokenId)).reason ?? 'No secret is available for this token.')
  }

  async save(connectionId: string, tokenId: string, secret: string): Promise<void> {
    this.deps.connections.get(connectionId)
    await this.deps.secrets.set(TokenSecrets.account(connectionId, tokenId), secret)
    ;(await this.stored()).add(TokenSecrets.account(connectionId, tokenId))
    this.pending.delete(TokenSecrets.account(connectionId, tokenId))
  }

  /** Keep a fresh secret in memory only, for a short while (the user declined the keychain). */
  holdPending(connectionId: string, tokenId: string, secret: string): void {
    this.pending.set(TokenSecrets.account(connectionId, tokenId), { secret, until: Date.now() + PENDING_MS })
  }

  /** Drop a held secret (it was handed to where the user chose). */
  dropPending(connectionId: string, tokenId: string): void {
    this.pending.delete(TokenSecrets.account(connectionId, tokenId))
  }

  async forget(connectionId: string, tokenId: string): Promise<void> {
    const key = TokenSecrets.account(connectionId, tokenId)
    this.pending.delete(key)
    if ((await this.stored()).delete(key)) await this.deps.secrets.delete(key)
  }

  async forgetConnection(connectionId: string): Promise<void> {
    const prefix = `${connectionId}/token/`
    for (const key of [...this.pending.keys()]) if (key.startsWith(prefix)) this.pending.delete(key)
    const stored = await this.stored()
    for (const key of [...stored]) {
      if (!key.startsWith(prefix)) continue
      stored.delete(key)
      await this.deps.secrets.delete(key)
    }
  }

  private async context(connection: Connection) {
    return { connection, credential: await this.deps.connections.credentialFor(connection.id), http: this.deps.http }
  }
}
