/**
 * Refreshes connections through their adapters and holds the last complete inventory of each.
 * A refresh yields all tokens or an error — the previous inventory stays until a complete one
 * replaces it. A newer refresh of the same connection supersedes (aborts) the running one;
 * removing a connection cancels its refresh and forgets its tokens.
 */
import type { Connection } from '../../common/model'
import type { InventoryStatus, RefreshProgress, Token } from '../../common/tokens'
import { AppError, toEnvelope } from '../app-error'
import type { VendorHttp } from '../providers/http/vendor-http'
import type { ProviderAdapter } from '../providers/provider'
import { ADAPTERS } from '../providers/registry'
import { PROVIDERS, type ProviderId } from '../../common/providers'
import { vendorList } from '../../common/vendors/descriptor'
import { DEFAULT_LIMITS } from '../providers/http/limits'
import type { ConnectionStore } from './connection-store'
import type { Logger } from './logger'
import { Emitter } from './emitter'

/** A complete refresh: the new inventory of one connection. */
export interface CompletedRefresh {
  connection: Connection
  tokens: Token[]
  refreshedAt: string
}

interface Entry {
  status: InventoryStatus
  tokens: Token[]
  running: { controller: AbortController; promise: Promise<InventoryStatus> } | null
}

/** A connection to test before it is saved: new fields and credential, or a saved one's edit (its stored credential). */
export interface ConnectionCheck {
  connectionId: string | null
  provider: ProviderId
  baseUrl: string
  accountId: string | null
  credential: string | null
}

/** What the vendor said about a connection it accepted: whose account it opens, when it says. */
export interface CheckResult {
  account: string | null
}

export interface InventoryOptions {
  connections: ConnectionStore
  http: VendorHttp
  log: Logger
  adapters?: Readonly<Record<ProviderId, ProviderAdapter>>
  now?: () => Date
  /** While true, refreshes do nothing: the last complete inventory stays as it is. */
  offline?: () => boolean
}

export class InventoryService {
  private readonly entries = new Map<string, Entry>()
  private readonly progressed = new Emitter<RefreshProgress>()
  private readonly changedStatus = new Emitter<InventoryStatus>()
  private readonly completed = new Emitter<CompletedRefresh>()
  private readonly forgotten = new Emitter<string>()
  /** Pages of a running refresh. */
  readonly onProgress = this.progressed.event
  /** A connection's inventory state changed (refreshing, ok, error…). */
  readonly onStatus = this.changedStatus.event
  /** A removed connection's tokens and status are gone (its id). */
  readonly onForgotten = this.forgotten.event
  readonly onComplete = this.completed.event
  private readonly adapters: Readonly<Record<ProviderId, ProviderAdapter>>
  private readonly now: () => Date
  /** Refreshes not yet settled, and who waits for there to be none. */
  private readonly inFlight = new Set<Promise<InventoryStatus>>()
  private idleWaiters: Array<() => void> = []

  constructor(private readonly options: InventoryOptions) {
    this.adapters = options.adapters ?? ADAPTERS
    this.now = options.now ?? (() => new Date())
    options.connections.onRemoved((id) => this.forget(id))
  }

  adapterFor(connection: Connection): ProviderAdapter {
    return this.adapters[connection.provider]
  }

  /** Status of every known connection (idle ones included). */
  statuses(): InventoryStatus[] {
    return this.options.connections.list().map((c) => ({ ...this.entry(c.id).status }))
  }

  status(connectionId: string): InventoryStatus {
    this.options.connections.get(connectionId)
    return { ...this.entry(connectionId).status }
  }

  /** The last complete inventory of one connection, or of all. */
  tokens(connectionId?: string): Token[] {
    if (connectionId) {
      this.options.connections.get(connectionId)
      return this.entry(connectionId).tokens
    }
    return this.options.connections.list().flatMap((c) => this.entry(c.id).tokens)
  }

  /**
   * The entries of the vendor list a create or edit form chooses from (the descriptor's
   * `choicesFrom`, e.g. modules), as seen on the connection's tokens, by name.
   */
  choices(connectionId: string): Array<{ id: string; name: string }> {
    const key = PROVIDERS[this.options.connections.get(connectionId).provider].choicesFrom
    const seen = new Map<string, string>()
    if (key) for (const t of this.tokens(connectionId)) for (const e of vendorList(t, key)) seen.set(e.id, e.name ?? e.id)
    return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name))
  }

  /** Put a known-good inventory in place (e.g. from the offline snapshot) without a refresh. */
  seed(connectionId: string, tokens: Token[], refreshedAt: string): void {
    const entry = this.entry(connectionId)
    entry.tokens = tokens
    entry.status = { ...entry.status, state: 'ok', refreshedAt, tokenCount: tokens.length }
  }

  /**
   * Take in a complete inventory another process saved (its snapshot) when it is newer than the
   * one held here and no refresh is running here; listeners hear of it as of a refresh.
   */
  adoptNewer(connectionId: string, tokens: Token[], refreshedAt: string): boolean {
    const entry = this.entry(connectionId)
    if (entry.running || (entry.status.refreshedAt && refreshedAt <= entry.status.refreshedAt)) return false
    entry.tokens = tokens
    this.update(entry, { state: 'ok', refreshedAt, tokenCount: tokens.length, error: null, progress: null })
    return true
  }

  /**
   * Put the vendor's answer for one token in place (after an action). Keeps what only a full
   * refresh learns (which token is the connection's own credential).
   */
  applyToken(token: Token): Token {
    const entry = this.entry(token.connectionId)
    const index = entry.tokens.findIndex((t) => t.id === token.id)
    const merged = index >= 0 ? { ...token, isOwnCredential: token.isOwnCredential || entry.tokens[index]!.isOwnCredential } : token
    entry.tokens = index >= 0 ? entry.tokens.map((t, i) => (i === index ? merged : t)) : [...entry.tokens, merged]
    this.update(entry, { tokenCount: entry.tokens.length })
    return merged
  }

  removeToken(connectionId: string, tokenId: string): void {
    const entry = this.entry(connectionId)
    entry.tokens = entry.tokens.filter((t) => t.id !== tokenId)
    this.update(entry, { tokenCount: entry.tokens.length })
  }

  refreshAll(): Promise<InventoryStatus[]> {
    return Promise.all(this.options.connections.list().map((c) => this.refresh(c.id)))
  }

  /** Never rejects for a vendor failure: the failure is in the returned status. */
  refresh(connectionId: string): Promise<InventoryStatus> {
    const connection = this.options.connections.get(connectionId)
    const entry = this.entry(connectionId)
    if (this.options.offline?.()) return Promise.resolve({ ...entry.status })
    entry.running?.controller.abort() // superseded
    const controller = new AbortController()
    const promise = this.run(connection, entry, controller)
    entry.running = { controller, promise }
    this.inFlight.add(promise)
    void promise.finally(() => {
      this.inFlight.delete(promise)
      if (this.inFlight.size) return
      const waiters = this.idleWaiters
      this.idleWaiters = []
      for (const resolve of waiters) resolve()
    })
    return promise
  }

  /** Resolves once no refresh is running (at once when none is). */
  idle(): Promise<void> {
    return this.inFlight.size ? new Promise((resolve) => this.idleWaiters.push(resolve)) : Promise.resolve()
  }

  cancel(connectionId: string): void {
    this.entries.get(connectionId)?.running?.controller.abort()
  }

  forget(connectionId: string): void {
    this.cancel(connectionId)
    this.entries.delete(connectionId)
    this.forgotten.fire(connectionId)
  }

  /** "Test connection": the smallest authenticated list call. Throws the envelope's AppError. */
  async test(connectionId: string): Promise<void> {
    if (this.options.offline?.()) throw new AppError('offline', 'Tokendesk is working offline; turn it off to test a connection.')
    const connection = this.options.connections.get(connectionId)
    const credential = await this.options.connections.credentialFor(connectionId)
    await this.adapterFor(connection).probe({ connection, credential, http: this.options.http })
  }

  /**
   * The same smallest call for a connection before it is saved (or an edit before it is kept):
   * resolves with whose account it opens when the vendor accepts it, else throws the vendor's answer as an AppError.
   */
  async check(candidate: ConnectionCheck): Promise<CheckResult> {
    if (this.options.offline?.()) throw new AppError('offline', 'Tokendesk is working offline; nothing was sent to the vendor.')
    const saved = candidate.connectionId ? this.options.connections.get(candidate.connectionId) : null
    const connection: Connection = {
      id: saved?.id ?? '00000000-0000-4000-8000-000000000000',
      provider: candidate.provider,
      label: saved?.label ?? '',
      client: saved?.client ?? '',
      baseUrl: candidate.baseUrl ?? saved?.baseUrl ?? '',
      accountId: candidate.accountId ?? null,
      createdAt: this.now().toISOString(),
      credentialLast4: null,
    }
    const credential = candidate.credential ?? (await this.options.connections.credentialFor(saved!.id))
    const adapter = this.adapterFor(connection)
    const ctx = { connection, credential, http: this.options.http }
    await adapter.probe(ctx)
    return { account: adapter.accountOf ? await adapter.accountOf(ctx) : null }
  }

  private async run(connection: Connection, entry: Entry, controller: AbortController): Promise<InventoryStatus> {
    // The whole refresh (every page) has a budget too: a vendor slow on every page still ends.
    const budgetMs = this.options.http.limits?.refreshBudgetMs ?? DEFAULT_LIMITS.refreshBudgetMs
    const budget = AbortSignal.timeout(budgetMs)
    const signal = AbortSignal.any([controller.signal, budget])
    const isCurrent = (): boolean => entry.running?.controller === controller && this.entries.get(connection.id) === entry
    this.update(entry, { state: 'refreshing', progress: { connectionId: connection.id, pagesDone: 0, pagesTotal: null, tokens: 0 } })
    try {
      const credential = await this.options.connections.credentialFor(connection.id)
      const tokens = await this.adapterFor(connection).list({ connection, credential, http: this.options.http, signal }, (p) => {
        if (!isCurrent() || signal.aborted) return
        const progress = { connectionId: connection.id, ...p }
        entry.status.progress = progress
        this.progressed.fire(progress)
      })
      if (signal.aborted) throw new AppError('cancelled', 'The refresh was cancelled.')
      if (!isCurrent()) return { ...entry.status }
      const refreshedAt = this.now().toISOString()
      entry.tokens = tokens
      entry.running = null
      this.update(entry, { state: 'ok', refreshedAt, tokenCount: tokens.length, error: null, progress: null })
      this.completed.fire({ connection, tokens, refreshedAt })
      return { ...entry.status }
    } catch (error) {
      const envelope = controller.signal.aborted
        ? { kind: 'cancelled' as const, message: 'The refresh was cancelled.' }
        : budget.aborted
          ? { kind: 'timeout' as const, message: `${PROVIDERS[connection.provider].name} did not finish the refresh within ${Math.round(budgetMs / 1000)} s; the previous inventory is kept.` }
          : toEnvelope(error)
      if (envelope.kind === 'internal') this.options.log.error('inventory: refresh failed', { error })
      // A superseded refresh leaves the state to the one that replaced it.
      if (isCurrent()) {
        entry.running = null
        this.update(entry, { state: 'error', error: envelope, progress: null })
      }
      return { ...entry.status, error: envelope }
    }
  }

  private entry(connectionId: string): Entry {
    let entry = this.entries.get(connectionId)
    if (!entry) {
      entry = {
        status: { connectionId, state: 'idle', refreshedAt: null, tokenCount: 0, error: null, progress: null },
        tokens: [],
        running: null,
      }
      this.entries.set(connectionId, entry)
    }
    return entry
  }

  private update(entry: Entry, patch: Partial<InventoryStatus>): void {
    entry.status = { ...entry.status, ...patch }
    this.changedStatus.fire({ ...entry.status })
  }
}
