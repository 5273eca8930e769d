/**
 * `tokens get` (one token as the details panel shows it) and `tokens secret` (its secret, on
 * explicit request, to a new 0600 file or the caller's descriptor — as the window's Show reveals
 * it, recorded in the activity log; never to the terminal).
 */
import { PROVIDERS } from '../../common/providers'
import { revealHidden } from '../../common/visible-text'
import { toExportRow } from '../services/export-format'
import { connectionArg, findToken, named, printJson, shellWord, where } from './context'
import { markText, rotationMarks } from './rotation-marks'
import { openSecretSink } from './secret-sink'
import type { CommandContext, CommandSpec } from './spec'
import { formatTable } from './table'
import { EXIT } from './usage'

async function get(ctx: CommandContext): Promise<number> {
  const { services, io, options, now } = ctx
  const { connection, token } = await findToken(ctx, ctx.args[0]!, { refresh: !options.offline })
  const row = toExportRow(services.queries.row(token), connection, now)
  const rotation = (await rotationMarks(services)).marks.get(token.key) ?? null
  const secret = await services.tokenSecrets.availability(connection.id, token.id)
  const details = { connectionId: connection.id, ...row, isOwnCredential: token.isOwnCredential, rotation, secret, vendor: token.vendor }
  if (options.json) {
    printJson(ctx, details)
    return EXIT.ok
  }
  const vendor = PROVIDERS[connection.provider]
  const lines: Array<[string, string]> = [
    ['Token', row.id],
    ['Name', row.name ?? '(unnamed)'],
    ['Connection', `${connection.label}${connection.client ? ` (${connection.client})` : ''}, ${vendor.name}`],
    ['Status', `${row.status}${row.expired ? ' (expired)' : ''}${rotation ? ` ${markText(rotation)}` : ''}`],
    ['Description', row.description ?? '—'],
    ['Created', [row.createdAt ?? '—', row.createdBy ? `by ${row.createdBy}` : ''].filter(Boolean).join(' ')],
    ['Updated', row.updatedAt ?? '—'],
    ['Last used', row.lastUsedAt ?? (row.lastUsedReported ? 'never' : 'not reported by the vendor')],
    ['Expires', row.expiresAt ?? 'never'],
    [vendor.scopeTab.title, row.scope.join(', ') || '—'],
    ['Owner', row.owner ?? '—'],
    ['Tags', row.tags.join(', ') || '—'],
    ['Display name', row.displayName ?? '—'],
    ['Notes', row.notes ?? '—'],
    ['Secret', secret.available ? `available (${secret.source}): tokendesk tokens secret ${shellWord(revealHidden(row.id))} --connection ${connectionArg(connection)} --secret-out FILE` : `not known: ${secret.reason}`],
  ]
  if (token.isOwnCredential) lines.push(['Signs in', `Tokendesk signs in to ${connection.label} with this token`])
  io.out(formatTable(['FIELD', 'VALUE'], lines.map(([k, v]) => [k, v]), { width: io.columns, flexible: [1] }).split('\n').slice(1).join('\n'))
  return EXIT.ok
}

async function secret(ctx: CommandContext): Promise<number> {
  const { services, io, options } = ctx
  // Where it goes is checked first: nothing is read for a file or descriptor that is refused.
  const sink = openSecretSink(ctx, true)!
  try {
    const { connection, token } = await findToken(ctx, ctx.args[0]!, { refresh: !options.offline })
    const value = await services.tokenSecrets.reveal(connection.id, token.id)
    await sink.write(value)
    io.err(`The secret of ${named(token)} in ${where(connection)} was written to ${revealHidden(sink.target)}.\n`)
    if (options.json) printJson(ctx, { connectionId: connection.id, id: token.id, writtenTo: sink.target })
    return EXIT.ok
  } finally {
    sink.abandon() // a no-op once written
  }
}

const ONE_TOKEN = { usage: '<token>', min: 1, max: 1 }

export const TOKENS_GET: CommandSpec = {
  name: 'tokens get',
  args: ONE_TOKEN,
  summary: 'one token in full: the vendor’s fields, your metadata, its rotation, whether its secret is known',
  options: [['connection', 'the connection holding the token (needed when its id is in several)'], 'json', 'offline'],
  run: get,
}

export const TOKENS_SECRET: CommandSpec = {
  name: 'tokens secret',
  args: ONE_TOKEN,
  summary: 'write a token’s secret to a new 0600 file or your descriptor (never the terminal); recorded',
  description: `As the window's Show: the secret from the vendor where it can be read again, else from the
keychain (kept when the token was made or rotated in Tokendesk). A token whose secret is not known
is said so, with why (exit 2). Each reveal is recorded in the token's activity.`,
  options: [['connection', 'the connection holding the token (needed when its id is in several)'], 'secret-out', 'secret-fd', ['json', 'print { connectionId, id, writtenTo } (never the secret)'], 'offline'],
  examples: ['tokendesk tokens secret TKN-1234-5678 --connection Production --secret-out prod.secret', 'tokendesk tokens secret TKN-1234-5678 --connection Production --secret-fd 3 3>&…'],
  run: secret,
}
