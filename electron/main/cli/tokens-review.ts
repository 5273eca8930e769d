/** `tokens insights`, `tokens diff` and `review mark`: the window's figures and review, in text. */
import { EXPIRY_WINDOWS, UNUSED_DAYS, computeInsights } from '../../common/insights'
import { PROVIDER_IDS, PROVIDERS } from '../../common/providers'
import type { ReviewedToken } from '../../common/review-diff'
import { joinNames } from '../../common/vendors/descriptor'
import { revealHidden } from '../../common/visible-text'
import { exitFor, printJson, selectAndRefresh } from './context'
import { rotationMarks } from './rotation-marks'
import type { CommandContext, CommandSpec } from './spec'
import { formatTable } from './table'
import { EXIT } from './usage'

async function insights(ctx: CommandContext): Promise<number> {
  const { services, io, options, now } = ctx
  const result = await selectAndRefresh(ctx)
  const ids = new Set(result.selected.map((c) => c.id))
  const rows = services.queries.rows().filter((t) => ids.has(t.connectionId))
  const figures = computeInsights(rows, now.getTime())
  // Tokens being replaced: the old token of each open rotation in these connections.
  const labels = new Map(result.selected.map((c) => [c.id, c.label]))
  const byKey = new Map(rows.map((t) => [t.key, t]))
  const beingReplaced = (await rotationMarks(services)).open
    .filter((r) => ids.has(r.connectionId))
    .map((r) => ({ rotationId: r.id, connectionId: r.connectionId, connection: labels.get(r.connectionId)!, id: r.oldId, name: byKey.get(`${r.connectionId}/${r.oldId}`)?.name ?? r.oldName, successorId: r.successorId, state: r.state }))
  if (options.json) {
    printJson(ctx, { ...figures, beingReplaced })
    return exitFor(result)
  }
  const line = (label: string, value: number) => io.out(`${label.padEnd(28)} ${String(value).padStart(6)}\n`)
  line('Tokens', figures.total)
  for (const w of EXPIRY_WINDOWS) line(`Expiring within ${w} days`, figures.expiringWithin[w])
  line('Expired', figures.expired)
  line('Never used', figures.neverUsed)
  line(`Use not reported (${joinNames(PROVIDER_IDS.filter((id) => !PROVIDERS[id].tracksLastUse).map((id) => PROVIDERS[id].shortName))})`, figures.usageUnknown)
  line(`Unused ${UNUSED_DAYS}+ days`, figures.unused90)
  line('No expiry', figures.noExpiry)
  line('Disabled or suspended', figures.inactive)
  line('No owner', figures.noOwner)
  line('Being replaced', beingReplaced.length)
  for (const [status, n] of Object.entries(figures.byStatus)) if (n) line(`  status ${status}`, n)
  for (const [provider, n] of Object.entries(figures.byProvider)) if (n) line(`  provider ${provider}`, n)
  if (beingReplaced.length) {
    io.out('\nBeing replaced:\n')
    io.out(
      formatTable(
        ['CONNECTION', 'ID', 'NAME', 'SUCCESSOR', 'STATE'],
        beingReplaced.map((b) => [b.connection, b.id, b.name ?? '(unnamed)', b.successorId ?? '—', b.state]),
        { width: io.columns, flexible: [0, 2] },
      ),
    )
  }
  return exitFor(result)
}

async function diff(ctx: CommandContext): Promise<number> {
  const { services, io, options } = ctx
  const result = await selectAndRefresh(ctx, {})
  const found = await services.review.diff()
  if (!found) {
    io.err('tokendesk: nothing has been marked as reviewed yet. Run: tokendesk review mark\n')
    return EXIT.usage
  }
  if (options.json) {
    printJson(ctx, found)
    return exitFor(result)
  }
  const label = (id: string) => revealHidden(services.connections.list().find((c) => c.id === id)?.label ?? '?')
  const token = (t: ReviewedToken) =>
    `${revealHidden(t.id)}  ${revealHidden(t.name ?? (t.displayName ? `(${t.displayName})` : '(unnamed)'))}${t.owner ? `  owner: ${revealHidden(t.owner)}` : ''}`
  io.out(`Since the review of ${found.reviewedAt}: ${found.added.length} added, ${found.removed.length} removed, ${found.changed.length} changed\n`)
  for (const t of found.added) io.out(`+ ${label(t.connectionId)}  ${token(t)}\n`)
  for (const t of found.removed) io.out(`- ${label(t.connectionId)}  ${token(t)}\n`)
  for (const { token: t, changes } of found.changed) {
    io.out(`~ ${label(t.connectionId)}  ${token(t)}: ${changes.map((c) => `${c.field} ${revealHidden(c.before ?? '—')} → ${revealHidden(c.after ?? '—')}`).join('; ')}\n`)
  }
  return exitFor(result)
}

async function mark(ctx: CommandContext): Promise<number> {
  const result = await selectAndRefresh(ctx, {})
  const { reviewedAt } = await ctx.services.review.mark()
  const count = ctx.services.inventory.tokens().length
  ctx.io.err(`Marked ${count} tokens as reviewed at ${reviewedAt}\n`)
  if (ctx.options.json) printJson(ctx, { reviewedAt, tokens: count })
  return exitFor(result)
}

export const TOKENS_INSIGHTS: CommandSpec = {
  name: 'tokens insights',
  summary: 'the window’s Insights figures: expiring, unused, without an owner, being replaced…',
  description: '--json carries every figure, and "beingReplaced": the tokens of open rotations.',
  options: ['connection', 'client', 'json', 'offline'],
  run: insights,
}

export const TOKENS_DIFF: CommandSpec = {
  name: 'tokens diff',
  summary: 'what changed since the last review (added, removed, changed tokens)',
  options: ['json', 'offline'],
  run: diff,
}

export const REVIEW_MARK: CommandSpec = {
  name: 'review mark',
  summary: 'keep the current inventory (all connections) as reviewed',
  options: [['json', 'print { reviewedAt, tokens } on standard output'], 'offline'],
  run: mark,
}
