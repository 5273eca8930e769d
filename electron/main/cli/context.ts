/** What the commands share: naming connections and tokens safely, finding them, refreshing, exit codes. */
import path from 'node:path'
import type { Connection } from '../../common/model'
import { isVendorKind } from '../../common/errors'
import type { TokenSort } from '../../common/token-query'
import type { Token } from '../../common/tokens'
import { revealHidden, terminalSafeJson } from '../../common/visible-text'
import { AppError } from '../app-error'
import type { Services } from '../services'
import type { CommandContext } from './spec'
import { EXIT, UsageError } from './usage'

// Labels, clients and vendor messages are untrusted: written with their hidden characters shown.
export const where = (c: Pick<Connection, 'label' | 'client'>): string => (c.client ? `“${revealHidden(c.label)}” (${revealHidden(c.client)})` : `“${revealHidden(c.label)}”`)
/** A word a user can paste into a POSIX shell as it is: bare when plain, else single-quoted (nothing in it expanded). */
export const shellWord = (s: string): string => (/^[A-Za-z0-9._:@%+,/=-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`)
/**
 * The connection in a command the user is told to run: its label, shell-quoted, when the label is
 * what it shows (no hidden or control characters); else its id, which Tokendesk made and is plain.
 */
export const connectionArg = (c: Pick<Connection, 'id' | 'label'>): string => (revealHidden(c.label) === c.label && !/\p{Cc}/u.test(c.label) ? shellWord(c.label) : c.id)
export const said = (message: string | undefined): string => revealHidden(message ?? 'unknown error')
/** A token in a sentence: “name” (id), or its id alone. */
export const named = (t: Pick<Token, 'id' | 'name'>): string => (t.name ? `“${revealHidden(t.name)}” (${revealHidden(t.id)})` : revealHidden(t.id))
/** An error that is the vendor's answer (refused, unreachable…), not a problem with the input or the keychain. */
export const isVendorAnswer = (error: unknown): boolean => error instanceof AppError && isVendorKind(error.kind)

/** Machine output: exact data, escaped for the terminal, one document on stdout. */
export const printJson = (ctx: Pick<CommandContext, 'io'>, value: unknown, keys?: string[]): void => ctx.io.out(`${terminalSafeJson(value, keys ?? null, 2)}\n`)

/** A path as the caller means it: relative to their directory, not the process's or the checkout's. */
export const resolvePath = (ctx: Pick<CommandContext, 'io'>, file: string): string => path.resolve(ctx.io.cwd, file)

export function resolveConnection(services: Services, ref: string | undefined): Connection {
  if (!ref) throw new UsageError('Name a connection with --connection (its id or label). See: tokendesk connections list')
  const all = services.connections.list()
  const byId = all.find((c) => c.id === ref)
  if (byId) return byId
  const byLabel = all.filter((c) => c.label.toLowerCase() === ref.toLowerCase())
  if (byLabel.length === 1) return byLabel[0]!
  if (byLabel.length > 1) {
    throw new UsageError(`“${revealHidden(ref)}” names ${byLabel.length} connections (clients: ${byLabel.map((c) => revealHidden(c.client) || 'none').join(', ')}); use the id.`)
  }
  throw new UsageError(`No connection is called “${revealHidden(ref)}”. See: tokendesk connections list`)
}

/** The saved inventory needs the data key from the keychain: without it, exit 4. */
export function needInventory(services: Services): void {
  if (services.snapshotsUnavailable?.kind === 'keychain_unavailable') throw services.snapshotsUnavailable
}

/**
 * The connection holding a token: the one named, or the only one whose saved inventory has it.
 * `refresh`: ask the vendor first (an action must see the token as it is now).
 */
export async function findToken(ctx: CommandContext, tokenId: string, options: { refresh: boolean }): Promise<{ connection: Connection; token: Token }> {
  const { services } = ctx
  needInventory(services)
  const named = ctx.options.connection ? resolveConnection(services, ctx.options.connection) : null
  const scope = named ? [named] : services.connections.list()
  const held = (c: Connection) => services.inventory.tokens(c.id).find((t) => t.id === tokenId)
  let holders = scope.filter(held)
  if (options.refresh) {
    const one = named ?? (holders.length === 1 ? holders[0]! : null)
    if (one) {
      // The token as the vendor has it now: an action follows the vendor's state, not a stale copy.
      const status = await services.inventory.refresh(one.id)
      if (status.error) throw new AppError(status.error.kind, `${where(one)} failed: ${status.error.kind}: ${said(status.error.message)}`)
    } else if (holders.length === 0) {
      // In no saved inventory: perhaps made since the last refresh.
      await Promise.all(scope.map((c) => services.inventory.refresh(c.id)))
    }
    holders = scope.filter(held)
  }
  if (holders.length > 1) throw new UsageError(`“${revealHidden(tokenId)}” is in ${holders.length} connections; name one with --connection.`)
  const connection = holders[0]
  const token = connection && held(connection)
  if (!connection || !token) {
    throw new AppError('not_found', `No token “${revealHidden(tokenId)}” in ${named ? `the inventory of ${where(named)}` : 'any connection’s inventory'}. See: tokendesk tokens list`)
  }
  return { connection, token }
}

/**
 * After a change (a token made, edited, disabled, deleted, rotated): the connection refreshed, so
 * its saved offline inventory — what `--offline` and the next run start from — shows the change.
 * A refresh that fails leaves the change made; the next refresh catches up.
 */
export async function keepSnapshot(services: Services, connectionId: string): Promise<void> {
  await services.inventory.refresh(connectionId).catch(() => undefined)
}

/** The CLI lists and exports as the window's Connection column sorts: client, connection, then name and id. */
export const BY_CONNECTION: TokenSort = { key: 'connection', dir: 1 }

export interface Selection {
  selected: Connection[]
  failed: boolean
  keychainDown: boolean
}

/** The connections the options select (--connection, --client), refreshed unless offline; one stderr line per failure. */
export async function selectAndRefresh(ctx: CommandContext, scope: { connection?: string; client?: string } = ctx.options): Promise<Selection> {
  const { services, io, options } = ctx
  let selected = services.connections.list()
  if (scope.connection) selected = [resolveConnection(services, scope.connection)]
  if (scope.client !== undefined) selected = selected.filter((c) => c.client.toLowerCase() === scope.client!.toLowerCase())
  needInventory(services)
  const { inventory } = services
  let failed = false
  let keychainDown = 0
  if (!options.offline) await Promise.all(selected.map((c) => inventory.refresh(c.id)))
  for (const c of selected) {
    const status = inventory.status(c.id)
    const asOf = status.refreshedAt ? ` Showing the inventory as of ${status.refreshedAt}.` : ''
    if (status.error) {
      failed = true
      if (status.error.kind === 'keychain_unavailable') keychainDown += 1
      io.err(`tokendesk: ${where(c)} failed: ${status.error.kind}: ${said(status.error.message)}${asOf}\n`)
    } else if (status.state === 'idle') {
      failed = true
      io.err(`tokendesk: ${where(c)}: no inventory is saved for offline use yet; run once without --offline.\n`)
    } else if (options.offline) {
      io.err(`tokendesk: ${where(c)}: offline, inventory as of ${status.refreshedAt}\n`)
    }
  }
  return { selected, failed, keychainDown: selected.length > 0 && keychainDown === selected.length }
}

export function exitFor(result: { failed: boolean; keychainDown: boolean }): number {
  return result.keychainDown ? EXIT.keychain : result.failed ? EXIT.failed : EXIT.ok
}
