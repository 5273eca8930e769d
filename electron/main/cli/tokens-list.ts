/** `tokens list` and `export`: the window's own query (TokenQueries), filtered the same way. */
import type { Connection } from '../../common/model'
import { writeFileAtomic } from '../services/atomic-file'
import { EXPORT_COLUMNS, toCsv, toExportRow, type ExportRow } from '../services/export-format'
import { BY_CONNECTION, exitFor, printJson, resolvePath, selectAndRefresh } from './context'
import { markText, rotationMarks, type RotationMark } from './rotation-marks'
import type { CommandContext, CommandSpec, CommandOption } from './spec'
import { formatTable } from './table'
import { tokenFilter } from './token-filter'
import { policyFor } from './policy'
import { EXIT, UsageError } from './usage'

/** The filters `tokens list`, `export` and the bulk actions take. */
export const FILTER_OPTIONS: readonly CommandOption[] = ['connection', 'client', 'status', 'owner', 'no-owner', 'tag']

export interface ListedRow extends ExportRow {
  /** The token's part in an open rotation, or null. */
  rotation: RotationMark | null
}

/** `tokens list --json` / `--csv`: the export's columns, then the rotation. */
export const LIST_COLUMNS: readonly string[] = [...EXPORT_COLUMNS, 'rotation']

async function listTokens(ctx: CommandContext): Promise<number> {
  const { services, io, options, now } = ctx
  if (options.json && options.csv) throw new UsageError('Choose one of --json and --csv.')
  const { filter, keep, narrowed } = tokenFilter(options)
  if (policyFor(ctx, { required: false }) === 'refused') return EXIT.usage
  const result = await selectAndRefresh(ctx)
  // Each row's findings (rule ids) as of this run's clock, from the one evaluation (FindingsService).
  const findingsOf = services.findings.ruleIdsBy(now.getTime())
  const byId = new Map<string, Connection>(services.connections.list().map((c) => [c.id, c]))
  const { marks } = await rotationMarks(services)
  // The same query as the window and the export (owner, tags and notes joined in one place).
  const rows: ListedRow[] = services.queries
    .select(filter, BY_CONNECTION, { only: new Set(result.selected.map((c) => c.id)), now })
    .filter(keep)
    .map((t) => ({ ...toExportRow(t, byId.get(t.connectionId)!, now, findingsOf(t.key)), rotation: marks.get(t.key) ?? null }))

  const filtered = narrowed || options.client !== undefined || !!options.connection
  if (rows.length === 0 && !result.failed) io.err(`tokendesk: no tokens match${filtered ? ' these filters' : ''}.\n`)
  if (options.json) printJson(ctx, rows, [...LIST_COLUMNS, 'id', 'state', 'role', 'other'])
  else if (options.csv) io.out(toCsv(rows.map((r) => ({ ...r, rotation: r.rotation && markText(r.rotation).replace(/^↻ /, '') })), LIST_COLUMNS as never))
  else if (rows.length) {
    // With a policy in force, the rules each token breaks (tokendesk audit has the details).
    const judged = services.policy.policy() !== null
    const table = formatTable(
      ['CONNECTION', 'CLIENT', 'PROVIDER', 'ID', 'NAME', 'OWNER', 'STATUS', 'EXPIRES', 'LAST USED', ...(judged ? ['FINDINGS'] : [])],
      rows.map((r) => [
        r.connection,
        r.client,
        r.provider,
        r.id,
        r.name ?? (r.displayName ? `(${r.displayName})` : '(unnamed)'),
        r.owner ?? '—',
        `${r.expired ? `${r.status} (expired)` : r.status}${r.rotation ? ` ${markText(r.rotation)}` : ''}`,
        r.expiresAt?.slice(0, 10) ?? '—',
        r.lastUsedAt?.slice(0, 10) ?? (r.lastUsedReported ? 'never' : 'not reported'),
        ...(judged ? [r.findings.join(', ') || '—'] : []),
      ]),
      { width: io.columns, flexible: [0, 1, 4, 5, 6, 9] },
    )
    io.out(table)
  }
  return exitFor(result)
}

async function exportTokens(ctx: CommandContext): Promise<number> {
  const { services, io, options, now } = ctx
  if (options.format !== 'csv' && options.format !== 'json') throw new UsageError('--format must be csv or json.')
  if (!options.out) throw new UsageError('--out FILE is required (- for standard output).')
  const toStdout = options.out === '-'
  if (toStdout && options.json) throw new UsageError('--json prints a summary on standard output; with --out - the export itself goes there. Choose one.')
  const { filter, keep } = tokenFilter(options)
  if (policyFor(ctx, { required: false }) === 'refused') return EXIT.usage
  const result = await selectAndRefresh(ctx)
  const rows = services.exporter.rows(filter, BY_CONNECTION, { only: new Set(result.selected.map((c) => c.id)), now }).filter(keep)
  const text = services.exporter.render(rows, options.format)
  if (toStdout) {
    io.out(text)
    io.err(`Exported ${rows.length} tokens to standard output.\n`)
  } else {
    const target = resolvePath(ctx, options.out)
    // The folder must exist: a target the user names is never created on the way.
    await writeFileAtomic(target, text, { createDir: false })
    io.err(`Exported ${rows.length} tokens to ${target}\n`)
    if (options.json) printJson(ctx, { path: target, format: options.format, count: rows.length })
  }
  return exitFor(result)
}

export const TOKENS_LIST: CommandSpec = {
  name: 'tokens list',
  summary: 'list tokens of every connection (or those the filters pick), refreshed first',
  description: `Rows come in the window's Connection order: client, connection, then name and id. --owner and
--tag match the whole name in any case; several --owner: tokens of any of them; several --tag:
tokens with every one. A token in an open rotation is marked (↻ being replaced by …, ↻ replaces …);
--json and --csv carry it as "rotation" ({ id, state, role: old|successor, other } or null), and
"findings": the ids of the policy's rules the token breaks (tokendesk audit has the details).
An empty result is said on standard error; standard output stays valid.`,
  options: [...FILTER_OPTIONS, 'json', 'csv', 'offline', ['policy', 'the policy the findings column is judged against, instead of policy.json in the data folder']],
  examples: ['tokendesk tokens list --connection Production --status active --json | jq length', 'tokendesk tokens list --no-owner --csv > unowned.csv'],
  run: listTokens,
}

export const EXPORT: CommandSpec = {
  name: 'export',
  summary: 'write the (filtered) inventory to a CSV or JSON file, stamped with each snapshot’s time',
  description: `Metadata only, never a secret; the same columns as the window's export. The file is written
atomically and its folder must exist. --out - writes to standard output. Relative paths are
taken from your current directory.`,
  options: [['format', 'csv or json'], ['out', 'the file to write (replaced if it exists; - for standard output)'], ...FILTER_OPTIONS, ['json', 'print { path, format, count } on standard output'], 'offline', ['policy', 'the policy the findings column is judged against, instead of policy.json in the data folder']],
  examples: ['tokendesk export --format csv --out tokens.csv --client "Acme Corp"', 'tokendesk export --format json --out - --offline | jq ".tokens | length"'],
  run: exportTokens,
}
