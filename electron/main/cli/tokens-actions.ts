/**
 * `tokens enable | disable | suspend | activate | revoke | delete`: one token, several named, or
 * every token the filters pick in one connection (a bulk action). Through TokenActions, as the
 * window: the vendor's rules from its descriptor, what it needs done first (`planFor`: revoked
 * before deleted), the activity log. Confirmed as the window confirms (confirm.ts).
 */
import type { Connection } from '../../common/model'
import { PROVIDERS } from '../../common/providers'
import type { BulkResult, Token } from '../../common/tokens'
import { planFor, VENDOR_ACTIONS, type VendorAction } from '../../common/vendors/descriptor'
import { revealHidden } from '../../common/visible-text'
import { toEnvelope } from '../app-error'
import { ruleRefusal } from '../services/token-actions'
import { confirm } from './confirm'
import { BY_CONNECTION, findToken, keepSnapshot, named, printJson, resolveConnection, where } from './context'
import type { CommandContext, CommandSpec } from './spec'
import { formatTable } from './table'
import { tokenFilter } from './token-filter'
import { FILTER_OPTIONS } from './tokens-list'
import { EXIT, UsageError } from './usage'

/** Each action in words; `confirm`: asked before a single token too (the window's rule). */
const VERB: Readonly<Record<VendorAction, { label: string; past: string; confirm: boolean; permanent: boolean }>> = {
  enable: { label: 'Enable', past: 'enabled', confirm: false, permanent: false },
  activate: { label: 'Activate', past: 'activated', confirm: false, permanent: false },
  disable: { label: 'Disable', past: 'disabled', confirm: true, permanent: false },
  suspend: { label: 'Suspend', past: 'suspended', confirm: true, permanent: false },
  revoke: { label: 'Revoke', past: 'revoked', confirm: true, permanent: true },
  delete: { label: 'Delete', past: 'deleted', confirm: true, permanent: true },
}

/** What the window's confirmation says besides the question. */
function sentences(action: VendorAction, tokens: Token[], connection: Connection): string[] {
  const vendor = PROVIDERS[connection.provider]
  const rule = vendor.actions[action]
  const out: string[] = []
  if (action === 'revoke') out.push('Revoking is permanent: the token can never be used again.')
  if (action === 'delete') out.push(rule?.note ?? 'Deleting is permanent.')
  const first = rule?.first
  const taken = first ? tokens.filter((t) => planFor(vendor, action, t.status).length > 1) : []
  if (first && taken.length) {
    out.push(`${vendor.name} ${action}s only ${vendor.actions[first]?.to} tokens: ${taken.length === tokens.length ? (tokens.length === 1 ? 'it' : 'they') : `${taken.length} of them`} will be ${VERB[first].past} first, then ${VERB[action].past}.`)
  }
  if (action === 'disable' || action === 'suspend') out.push('Anything using it stops working until it is turned back on.')
  const own = tokens.find((t) => t.isOwnCredential)
  if (own && action !== 'enable' && action !== 'activate') {
    out.push(`Warning: Tokendesk signs in to ${where(connection)} with ${named(own)}. After this, Tokendesk loses access to it until you replace its credential (tokendesk connections set-credential).`)
  }
  return out
}

/** "Disabled", "Deleted"… */
const done = (action: VendorAction): string => `${VERB[action].past[0]!.toUpperCase()}${VERB[action].past.slice(1)}`

function supported(action: VendorAction, connection: Connection): void {
  const vendor = PROVIDERS[connection.provider]
  if (!vendor.actions[action]) throw new UsageError(`${vendor.name} cannot ${action} tokens through its API (${where(connection)}).`)
}

async function single(ctx: CommandContext, action: VendorAction, tokenId: string): Promise<number> {
  const { services, io, options } = ctx
  const { connection, token } = await findToken(ctx, tokenId, { refresh: true })
  supported(action, connection)
  const vendor = PROVIDERS[connection.provider]
  const report = (ok: boolean, message: string, status: string | null): void => {
    if (options.json) printJson(ctx, { id: token.id, name: token.name, ok, message, status })
  }
  if (vendor.actions[action]?.to === token.status) {
    const message = `Already ${VERB[action].past}; nothing to do.`
    io.err(`${named(token)} in ${where(connection)}: ${message}\n`)
    report(true, message, token.status)
    return EXIT.ok
  }
  const why = ruleRefusal(vendor, planFor(vendor, action, token.status)[0]!, token)
  if (why) throw new UsageError(`${named(token)}: ${why}`)
  if (VERB[action].confirm || token.isOwnCredential) {
    const answer = await confirm(ctx, { what: `${VERB[action].label} ${named(token)} in ${where(connection)}?`, sentences: sentences(action, [token], connection), strong: VERB[action].permanent })
    if (answer !== true) return answer
  }
  let after: Token | null
  try {
    after = await services.actions.perform(connection.id, token.id, action, token)
  } catch (error) {
    report(false, toEnvelope(error).message, null)
    throw error
  } finally {
    await keepSnapshot(services, connection.id) // a first step (revoked before deleted) may have gone through
  }
  const message = done(action)
  io.err(`${message} ${named(token)} in ${where(connection)}.\n`)
  report(true, `${message}.`, after?.status ?? 'deleted')
  return EXIT.ok
}

interface Outcome {
  id: string
  name: string | null
  ok: boolean
  message: string | null
}

async function bulk(ctx: CommandContext, action: VendorAction): Promise<number> {
  const { services, io, options, args, now } = ctx
  const connection = resolveConnection(services, options.connection)
  supported(action, connection)
  const { filter, keep, narrowed } = tokenFilter(options)
  if (args.length && (narrowed || options.all)) throw new UsageError('Name tokens or pick them with filters (or --all), not both.')
  if (!args.length && !narrowed && !options.all) {
    throw new UsageError(`Say which tokens to ${action}: name them, filter them (--status, --owner, --no-owner, --tag), or --all for every token of ${where(connection)}.`)
  }
  const status = await services.inventory.refresh(connection.id)
  if (status.error) {
    io.err(`tokendesk: ${where(connection)} failed: ${status.error.kind}: ${revealHidden(status.error.message)}\n`)
    return EXIT.failed
  }
  const held = new Map(services.inventory.tokens(connection.id).map((t) => [t.id, t]))
  const missing: Outcome[] = args.filter((id) => !held.has(id)).map((id) => ({ id, name: null, ok: false, message: 'Not in the inventory of this connection.' }))
  const picked: Token[] = args.length
    ? [...new Set(args)].flatMap((id) => held.get(id) ?? [])
    : services.queries.select(filter, BY_CONNECTION, { only: new Set([connection.id]), now }).filter(keep)
  const target = PROVIDERS[connection.provider].actions[action]?.to
  const already = picked.filter((t) => t.status === target)
  const todo = picked.filter((t) => t.status !== target)
  const skipped: Outcome[] = already.map((t) => ({ id: t.id, name: t.name, ok: true, message: `Already ${VERB[action].past}; nothing to do.` }))

  let results: Outcome[] = []
  if (todo.length === 0) {
    io.err(picked.length || missing.length ? `Nothing to ${action} in ${where(connection)}.\n` : `No tokens match in ${where(connection)}; nothing to ${action}.\n`)
  } else {
    const what = `${VERB[action].label} ${todo.length} token${todo.length === 1 ? '' : 's'} in ${where(connection)}?`
    if (!options.yes && io.interactive) {
      const shown = todo.slice(0, 50)
      io.err(formatTable(['ID', 'NAME', 'STATUS', 'OWNER'], shown.map((t) => [t.id, t.name ?? '(unnamed)', t.status, services.meta.get(connection.id, t.id)?.owner ?? '—']), { width: io.columns, flexible: [1, 3] }))
      if (todo.length > shown.length) io.err(`… and ${todo.length - shown.length} more.\n`)
    }
    const extra = already.length ? [`${already.length} already ${VERB[action].past} ${already.length === 1 ? 'is' : 'are'} left as ${already.length === 1 ? 'it is' : 'they are'}.`] : []
    const answer = await confirm(ctx, { what, sentences: [...sentences(action, todo, connection), ...extra], strong: true })
    if (answer !== true) return answer
    if (options.yes) io.err(`${what.replace(/\?$/, '')}: confirmed by --yes.\n`)
    const answers: BulkResult[] = await services.actions.bulk(connection.id, action, todo.map((t) => t.id))
    await keepSnapshot(services, connection.id)
    results = answers.map((r) => ({ id: r.tokenId, name: held.get(r.tokenId)?.name ?? null, ok: r.ok, message: r.ok ? `${done(action)}.` : r.message }))
  }
  const all = [...results, ...skipped, ...missing]
  if (options.json) printJson(ctx, all)
  else if (all.length) io.out(formatTable(['ID', 'NAME', 'OUTCOME', 'MESSAGE'], all.map((o) => [o.id, o.name ?? '(unnamed)', o.ok ? 'ok' : 'failed', o.message ?? '']), { width: io.columns, flexible: [1, 3] }))
  const failed = all.filter((o) => !o.ok).length
  if (todo.length) io.err(`${done(action)} ${results.filter((r) => r.ok).length} of ${todo.length} tokens${failed ? `; ${failed} failed` : ''}.\n`)
  return failed ? EXIT.failed : EXIT.ok
}

const PERMANENT_NOTE = 'Revoking and deleting are permanent.'

export const ACTION_COMMANDS: CommandSpec[] = VENDOR_ACTIONS.map(
  (action): CommandSpec => ({
    name: `tokens ${action}`,
    args: { usage: '[<token>…]', min: 0, max: Infinity },
    summary: `${action} a token, several, or every token the filters pick (bulk)${VERB[action].permanent ? '; permanent' : ''}`,
    description: `One token: found in the connection named (or the only one holding it), refreshed, then ${VERB[action].past}
as its vendor's rules allow (a vendor that needs another step first gets it, as in the window).
${VERB[action].confirm ? 'Asks on the terminal first' : 'Asks on the terminal first when it is the token the connection signs in with'}; without a terminal it is refused
unless --yes. Several tokens named, or none with --connection and filters (or --all): a bulk
action — the tokens it will touch are listed and counted, you confirm (type yes, or --yes), then
each gets its own result (--json: [{ id, name, ok, message }]); exit 3 if any failed. A token
already ${VERB[action].past} is reported and left alone. ${VERB[action].permanent ? PERMANENT_NOTE : ''}`,
    options: [['connection', 'the connection (needed for a bulk action)'], ...FILTER_OPTIONS.filter((o) => o !== 'connection' && o !== 'client'), 'all', 'yes', 'json'],
    examples: [`tokendesk tokens ${action} TKN-1234-5678 --connection Production`, `tokendesk tokens ${action} --connection Production --status active --no-owner --yes --json`],
    run: (ctx) => (ctx.args.length === 1 && !tokenFilter(ctx.options).narrowed && !ctx.options.all ? single(ctx, action, ctx.args[0]!) : bulk(ctx, action)),
  }),
)
