/** The CLI's commands over the same services as the app. */
import type { Connection } from '../../common/model'
import { PROVIDER_IDS, type ProviderId } from '../../common/providers'
import { TOKEN_STATUSES, type Token } from '../../common/tokens'
import type { Services } from '../services'
import { EXPORT_COLUMNS, toCsv, toExportRow } from '../services/export-format'
import type { CliIO } from './io'
import { formatTable } from './table'
import { EXIT, UsageError } from './usage'

export interface CliOptions {
  provider?: string
  label?: string
  client?: string
  'base-url'?: string
  'account-id'?: string
  connection?: string
  status?: string
  json?: boolean
  csv?: boolean
  offline?: boolean
}

export interface CommandContext {
  services: Services
  io: CliIO
  options: CliOptions
  args: string[]
  now: Date
}

const where = (c: Connection): string => (c.client ? `“${c.label}” (${c.client})` : `“${c.label}”`)

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
  const created = await services.connections.add({
    provider,
    label: options.label,
    client: options.client ?? '',
    baseUrl: options['base-url'],
    accountId: options['account-id'] ?? null,
    credential: credential.trim(),
  })
  io.out(`${created.id}\n`)
  return EXIT.ok
}

export function connectionsList({ services, io, options }: CommandContext): number {
  const list = services.connections.list()
  if (options.json) {
    const rows = list.map(({ credentialLast4: _last4, ...c }) => c)
    io.out(`${JSON.stringify(rows, null, 2)}\n`)
  } else if (list.length === 0) {
    io.err('No connections yet. Add one with: tokendesk connections add …\n')
  } else {
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
    io.err(`tokendesk: ${where(c)} failed: ${e.kind ?? 'internal'}: ${e.message ?? 'unknown error'}\n`)
    return EXIT.failed
  }
}

export async function tokensList({ services, io, options, now }: CommandContext): Promise<number> {
  if (options.json && options.csv) throw new UsageError('Choose one of --json and --csv.')
  const statuses = TOKEN_STATUSES.filter((s) => s !== 'unknown') as string[]
  if (options.status && !statuses.includes(options.status.toLowerCase())) {
    throw new UsageError(`--status must be one of: ${statuses.join(', ')}.`)
  }
  let selected = services.connections.list()
  if (options.connection) selected = [resolveConnection(services, options.connection)]
  if (options.client !== undefined) selected = selected.filter((c) => c.client.toLowerCase() === options.client!.toLowerCase())

  const { inventory } = services
  let failed = false
  let keychainDown = 0
  if (!options.offline) await Promise.all(selected.map((c) => inventory.refresh(c.id)))
  for (const c of selected) {
    const status = inventory.status(c.id)
    if (status.error) {
      failed = true
      if (status.error.kind === 'keychain_unavailable') keychainDown += 1
      io.err(`tokendesk: ${where(c)} failed: ${status.error.kind}: ${status.error.message}\n`)
    } else if (status.state === 'idle') {
      failed = true
      io.err(`tokendesk: ${where(c)}: no inventory is available offline yet; run without --offline once.\n`)
    }
  }

  const byId = new Map(selected.map((c) => [c.id, c]))
  const tokens: Token[] = selected.flatMap((c) => inventory.tokens(c.id))
  const rows = tokens
    .map((t) => toExportRow(t, byId.get(t.connectionId)!, now))
    .filter((r) => !options.status || r.status === options.status!.toLowerCase())
    .sort((a, b) => a.connection.localeCompare(b.connection) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))

  if (options.json) io.out(`${JSON.stringify(rows, EXPORT_COLUMNS as string[], 2)}\n`)
  else if (options.csv) io.out(toCsv(rows))
  else if (rows.length) {
    io.out(
      formatTable(
        ['CONNECTION', 'CLIENT', 'PROVIDER', 'ID', 'NAME', 'STATUS', 'EXPIRES', 'LAST USED'],
        rows.map((r) => [r.connection, r.client, r.provider, r.id, r.name, r.expired ? `${r.status} (expired)` : r.status, r.expiresAt?.slice(0, 10) ?? '—', r.lastUsedAt?.slice(0, 10) ?? 'never']),
      ),
    )
  }
  if (selected.length > 0 && keychainDown === selected.length) return EXIT.keychain
  return failed ? EXIT.failed : EXIT.ok
}
