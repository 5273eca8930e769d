/**
 * `tokendesk tokens annotate <token id> [--connection <id|label>] [--owner O] [--notes N]
 * [--tag T]… [--display-name D]`: set a token's local metadata (owner, notes, tags added, display
 * name) in the saved inventory's terms — no vendor call. '' clears a field.
 */
import type { TokenMetaPatch } from '../../common/token-meta'
import { revealHidden } from '../../common/visible-text'
import { annotateFromCsv } from './annotate-csv'
import { printJson, resolveConnection, where } from './context'
import type { CommandContext, CommandSpec } from './spec'
import { EXIT, UsageError } from './usage'

async function tokensAnnotate(ctx: CommandContext): Promise<number> {
  const { services, io, options, args } = ctx
  if (options['from-csv'] !== undefined) {
    if (args.length) throw new UsageError('Name either a token or --from-csv FILE, not both.')
    return annotateFromCsv(ctx, options['from-csv'])
  }
  if (args.length !== 1) throw new UsageError('Name one token by its id: tokendesk tokens annotate <token id> --owner …')
  const tokenId = args[0]!
  const patch: TokenMetaPatch = {}
  if ((options.owner?.length ?? 0) > 1) throw new UsageError('A token has one owner: give --owner once.')
  if (options.owner !== undefined) patch.owner = options.owner[0]!
  if (options.notes !== undefined) patch.notes = options.notes
  if (options['display-name'] !== undefined) patch.displayName = options['display-name']
  const tags = options.tag ?? []
  if (Object.keys(patch).length === 0 && tags.length === 0) throw new UsageError('Say what to set: --owner, --notes, --tag or --display-name.')

  const scope = options.connection ? [resolveConnection(services, options.connection)] : services.connections.list()
  const holders = scope.filter((c) => services.inventory.tokens(c.id).some((t) => t.id === tokenId))
  if (holders.length === 0) throw new UsageError(`No token “${revealHidden(tokenId)}” in the saved inventory${options.connection ? ` of ${where(scope[0]!)}` : ''}. See: tokendesk tokens list`)
  if (holders.length > 1) throw new UsageError(`“${revealHidden(tokenId)}” is in ${holders.length} connections; name one with --connection.`)
  const connection = holders[0]!

  if (Object.keys(patch).length) await services.meta.update(connection.id, [tokenId], patch)
  if (tags.length) await services.meta.addTags(connection.id, [tokenId], tags)
  const meta = services.meta.get(connection.id, tokenId)
  const said = [
    meta?.displayName ? `display name ${revealHidden(meta.displayName)}` : null,
    `owner ${meta?.owner ? revealHidden(meta.owner) : '—'}`,
    meta?.tags.length ? `tags ${meta.tags.map(revealHidden).join(', ')}` : null,
    meta?.notes ? 'notes kept' : null,
  ].filter(Boolean)
  io.err(`Annotated ${revealHidden(tokenId)} in ${where(connection)}: ${said.join('; ')}.\n`)
  if (options.json) printJson(ctx, { connectionId: connection.id, id: tokenId, owner: meta?.owner ?? null, tags: meta?.tags ?? [], notes: meta?.notes ?? null, displayName: meta?.displayName ?? null })
  return EXIT.ok
}

export const TOKENS_ANNOTATE: CommandSpec = {
  name: 'tokens annotate',
  args: { usage: '[<token id>]', min: 0, max: 1 },
  summary: 'keep who owns a token and why, on this computer (no vendor call)',
  description: `Sets the owner, notes and display name ('' clears one) and adds tags, sealed in the data
folder and never sent to a vendor; a value that looks like a credential is refused. --from-csv
imports an audit spreadsheet instead: columns id (or token / token id), connection, owner, tags
(split on ; , or spaces), notes, display name, in any order; an empty cell leaves a field as it
is. Every row is reported; exit 3 if any row was not taken.`,
  options: [['connection', 'the connection holding the token (needed when its id is in several)'], ['owner', 'who owns it (one name)'], 'notes', ['tag', 'add this tag; repeat for several'], 'display-name', 'from-csv', ['json', 'print the token’s metadata (or, with --from-csv, the report per row) as JSON'], 'offline'],
  examples: ['tokendesk tokens annotate TKN-1234-5678 --owner "Platform team" --tag ci --tag prod', 'tokendesk tokens annotate --from-csv audit.csv --json'],
  run: tokensAnnotate,
}
