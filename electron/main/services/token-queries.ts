/**
 * The one way main picks tokens from the inventory: every connection's last complete inventory
 * joined with the user's metadata (owner, tags, notes, display name: common/token-meta
 * `toTokenRow`), then the window's filter and sort (common/token-query). The window's rows
 * (`tokens:list`, `tokens:window` and the tokens an action returns), the export (window and CLI)
 * and the CLI's `tokens list` go through it. The join is one object per token, the same copy
 * `tokens:list` made before (the vendor block left out): 50,000 rows in a few milliseconds.
 */
import type { Connection } from '../../common/model'
import { toTokenRow, type MetaBulkChange, type TokenRow } from '../../common/token-meta'
import { filterTokens, firstSorted, sortTokens, type TokenFilter, type TokenSort } from '../../common/token-query'
import type { BulkResult, Token } from '../../common/tokens'
import type { ConnectionStore } from './connection-store'
import type { InventoryService } from './inventory'
import type { TokenMetaStore } from './token-meta-store'

export class TokenQueries {
  constructor(private readonly deps: { connections: ConnectionStore; inventory: InventoryService; meta: TokenMetaStore; /** The policy's findings, for the Findings filter and sort; without it, none. */ findings?: { maskBy(now?: number): (key: string) => number } }) {}

  /** One token as a row (an action's answer, put in place by the window). */
  row(token: Token): TokenRow {
    return toTokenRow(token, this.deps.meta.byKey(token.key))
  }

  /** The owner and display name kept for a token, also one no longer in the inventory (the review's removed tokens). */
  labelsOf(key: string): { owner: string | null; displayName: string | null } | null {
    const meta = this.deps.meta.byKey(key)
    return meta && { owner: meta.owner, displayName: meta.displayName }
  }

  /** Every row of one connection, or of all (undefined). */
  rows(connectionId?: string): TokenRow[] {
    return this.deps.inventory.tokens(connectionId).map((t) => this.row(t))
  }

  /**
   * A bulk owner / tag edit of a selection: the tokens still in the inventory change in one locked
   * write; a result per token, named as the window shows it (a token gone since fails alone).
   */
  async labelMany(keys: readonly string[], change: MetaBulkChange): Promise<BulkResult[]> {
    const unique = [...new Set(keys)]
    const byKey = new Map(this.deps.inventory.tokens().map((t) => [t.key, t]))
    const present = unique.filter((key) => byKey.has(key))
    const refused = new Map((present.length ? await this.deps.meta.bulk(present, change) : []).map((o) => [o.key, o.message]))
    return unique.map((key) => {
      const slash = key.indexOf('/')
      const where = { connectionId: key.slice(0, slash), tokenId: key.slice(slash + 1) }
      const token = byKey.get(key)
      if (!token) return { ...where, name: null, ok: false, message: 'No longer in the inventory. Refresh to update the list.' }
      const message = refused.get(key) ?? null
      return { ...where, name: token.name ?? this.deps.meta.byKey(key)?.displayName ?? null, ok: message === null, message }
    })
  }

  /** The rows this filter keeps, in this order; `only`: just these connections (the CLI's --connection / --client). */
  select(filter: TokenFilter, sort: TokenSort, options: { only?: ReadonlySet<string>; now?: Date } = {}): TokenRow[] {
    const connections = new Map<string, Connection>(this.deps.connections.list().map((c) => [c.id, c]))
    const all = this.deps.inventory.tokens()
    const rows = (options.only ? all.filter((t) => options.only!.has(t.connectionId)) : all).map((t) => this.row(t))
    const now = (options.now ?? new Date()).getTime()
    const findingsOf = this.deps.findings?.maskBy(now)
    return filterTokens(sortTokens(rows, sort, connections, findingsOf), filter, { now, connections, findingsOf })
  }

  /**
   * The first `limit` rows of `select(filter, sort)` and how many it has: the window's first
   * screen, served before the whole inventory reaches it. Filtered, then only the first rows
   * ordered (firstSorted): no full sort of 50,000 tokens at start-up.
   */
  window(filter: TokenFilter, sort: TokenSort, limit: number, now = new Date()): { rows: TokenRow[]; total: number } {
    const connections = new Map<string, Connection>(this.deps.connections.list().map((c) => [c.id, c]))
    const findingsOf = this.deps.findings?.maskBy(now.getTime())
    const kept = filterTokens(this.rows(), filter, { now: now.getTime(), connections, findingsOf })
    return { rows: firstSorted(kept, sort, connections, limit, findingsOf), total: kept.length }
  }
}
