/**
 * `tokens create` and `tokens edit`: the vendor's own create and edit forms (token-form.ts),
 * through TokenActions as in the window. A new token's secret goes where rotate puts one: the
 * keychain by default, or a new 0600 file / the caller's descriptor (secret-sink.ts) — never the
 * terminal. A secret that cannot reach the file is kept in the keychain instead: no live token
 * is left whose secret nobody has.
 */
import { revealHidden } from '../../common/visible-text'
import type { Connection } from '../../common/model'
import { PROVIDERS } from '../../common/providers'
import type { CreateTokenInput, UpdateTokenInput } from '../../common/tokens'
import { toEnvelope } from '../app-error'
import { toExportRow } from '../services/export-format'
import { connectionArg, findToken, keepSnapshot, named, printJson, resolveConnection, shellWord, where } from './context'
import { openSecretSink } from './secret-sink'
import type { CommandContext, CommandSpec } from './spec'
import { formFieldsHelp, formInput } from './token-form'
import { EXIT, UsageError } from './usage'

const rowOf = (ctx: CommandContext, connection: Connection, token: Parameters<CommandContext['services']['queries']['row']>[0]) => ({
  connectionId: connection.id,
  ...toExportRow(ctx.services.queries.row(token), connection, ctx.now),
})

async function create(ctx: CommandContext): Promise<number> {
  const { services, io, options, now } = ctx
  const connection = resolveConnection(services, options.connection)
  const vendor = PROVIDERS[connection.provider]
  if (!vendor.create || !vendor.capabilities.create) throw new UsageError(`${vendor.name} cannot create tokens through its API (${where(connection)}).`)
  const { input } = formInput({ fields: vendor.create, pairs: options.field ?? [], form: `${vendor.name}’s create form`, token: null, choices: services.inventory.choices(connection.id), now })
  // Checked and opened before the vendor is asked: a refused file or descriptor costs no token.
  const sink = openSecretSink(ctx)
  let created
  try {
    created = await services.actions.create(connection.id, { provider: connection.provider, ...input } as CreateTokenInput, !sink)
  } catch (error) {
    sink?.abandon()
    throw error
  }
  const { token, secret } = created
  let secretTo: string | null = created.saved ? 'keychain' : null
  let code: number = EXIT.ok
  if (sink && secret) {
    try {
      await sink.write(secret)
      services.tokenSecrets.dropPending(connection.id, token.id)
      secretTo = sink.target
    } catch (error) {
      // The token is live: its secret must not be lost with the file.
      await services.tokenSecrets.save(connection.id, token.id, secret)
      secretTo = 'keychain'
      code = EXIT.failed
      io.err(`tokendesk: ${toEnvelope(error).message} It was saved to the keychain instead; write it out with: tokendesk tokens secret ${shellWord(revealHidden(token.id))} --connection ${connectionArg(connection)} --secret-out FILE\n`)
    }
  } else sink?.abandon()
  await keepSnapshot(services, connection.id)
  const kept = secretTo === 'keychain' ? 'its secret was saved to the keychain' : secretTo ? `its secret was written to ${secretTo}` : vendor.secretShownOnce ? 'the vendor returned no secret' : 'its secret can be read from the vendor again (tokens secret)'
  io.err(`Created ${named(token)} in ${where(connection)}; ${kept}.\n`)
  if (options.json) printJson(ctx, { ...rowOf(ctx, connection, token), secretTo })
  else io.out(`${token.id}\n`)
  return code
}

async function edit(ctx: CommandContext): Promise<number> {
  const { services, io, options, now } = ctx
  const { connection, token } = await findToken(ctx, ctx.args[0]!, { refresh: true })
  const vendor = PROVIDERS[connection.provider]
  if (!vendor.edit || !vendor.capabilities.update) throw new UsageError(`${vendor.name} tokens cannot be edited through its API (${where(connection)}).`)
  if (!options.field?.length) throw new UsageError(`Say what to change with --field KEY=VALUE; ${vendor.name}’s fields: ${vendor.edit.map((f) => f.key).join(', ')}.`)
  const { input, changed } = formInput({ fields: vendor.edit, pairs: options.field, form: `${vendor.name}’s edit form`, token, choices: services.inventory.choices(connection.id), now })
  const updated = await services.actions.update(connection.id, token.id, input as UpdateTokenInput)
  await keepSnapshot(services, connection.id)
  io.err(`Updated ${named(updated)} in ${where(connection)}: ${changed.join(', ')}.\n`)
  if (options.json) printJson(ctx, rowOf(ctx, connection, updated))
  return EXIT.ok
}

export const TOKENS_CREATE: CommandSpec = {
  name: 'tokens create',
  summary: 'create a token with the vendor’s own form; its secret to the keychain (or a new 0600 file, or your descriptor)',
  description: `The fields are those of the vendor's create form in the window, with its rules. The new
token's secret is never printed: it is saved to the keychain unless --secret-out or --secret-fd
names where it goes (checked before the vendor is asked). Prints the new token's id.`,
  options: [['connection', 'the connection to create it in (required)'], 'field', 'secret-out', 'secret-fd', ['json', 'print the new token (never its secret) as JSON']],
  more: () => formFieldsHelp('create'),
  examples: ['tokendesk tokens create --connection Production --field name="CI deploy" --field moduleIds=MOD-1234-5678', 'tokendesk tokens create --connection Agents --field expiresAt=2026-12-31 --secret-out ci.secret'],
  run: create,
}

export const TOKENS_EDIT: CommandSpec = {
  name: 'tokens edit',
  args: { usage: '<token>', min: 1, max: 1 },
  summary: 'change a token’s name, description or scope with the vendor’s own edit form',
  description: 'Fields not given keep the token’s current values (as the window’s edit form starts from them).',
  options: [['connection', 'the connection holding the token (needed when its id is in several)'], 'field', ['json', 'print the token as it now is']],
  more: () => formFieldsHelp('edit'),
  examples: ['tokendesk tokens edit TKN-1234-5678 --connection Production --field name="CI deploy (old)"'],
  run: edit,
}
