/**
 * Adding or changing a connection, tested first: the input is checked as the store would check it
 * (fields, label free), then the vendor is asked with the smallest authenticated call, and only
 * if it accepts is anything stored. `test: false` stores without asking ("Save anyway", or the
 * CLI's --no-test), for a vendor that cannot be reached now.
 *
 * One vendor account is connected once: a connection that would open an account another
 * connection already opens (same vendor, same base URL, and the same credential or the same
 * account as the vendor reports it) is refused, naming that connection — connected twice, its
 * tokens would be listed twice and one token could be replaced once through each.
 */
import type { Connection } from '../../common/model'
import type { ProviderId } from '../../common/providers'
import type { ConnectionPatch, NewConnection } from '../../common/validation'
import { revealHidden } from '../../common/visible-text'
import { AppError } from '../app-error'
import type { ConnectionStore } from './connection-store'
import type { InventoryService } from './inventory'

/** Where and as whom a connection signs in. */
interface SignIn {
  provider: ProviderId
  baseUrl: string
  accountId: string | null
  credential: string
}

export class ConnectionSetup {
  constructor(private readonly deps: { connections: ConnectionStore; inventory: InventoryService }) {}

  async add(input: NewConnection, options: { test: boolean }): Promise<Connection> {
    const data = await this.deps.connections.validateNew(input)
    const signIn = { provider: data.provider, baseUrl: data.baseUrl, accountId: data.accountId ?? null, credential: data.credential }
    const seen = options.test ? await this.deps.inventory.check({ connectionId: null, ...signIn }) : null
    await this.assertAccountFree(signIn, seen?.account ?? null, null, 'credential')
    // Again under the data folder's lock, with what is on disk now: the app and a CLI (or two)
    // adding the same credential at once both passed the check above, and both stored it.
    return this.deps.connections.add(input, {
      admit: async (current) => {
        const clash = await findAsync(current, async (c) => c.provider === signIn.provider && sameBaseUrl(c.baseUrl, signIn.baseUrl) && c.accountId === signIn.accountId && (await this.deps.connections.credentialFor(c.id).catch(() => null)) === signIn.credential)
        if (clash) throw accountTaken(clash, 'credential')
      },
    })
  }

  /** An edit is tested when it changes where or as whom Tokendesk signs in (base URL, account). */
  async update(id: string, patch: ConnectionPatch, options: { test: boolean }): Promise<Connection> {
    const before = this.deps.connections.get(id)
    const next = this.deps.connections.previewUpdate(id, patch)
    if (next.baseUrl !== before.baseUrl || next.accountId !== before.accountId) {
      const seen = options.test ? await this.deps.inventory.check({ connectionId: id, provider: next.provider, baseUrl: next.baseUrl, accountId: next.accountId, credential: null }) : null
      const credential = await this.deps.connections.credentialFor(id).catch(() => null)
      if (credential !== null) await this.assertAccountFree({ ...next, credential }, seen?.account ?? null, before, next.accountId !== before.accountId ? 'accountId' : 'baseUrl')
    }
    return this.deps.connections.update(id, patch)
  }

  async setCredential(id: string, credential: string, options: { test: boolean }): Promise<Connection> {
    const c = this.deps.connections.get(id)
    const seen = options.test ? await this.deps.inventory.check({ connectionId: id, provider: c.provider, baseUrl: c.baseUrl, accountId: c.accountId, credential }) : null
    await this.assertAccountFree({ provider: c.provider, baseUrl: c.baseUrl, accountId: c.accountId, credential: credential.trim() }, seen?.account ?? null, c, 'credential')
    return this.deps.connections.setCredential(id, credential)
  }

  /**
   * Refuses a sign-in that opens an account another connection opens: the same credential (and
   * account id), or — when the vendor reported whose account it is (`account`) — the account the
   * vendor reports for the other connection, asked now. An answer that does not come (the other
   * credential revoked, the vendor down) proves nothing, and nothing is refused for it. A change
   * of a connection (`changing`) that already opened that account before — two connections of
   * one account in a file from before this rule — is not refused either: it moves nothing onto
   * another's account (a self-rotation's new credential, say).
   */
  private async assertAccountFree(signIn: SignIn, account: string | null, changing: Connection | null, field: string): Promise<void> {
    const others = this.deps.connections.list().filter((c) => c.id !== changing?.id && c.provider === signIn.provider && sameBaseUrl(c.baseUrl, signIn.baseUrl))
    const same = await Promise.all(others.map((other) => this.opensSameAccount(other, signIn, account)))
    const clash = others.find((_, i) => same[i])
    if (!clash) return
    if (changing && (await this.alreadyOpens(changing, clash, account !== null))) return
    throw accountTaken(clash, field)
  }

  /** Whether a connection as it is now opens the account `other` opens (`ask`: the vendor may be asked). */
  private async alreadyOpens(c: Connection, other: Connection, ask: boolean): Promise<boolean> {
    if (!sameBaseUrl(c.baseUrl, other.baseUrl)) return false
    const credential = await this.deps.connections.credentialFor(c.id).catch(() => null)
    if (credential === null) return false
    const seen = ask ? await this.deps.inventory.check({ connectionId: c.id, provider: c.provider, baseUrl: c.baseUrl, accountId: c.accountId, credential }).catch(() => null) : null
    return this.opensSameAccount(other, { provider: c.provider, baseUrl: c.baseUrl, accountId: c.accountId, credential }, seen?.account ?? null)
  }

  private async opensSameAccount(other: Connection, signIn: SignIn, account: string | null): Promise<boolean> {
    const credential = await this.deps.connections.credentialFor(other.id).catch(() => null)
    if (credential === signIn.credential && other.accountId === signIn.accountId) return true
    if (account === null || credential === null) return false
    const seen = await this.deps.inventory
      .check({ connectionId: other.id, provider: other.provider, baseUrl: other.baseUrl, accountId: other.accountId, credential })
      .catch(() => null)
    return seen?.account === account
  }
}

function accountTaken(clash: Connection, field: string): AppError {
  const where = clash.client ? ` (client “${revealHidden(clash.client)}”)` : ''
  return new AppError('conflict', `This account is already connected as “${revealHidden(clash.label)}”${where}; its tokens are listed there. Use that connection, or remove it first.`, {
    fields: { [field]: `This account is already connected as “${revealHidden(clash.label)}”.` },
  })
}

async function findAsync<T>(items: readonly T[], test: (item: T) => Promise<boolean>): Promise<T | undefined> {
  for (const item of items) if (await test(item)) return item
  return undefined
}

/** One host and path, however it was written (`HTTPS://Host/x/` is `https://host/x`). */
function sameBaseUrl(a: string, b: string): boolean {
  const normal = (url: string): string => {
    try {
      return new URL(url).href.replace(/\/+$/, '')
    } catch {
      return url
    }
  }
  return normal(a) === normal(b)
}
