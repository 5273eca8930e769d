/** The CLI's commands over the same services as the app. */
import type { Connection } from '../../common/model'
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '../../common/providers'
import path from 'node:path'
import { EXPIRY_WINDOWS, UNUSED_DAYS, computeInsights } from '../../common/insights'
import { EMPTY_FILTER, hasTag, type TokenFilter, type TokenSort } from '../../common/token-query'
import { TOKEN_STATUSES, type TokenStatus } from '../../common/tokens'
import { isVendorKind } from '../../common/errors'
import type { ReviewedToken } from '../../common/review-diff'
import { joinNames } from '../../common/vendors/descriptor'
import { terminalSafeJson, revealHidden } from '../../common/visible-text'
import { AppError } from '../app-error'
import { writeFileAtomic } from '../services/atomic-file'
import type { Services } from '../services'
import { EXPORT_COLUMNS, toCsv } from '../services/export-format'
import type { CliIO } from './io'
import { formatTable } from './table'
import { EXIT, UsageError } from './usage'

export interface CliOptions {
  format?: string
  out?: string
  provider?: string
  label?: string
  client?: string
  'base-url'?: string
  'account-id'?: string
  'no-test'?: boolean
  connection?: string
  status?: string
  json?: boolean
  csv?: boolean
  offline?: boolean
  reattach?: boolean
  delete?: boolean
  'secret-out'?: string
  'secret-fd'?: string
  finish?: boolean
  undo?: boolean
  owner?: string
  notes?: string
  tag?: string[]
  'display-name'?: string
  'from-csv'?: string
  'no-owner'?: boolean
}

export interface CommandContext {
  services: Services
  io: CliIO
  options: CliOptions
  args: string[]
  now: Date
}

// Labels, clients and vendor messages are untrusted: written with their hidden characters shown.
export const where = (c: Pick<Connection, 'label' | 'client'>): string => (c.client ? `“${revealHidden(c.label)}” (${revealHidden(c.client)})` : `“${revealHidden(c.label)}”`)
const said = (message: string | undefined): string => revealHidden(message ?? 'unknown error')
/** An error that is the vendor's answer (refused, unreachable…), not a problem with the input or the keychain. */
const isVendorAnswer = (error: unknown): boolean => error instanceof AppError && isVendorKind(error.kind)

export function resolveConnection(services: Services, ref: string | undefined): Connection {
  if (!ref) throw new UsageError('Name a connection by id or label.')
  const all = services.connections.list()
  const byId = all.find((c) => c.id === ref)
  if (byId) return byId
  const byLabel = all.filter((c) => c.label.toLowerCase() === ref.toLowerCase())
  if (byLabel.length === 1) return byLabel[0]!
  if (byLabel.length > 1) {
    throw new UsageError(`“${ref}” names ${byLabel.length} connections (clients: ${byLabel.map((c) => c.client || 'none').join(', ')}); use the id.`)
  }
  throw new UsageError(`No connection is called “${ref}”. See: tokendesk connections list`)
}

export async function connectionsAdd({ services, io, options }: CommandContext): Promise<number> {
  const provider = options.provider as ProviderId
  if (!PROVIDER_IDS.includes(provider)) throw new UsageError(`--provider must be one of: ${PROVIDER_IDS.join(', ')}.`)
  if (!options.label) throw new UsageError('--label is required.')
  if (!options['base-url']) throw new UsageError('--base-url is required.')
  const credential = await io.readLine(`Credential for ${options.label} (input hidden): `)
  if (credential === null || !credential.trim()) throw new UsageError('Pass the credential as one line on standard input.')
  const input = {
    provider,
    label: options.label,
    client: options.client ?? '',
    baseUrl: options['base-url'],
    accountId: options['account-id'] ?? null,
    credential: credential.trim(),
  }
  // Ask the vendor first: a credential it refuses is not saved unless --no-test says so.
  const test = !options['no-test']
  const vendor = PROVIDERS[provider].name
  let created: Connection
  try {
    created = await services.connectionSetup.add(input, { test })
  } catch (error) {
    if (!test || !isVendorAnswer(error)) throw error
    const e = error as AppError
    io.err(`tokendesk: ${vendor} did not accept “${revealHidden(options.label)}”: ${e.kind}: ${said(e.message)}\nNothing was saved. To save it anyway (e.g. to work offline), add --no-test.\n`)
    return EXIT.failed
  }
  if (test) io.err(`ok: ${vendor} accepted the credential.\n`)
  io.out(`${created.id}\n`)
  return EXIT.ok
}

export function connectionsList({ services, io, options }: CommandContext): number {
  const list = services.connections.list()
  if (list.length === 0) io.err('No connections yet. Add one with: tokendesk connections add …\n')
  if (options.json) {
    const rows = list.map(({ credentialLast4: _last4, ...c }) => c)
    io.out(`${terminalSafeJson(rows, null, 2)}\n`)
  } else if (list.length) {
    io.out(formatTable(['ID', 'LABEL', 'CLIENT', 'PROVIDER', 'BASE URL'], list.map((c) => [c.id, c.label, c.client, c.provider, c.baseUrl]), 64))
  }
  return EXIT.ok
}

export async function connectionsRemove({ services, io, args }: CommandContext): Promise<number> {
  const c = resolveConnection(services, args[0])
  await services.connections.remove(c.id)
  io.err(`Removed ${where(c)} and its keychain entry.\n`)
  return EXIT.ok
}

export async function connectionsTest({ services, io, args }: CommandContext): Promise<number> {
  const c = resolveConnection(services, args[0])
  try {
    await services.inventory.test(c.id)
    io.out(`ok: ${where(c)} answers and accepts its credential\n`)
    return EXIT.ok
  } catch (error) {
    const e = error as { kind?: string; message?: string }
    if (e.kind === 'keychain_unavailable') throw error
    io.err(`tokendesk: ${where(c)} failed: ${e.kind ?? 'internal'}: ${said(e.message)}\n`)
    return EXIT.failed
  }
}

/** The connections the options select, refreshed unless offline; one stderr line per failure. */
async function selectAndRefresh({ services, io, options }: CommandContext): Promise<{ selected: Connection[]; failed: boolean; keychainDown: boolean }> {
  const statuses = TOKEN_STATUSES.filter((s) => s !== 'unknown') as string[]
  if (options.status && !statuses.includes(options.status.toLowerCase())) {
    throw new UsageError(`--status must be one of: ${statuses.join(', ')}.`)
  }
  let selected = services.connections.list()
  if (options.connection) selected = [resolveConnection(services, options.connection)]
  if (options.client !== undefined) selected = selected.filter((c) => c.client.toLowerCase() === options.client!.toLowerCase())

  // Reading the saved inventory needs the data key from the keychain: without it, exit 4.
  if (services.snapshotsUnavailable?.kind === 'keychain_unavailable') throw services.snapshotsUnavailable
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

function exitFor(result: { failed: boolean; keychainDown: boolean }): number {
  return result.keychainDown ? EXIT.keychain : result.failed ? EXIT.failed : EXIT.ok
}

/** The CLI lists and exports as the window's Connection column sorts: client, connection, then name and id. */
const BY_CONNECTION: TokenSort = { key: 'connection', dir: 1 }

function statusFilter(status: string | undefined): TokenFilter {
  return { ...EMPTY_FILTER, statuses: status ? [status.toLowerCase() as TokenStatus] : [] }
}

/** `tokens list`'s filters on the user's metadata: --owner O, --no-owner, --tag T (repeated: every one). */
function metaFilter(options: CliOptions): { filter: Pick<TokenFilter, 'owners' | 'noOwner' | 'tag'> & { owner: string | null }; moreTags: string[] } {
  if (options.owner !== undefined && options['no-owner']) throw new UsageError('Choose one of --owner and --no-owner.')
  if (options.owner !== undefined && !options.owner.trim()) throw new UsageError('--owner needs a name; for tokens without one, use --no-owner.')
  const [tag = null, ...moreTags] = (options.tag ?? []).map((t) => t.trim()).filter(Boolean)
  // `owner` as well as the filter's `owners`: the one --owner, as the caller's messages read it.
  const owner = options.owner?.trim() ?? null
  return { filter: { owner, owners: owner ? [owner] : [], noOwner: !!options['no-owner'], tag }, moreTags }
}

export async function tokensList(ctx: CommandContext): Promise<number> {
  const { services, io, options, now } = ctx
  if (options.json && options.csv) throw new UsageError('Choose one of --json and --csv.')
  const { filter, moreTags } = metaFilter(options)
  const result = await selectAndRefresh(ctx)
  // The same query as the window and the export (owner, tags and notes joined in one place).
  const rows = services.exporter
    .rows({ ...statusFilter(options.status), ...filter }, BY_CONNECTION, { only: new Set(result.selected.map((c) => c.id)), now })
    .filter((r) => moreTags.every((tag) => hasTag(r, tag)))

  const filtered = options.status || options.client !== undefined || options.connection || filter.owner !== null || filter.noOwner || filter.tag !== null
  if (rows.length === 0 && !result.failed) io.err(`tokendesk: no tokens match${filtered ? ' these filters' : ''}.\n`)
  if (options.json) io.out(`${terminalSafeJson(rows, EXPORT_COLUMNS as string[], 2)}\n`)
  else if (options.csv) io.out(toCsv(rows))
  else if (rows.length) {
    io.out(
      formatTable(
        ['CONNECTION', 'CLIENT', 'PROVIDER', 'ID', 'NAME', 'OWNER', 'STATUS', 'EXPIRES', 'LAST USED'],
        rows.map((r) => [
          r.connection,
          r.client,
          r.provider,
          r.id,
          r.name ?? (r.displayName ? `(${r.displayName})` : '(unnamed)'),
          r.owner ?? '—',
          r.expired ? `${r.status} (expired)` : r.status,
          r.expiresAt?.slice(0, 10) ?? '—',
          r.lastUsedAt?.slice(0, 10) ?? (r.lastUsedReported ? 'never' : 'not reported'),
        ]),
      ),
    )
  }
  return exitFor(result)
}

export async function exportTokens(ctx: CommandContext): Promise<number> {
  const { services, io, options, now } = ctx
  if (options.format !== 'csv' && options.format !== 'json') throw new UsageError('--format must be csv or json.')
  if (!options.out) throw new UsageError('--out FILE is required.')
  const result = await selectAndRefresh(ctx)
  const rows = services.exporter.rows(statusFilter(options.status), BY_CONNECTION, { only: new Set(result.selected.map((c) => c.id)), now })
  // The folder must exist: a target the user names is never created on the way.
  await writeFileAtomic(path.resolve(options.out), services.exporter.render(rows, options.format), { createDir: false })
  io.err(`Exported ${rows.length} tokens to ${path.resolve(options.out)}\n`)
  return exitFor(result)
}

export async function tokensDiff(ctx: CommandContext): Promise<number> {
  const { services, io, options } = ctx
  const result = await selectAndRefresh({ ...ctx, options: { ...options, connection: undefined, client: undefined, status: undefined } })
  const diff = await services.review.diff()
  if (!diff) {
    io.err('tokendesk: nothing has been marked as reviewed yet. Run: tokendesk review mark\n')
    return EXIT.usage
  }
  if (options.json) {
    io.out(`${terminalSafeJson(diff, null, 2)}\n`)
  } else {
    const label = (id: string) => revealHidden(services.connections.list().find((c) => c.id === id)?.label ?? '?')
    const token = (t: ReviewedToken) =>
      `${revealHidden(t.id)}  ${revealHidden(t.name ?? (t.displayName ? `(${t.displayName})` : '(unnamed)'))}${t.owner ? `  owner: ${revealHidden(t.owner)}` : ''}`
    io.out(`Since the review of ${diff.reviewedAt}: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed\n`)
    for (const t of diff.added) io.out(`+ ${label(t.connectionId)}  ${token(t)}\n`)
    for (const t of diff.removed) io.out(`- ${label(t.connectionId)}  ${token(t)}\n`)
    for (const { token: t, changes } of diff.changed) {
      io.out(`~ ${label(t.connectionId)}  ${token(t)}: ${changes.map((c) => `${c.field} ${revealHidden(c.before ?? '—')} → ${revealHidden(c.after ?? '—')}`).join('; ')}\n`)
    }
  }
  return exitFor(result)
}

export async function reviewMark(ctx: CommandContext): Promise<number> {
  const result = await selectAndRefresh({ ...ctx, options: { ...ctx.options, connection: undefined, client: undefined, status: undefined } })
  const { reviewedAt } = await ctx.services.review.mark()
  ctx.io.err(`Marked ${ctx.services.inventory.tokens().length} tokens as reviewed at ${reviewedAt}\n`)
  return exitFor(result)
}

export async function tokensInsights(ctx: CommandContext): Promise<number> {
  const { services, io, options, now } = ctx
  const result = await selectAndRefresh(ctx)
  const ids = new Set(result.selected.map((c) => c.id))
  const insights = computeInsights(services.queries.rows().filter((t) => ids.has(t.connectionId)), now.getTime())
  if (options.json) {
    io.out(`${terminalSafeJson(insights, null, 2)}\n`)
  } else {
    const line = (label: string, value: number) => io.out(`${label.padEnd(28)} ${String(value).padStart(6)}\n`)
    line('Tokens', insights.total)
    for (const w of EXPIRY_WINDOWS) line(`Expiring within ${w} days`, insights.expiringWithin[w])
    line('Expired', insights.expired)
    line('Never used', insights.neverUsed)
    line(`Use not reported (${joinNames(PROVIDER_IDS.filter((id) => !PROVIDERS[id].tracksLastUse).map((id) => PROVIDERS[id].shortName))})`, insights.usageUnknown)
    line(`Unused ${UNUSED_DAYS}+ days`, insights.unused90)
    line('No expiry', insights.noExpiry)
    line('Disabled or suspended', insights.inactive)
    line('No owner', insights.noOwner)
    for (const [status, n] of Object.entries(insights.byStatus)) if (n) line(`  status ${status}`, n)
    for (const [provider, n] of Object.entries(insights.byProvider)) if (n) line(`  provider ${provider}`, n)
  }
  return exitFor(result)
}
