/**
 * The one way main picks tokens from the inventory: the window's filter and sort
 * (common/token-query) over every connection's last complete inventory. The window's rows
 * (`tokens:window`) and the export (window and CLI) go through it.
 */
import type { Connection } from '../../common/model'
import { filterTokens, sortTokens, type TokenFilter, type TokenSort } from '../../common/token-query'
import type { Token } from '../../common/tokens'
import type { ConnectionStore } from './connection-store'
import type { InventoryService } from './inventory'

export class TokenQueries {
  constructor(private readonly deps: { connections: ConnectionStore; inventory: InventoryService }) {}

  /** The tokens this filter keeps, in this order; `only`: just these connections (the CLI's --connection / --client). */
  select(filter: TokenFilter, sort: TokenSort, options: { only?: ReadonlySet<string>; now?: Date } = {}): Token[] {
    const connections = new Map<string, Connection>(this.deps.connections.list().map((c) => [c.id, c]))
    const all = this.deps.inventory.tokens()
    const tokens = sortTokens(options.only ? all.filter((t) => options.only!.has(t.connectionId)) : all, sort, connections)
    return filterTokens(tokens, filter, { now: (options.now ?? new Date()).getTime(), connections })
  }
}
