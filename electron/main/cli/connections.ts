/** `connections add | list | remove | test | set-credential`: through ConnectionSetup, as the window does. */
import { stringify } from 'csv-stringify/sync'
import type { Connection } from '../../common/model'
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '../../common/providers'
import { escapeControls, revealHidden } from '../../common/visible-text'
import type { AppError } from '../app-error'
import { neutraliseFormula } from '../services/export-format'
import { isVendorAnswer, printJson, resolveConnection, said, where } from './context'
import type { CommandContext, CommandSpec } from './spec'
import { formatTable } from './table'
import { EXIT, UsageError } from './usage'

/** A connection as --json and --csv show it: everything but the credential's last characters. */
const shown = ({ credentialLast4: _last4, ...c }: Connection) => c
const CSV_COLUMNS = ['id', 'label', 'client', 'provider', 'baseUrl', 'accountId'] as const

async function readCredential(ctx: CommandContext, label: string): Promise<string> {
  const credential = await ctx.io.readLine(`Credential for ${revealHidden(label)} (input hidden): `)
  if (credential === null || !credential.trim()) throw new UsageError('Pass the credential as one line on standard input.')
  return credential.trim()
}

/** A vendor's refusal of a credential under test, said with what to do; other errors go on up. */
function refused(ctx: CommandContext, error: unknown, test: boolean, provider: ProviderId, label: string): number {
  if (!test || !isVendorAnswer(error)) throw error
  const e = error as AppError
  ctx.io.err(`tokendesk: ${PROVIDERS[provider].name} did not accept “${revealHidden(label)}”: ${e.kind}: ${said(e.message)}\nNothing was saved. To save it anyway (e.g. to work offline), add --no-test.\n`)
  return EXIT.failed
}

async function add(ctx: CommandContext): Promise<number> {
  const { services, io, options } = ctx
  const provider = options.provider as ProviderId
  if (!PROVIDER_IDS.includes(provider)) throw new UsageError(`--provider must be one of: ${PROVIDER_IDS.join(', ')}.`)
  if (!options.label) throw new UsageError('--label is required.')
  if (!options['base-url']) throw new UsageError('--base-url is required.')
  const input = {
    provider,
    label: options.label,
    client: options.client ?? '',
    baseUrl: options['base-url'],
    accountId: options['account-id'] ?? null,
    credential: await readCredential(ctx, options.label),
  }
  // Ask the vendor first: a credential it refuses is not saved unless --no-test says so.
  const test = !options['no-test']
  let created: Connection
  try {
    created = await services.connectionSetup.add(input, { test })
  } catch (error) {
    return refused(ctx, error, test, provider, options.label)
  }
  if (test) io.err(`ok: ${PROVIDERS[provider].name} accepted the credential.\n`)
  if (options.json) printJson(ctx, shown(created))
  else io.out(`${created.id}\n`)
  return EXIT.ok
}

function list(ctx: CommandContext): number {
  const { services, io, options } = ctx
  if (options.json && options.csv) throw new UsageError('Choose one of --json and --csv.')
  const all = services.connections.list()
  if (all.length === 0) io.err('No connections yet. Add one with: tokendesk connections add …\n')
  if (options.json) printJson(ctx, all.map(shown))
  else if (options.csv) {
    const cells = all.map((c) => CSV_COLUMNS.map((k) => neutraliseFormula(escapeControls(c[k] ?? ''))))
    io.out(stringify([[...CSV_COLUMNS], ...cells], { quoted_match: /[",\r\n]/, record_delimiter: '\r\n' }))
  } else if (all.length) {
    io.out(formatTable(['ID', 'LABEL', 'CLIENT', 'PROVIDER', 'BASE URL'], all.map((c) => [c.id, c.label, c.client, c.provider, c.baseUrl]), { width: io.columns, flexible: [1, 2, 4] }))
  }
  return EXIT.ok
}

async function remove(ctx: CommandContext): Promise<number> {
  const c = resolveConnection(ctx.services, ctx.args[0])
  await ctx.services.connections.remove(c.id)
  ctx.io.err(`Removed ${where(c)} and its keychain entry.\n`)
  if (ctx.options.json) printJson(ctx, { removed: c.id, label: c.label })
  return EXIT.ok
}

async function test(ctx: CommandContext): Promise<number> {
  const { services, io, options } = ctx
  const c = resolveConnection(services, ctx.args[0])
  try {
    await services.inventory.test(c.id)
    if (options.json) printJson(ctx, { id: c.id, ok: true, kind: null, message: null })
    else io.out(`ok: ${where(c)} answers and accepts its credential\n`)
    return EXIT.ok
  } catch (error) {
    const e = error as { kind?: string; message?: string }
    if (e.kind === 'keychain_unavailable') throw error
    io.err(`tokendesk: ${where(c)} failed: ${e.kind ?? 'internal'}: ${said(e.message)}\n`)
    if (options.json) printJson(ctx, { id: c.id, ok: false, kind: e.kind ?? 'internal', message: e.message ?? null })
    return EXIT.failed
  }
}

async function setCredential(ctx: CommandContext): Promise<number> {
  const { services, io, options } = ctx
  const c = resolveConnection(services, ctx.args[0])
  const test = !options['no-test']
  let updated: Connection
  try {
    updated = await services.connectionSetup.setCredential(c.id, await readCredential(ctx, c.label), { test })
  } catch (error) {
    return refused(ctx, error, test, c.provider, c.label)
  }
  io.err(`${test ? `ok: ${PROVIDERS[c.provider].name} accepted the credential. ` : ''}${where(c)} now signs in with the new credential (kept in the keychain).\n`)
  if (options.json) printJson(ctx, shown(updated))
  return EXIT.ok
}

const ONE = { usage: '<id|label>', min: 1, max: 1 }

export const CONNECTION_COMMANDS: CommandSpec[] = [
  {
    name: 'connections add',
    summary: 'add a connection; the credential is read as one line from standard input and tested with the vendor',
    description: `The vendor is asked whether it accepts the credential first: if not, exit 3 and nothing is
saved (--no-test skips the call, e.g. to work offline). Prints the new connection's id.`,
    options: [['provider', `the vendor: ${PROVIDER_IDS.join(', ')}`], 'label', ['client', 'the client it belongs to (optional)'], 'base-url', 'account-id', 'no-test', ['json', 'print the new connection as JSON']],
    examples: ['echo "$TOKEN" | tokendesk connections add --provider ID --label Production --client "Acme Corp" --base-url URL'],
    run: add,
  },
  {
    name: 'connections list',
    summary: 'the connections (never their credentials)',
    options: ['json', 'csv'],
    run: list,
  },
  { name: 'connections remove', args: ONE, summary: 'remove a connection and its keychain entries', options: ['json'], run: remove },
  { name: 'connections test', args: ONE, summary: 'ask the vendor whether the connection answers and accepts its credential', options: ['json'], run: test },
  {
    name: 'connections set-credential',
    args: ONE,
    summary: 'replace a connection’s credential (one line on standard input), tested with the vendor first',
    description: 'A credential the vendor refuses is not saved (exit 3) unless --no-test says so.',
    options: ['no-test', ['json', 'print the connection as JSON']],
    examples: ['echo "$NEW_TOKEN" | tokendesk connections set-credential Production'],
    run: setCredential,
  },
]
