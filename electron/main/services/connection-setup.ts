/**
 * Adding or changing a connection, tested first: the input is checked as the store would check it
 * (fields, label free), then the vendor is asked with the smallest authenticated call, and only
 * if it accepts is anything stored. `test: false` stores without asking ("Save anyway", or the
 * CLI's --no-test), for a vendor that cannot be reached now.
 */
import type { Connection } from '../../common/model'
import type { ConnectionPatch, NewConnection } from '../../common/validation'
import type { ConnectionStore } from './connection-store'
import type { InventoryService } from './inventory'

export class ConnectionSetup {
  constructor(private readonly deps: { connections: ConnectionStore; inventory: InventoryService }) {}

  async add(input: NewConnection, options: { test: boolean }): Promise<Connection> {
    const data = await this.deps.connections.validateNew(input)
    if (options.test) {
      await this.deps.inventory.check({ connectionId: null, provider: data.provider, baseUrl: data.baseUrl, accountId: data.accountId ?? null, credential: data.credential })
    }
    return this.deps.connections.add(input)
  }

  /** An edit is tested when it changes where or as whom Tokendesk signs in (base URL, account). */
  async update(id: string, patch: ConnectionPatch, options: { test: boolean }): Promise<Connection> {
    const before = this.deps.connections.get(id)
    const next = this.deps.connections.previewUpdate(id, patch)
    if (options.test && (next.baseUrl !== before.baseUrl || next.accountId !== before.accountId)) {
      await this.deps.inventory.check({ connectionId: id, provider: next.provider, baseUrl: next.baseUrl, accountId: next.accountId, credential: null })
    }
    return this.deps.connections.update(id, patch)
  }

  async setCredential(id: string, credential: string, options: { test: boolean }): Promise<Connection> {
    const c = this.deps.connections.get(id)
    if (options.test) await this.deps.inventory.check({ connectionId: id, provider: c.provider, baseUrl: c.baseUrl, accountId: c.accountId, credential })
    return this.deps.connections.setCredential(id, credential)
  }
}
