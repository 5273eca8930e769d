/**
 * `tokendesk tokens annotate --from-csv FILE [--connection …] [--json]`: import an audit
 * spreadsheet of owners, tags, notes and display names. Columns (any order, case and spacing
 * ignored): `id` (or `token` / `token id`), optional `connection` (id or label), `owner`,
 * `tags` (split on ; , or spaces; added to a token's tags), `notes`, `display name`. An empty cell
 * leaves that field as it is. Every row is reported — annotated, not found, ambiguous, a
 * duplicate, or refused (with the field, never the value) — and the good rows are written in one
 * locked change. Exit 0 when every row was taken, 3 when some were not, 2 when the file is unusable.
 */
import { readFile, stat } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import type { Connection } from '../../common/model'
import { plainIssue } from '../../common/plain-issues'
import { tokenMetaPatchSchema, type TokenMetaPatch } from '../../common/token-meta'
import { fieldErrors } from '../../common/validation'
import { revealHidden } from '../../common/visible-text'
import { printJson, resolveConnection, resolvePath } from './context'
import type { CommandContext } from './spec'
import { formatTable } from './table'
import { EXIT, UsageError } from './usage'

const MAX_BYTES = 5 * 1024 * 1024
const MAX_ROWS = 20_000
const COLUMN: Record<string, 'id' | 'connection' | 'owner' | 'tags' | 'notes' | 'displayName'> = {
  id: 'id', token: 'id', tokenid: 'id', connection: 'connection', owner: 'owner', tags: 'tags', tag: 'tags', notes: 'notes', note: 'notes', displayname: 'displayName',
}

export interface ImportOutcome {
  row: number
  id: string
  outcome: 'annotated' | 'not_found' | 'ambiguous' | 'duplicate' | 'refused'
  detail: string
}

export async function annotateFromCsv(ctx: CommandContext, file: string): Promise<number> {
  const { services, io, options } = ctx
  const target = resolvePath(ctx, file)
  const size = await stat(target).then((s) => s.size).catch(() => {
    throw new UsageError(`Cannot read ${target}.`)
  })
  if (size > MAX_BYTES) throw new UsageError(`${target} is over ${MAX_BYTES / 1024 / 1024} MB; split it.`)
  let records: string[][]
  try {
    records = parse(await readFile(target, 'utf8'), { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][]
  } catch (error) {
    throw new UsageError(`${target} is not a readable CSV file (${revealHidden((error as Error).message).slice(0, 120)}).`)
  }
  const [header, ...rows] = records
  const columns = (header ?? []).map((h) => COLUMN[h.toLowerCase().replace(/[\s_-]/g, '')] ?? null)
  if (!columns.includes('id')) throw new UsageError('The first row must name the columns, with one called “id” (the token id).')
  if (rows.length > MAX_ROWS) throw new UsageError(`At most ${MAX_ROWS} rows at a time.`)

  const only = options.connection ? resolveConnection(services, options.connection) : null
  const all = services.connections.list()
  const seen = new Map<string, number>()
  const outcomes: ImportOutcome[] = []
  const changes: Array<{ connectionId: string; tokenId: string; set: TokenMetaPatch; addTags: string[] }> = []
  rows.forEach((cells, i) => {
    const row = i + 2 // as a spreadsheet numbers it, after the header
    const cell = (name: string): string => cells[columns.indexOf(name as never)] ?? ''
    const id = cell('id')
    const report = (outcome: ImportOutcome['outcome'], detail: string): void => void outcomes.push({ row, id, outcome, detail })
    if (!id) return report('refused', 'no token id')
    const scope: Connection[] = only ? [only] : cell('connection') ? all.filter((c) => c.id === cell('connection') || c.label.toLowerCase() === cell('connection').toLowerCase()) : all
    const holders = scope.filter((c) => services.inventory.tokens(c.id).some((t) => t.id === id))
    if (holders.length === 0) return report('not_found', 'not in the saved inventory')
    if (holders.length > 1) return report('ambiguous', `in ${holders.length} connections; add a “connection” column`)
    const key = `${holders[0]!.id}/${id}`
    if (seen.has(key)) return report('duplicate', `same token as row ${seen.get(key)}; skipped`)
    seen.set(key, row)
    const set: TokenMetaPatch = {}
    for (const field of ['owner', 'notes', 'displayName'] as const) if (cell(field)) set[field] = cell(field)
    const tags = cell('tags').split(/[\s,;]+/).filter(Boolean)
    const checked = tokenMetaPatchSchema.safeParse({ ...set, tags }, { error: plainIssue })
    if (!checked.success) {
      const fields = fieldErrors(checked.error)
      return report('refused', Object.entries(fields).map(([field, message]) => `${field}: ${message}`).join('; '))
    }
    changes.push({ connectionId: holders[0]!.id, tokenId: id, set, addTags: checked.data.tags ?? [] })
    report('annotated', [...Object.keys(set), ...(tags.length ? ['tags'] : [])].join(', ') || 'nothing to set')
  })
  if (changes.length) await services.meta.applyMany(changes)

  if (options.json) printJson(ctx, outcomes)
  else if (outcomes.length) io.out(formatTable(['ROW', 'ID', 'OUTCOME', 'DETAIL'], outcomes.map((o) => [String(o.row), o.id, o.outcome.replace('_', ' '), o.detail]), { width: io.columns, flexible: [3] }))
  const taken = outcomes.filter((o) => o.outcome === 'annotated').length
  io.err(`Annotated ${taken} of ${outcomes.length} rows from ${target}.\n`)
  return taken === outcomes.length ? EXIT.ok : EXIT.failed
}
