/**
 * `audit`'s output: one flat row per finding (the same columns for --json and --csv), and for
 * people a table grouped by client and connection with a one-line total. Every cell is vendor or
 * user text: the table shows hidden characters (formatTable), headings likewise.
 */
import type { FixAction, Severity } from '../../common/policy'
import { PROVIDERS, type ProviderId } from '../../common/providers'
import { revealHidden } from '../../common/visible-text'
import { displayWidth, formatTable, truncate } from './table'

export interface AuditRow {
  /** The connection's label. */
  connection: string
  client: string
  provider: string
  /** The token's id at the vendor. */
  id: string
  /** The vendor's name for the token, or null. */
  name: string | null
  /** The owner in Tokendesk's local metadata, or null. */
  owner: string | null
  /** The rule's id: `max-age`, `no-expiry`, … */
  rule: string
  severity: Severity
  /** The token's value and the limit: "created 412 days ago; limit 365". */
  detail: string
  /** What fixes it: replace, set-owner, retire (the vendor action in `fix`) or by-hand (at `fixUrl`). */
  fixAction: FixAction
  /** The fix in words: "Replace", "Set owner", "Disable", "Set an expiry by hand at …". */
  fix: string
  /** The vendor's page for a fix by hand; null otherwise. */
  fixUrl: string | null
  connectionId: string
}

export const AUDIT_COLUMNS: ReadonlyArray<keyof AuditRow> = ['connection', 'client', 'provider', 'id', 'name', 'owner', 'rule', 'severity', 'detail', 'fixAction', 'fix', 'fixUrl', 'connectionId']

/** What was judged: usable tokens (active, not expired) of the connections audited. */
export interface Checked {
  tokens: number
  connections: number
}

const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en')} ${n === 1 ? one : many}`

/** "12 findings (9 errors, 3 warnings) in 10 tokens of 3 connections; 250 usable tokens in 4 connections checked." */
export function auditTotal(rows: readonly AuditRow[], checked: Checked): string {
  const scope = `${count(checked.tokens, 'usable token')} in ${count(checked.connections, 'connection')} checked`
  if (rows.length === 0) return `No findings; ${scope}.`
  const errors = rows.filter((r) => r.severity === 'error').length
  const tokens = new Set(rows.map((r) => `${r.connectionId}/${r.id}`)).size
  const connections = new Set(rows.map((r) => r.connectionId)).size
  return `${count(rows.length, 'finding')} (${count(errors, 'error')}, ${count(rows.length - errors, 'warning')}) in ${count(tokens, 'token')} of ${count(connections, 'connection')}; ${scope}.`
}

export interface AuditGroup {
  connectionId: string
  client: string
  connection: string
  provider: string
  rows: AuditRow[]
}

/** Rows by connection, in the order given (the command sorts by client, then connection). */
export function groupByConnection(rows: readonly AuditRow[]): AuditGroup[] {
  const groups = new Map<string, AuditGroup>()
  for (const r of rows) {
    let g = groups.get(r.connectionId)
    if (!g) groups.set(r.connectionId, (g = { connectionId: r.connectionId, client: r.client, connection: r.connection, provider: r.provider, rows: [] }))
    g.rows.push(r)
  }
  return [...groups.values()]
}

const vendorName = (provider: string): string => PROVIDERS[provider as ProviderId]?.name ?? provider

/** `Acme Corp · “Production” (<the vendor’s name>): 3 findings in 2 tokens` */
export function groupHeading(g: AuditGroup): string {
  const tokens = new Set(g.rows.map((r) => r.id)).size
  const client = g.client ? revealHidden(g.client) : '(no client)'
  return `${client} · “${revealHidden(g.connection)}” (${vendorName(g.provider)}): ${count(g.rows.length, 'finding')} in ${count(tokens, 'token')}`
}

const INDENT = '  '
/** What a name, owner or fix is cut to before the detail is (cells). */
const SHORT = 14
const HEADERS = ['ID', 'NAME', 'OWNER', 'RULE', 'SEVERITY', 'DETAIL', 'FIX']

/** A by-hand fix in the table: the heading and the page below name the vendor ("Set an expiry by hand"). */
function fixCell(r: AuditRow): string {
  const at = ` at ${vendorName(r.provider)}`
  return r.fixAction === 'by-hand' && r.fix.endsWith(at) ? r.fix.slice(0, -at.length) : r.fix
}

/**
 * One connection's findings as lines fitted to `width`: names, owners and fixes give way first,
 * then the detail, then (a narrow terminal) the indent; ids, rules and severities never. A token's
 * id, name and owner are on its first row only.
 */
function groupLines(g: AuditGroup, width: number | null): string[] {
  const cells = g.rows.map((r, i) => {
    const first = i === 0 || g.rows[i - 1]!.id !== r.id
    return [first ? r.id : '', first ? (r.name ?? '(unnamed)') : '', first ? (r.owner ?? '—') : '', r.rule, r.severity, r.detail, fixCell(r)]
  })
  const fits = (table: string, room: number | null): boolean => !room || Math.max(...table.split('\n').map(displayWidth)) <= room
  // Then the detail shares what is left, after names, owners and fixes were cut to a few words.
  const short = cells.map((r) => r.map((cell, i) => (i === 1 || i === 2 || i === 6 ? truncate(revealHidden(cell), SHORT) : cell)))
  const attempts: Array<[string, string[][], number[]]> = [[INDENT, cells, [1, 2, 6]], [INDENT, short, [1, 2, 5, 6]], ['', short, [1, 2, 5, 6]]]
  let indent = INDENT
  let table = ''
  for (const [pad, rows, flexible] of attempts) {
    indent = pad
    const room = width && width - pad.length
    table = formatTable(HEADERS, rows, { width: room, flexible })
    if (fits(table, room)) break
  }
  return table.trimEnd().split('\n').map((line) => indent + line)
}

/**
 * The human report: per connection a heading and its own table (ids differ in width from vendor
 * to vendor), the vendors' pages for fixes by hand below, the total last.
 */
export function formatAudit(rows: readonly AuditRow[], checked: Checked, width: number | null): string {
  const out: string[] = []
  for (const g of groupByConnection(rows)) {
    if (out.length) out.push('')
    out.push(width ? truncate(groupHeading(g), width) : groupHeading(g))
    out.push(...groupLines(g, width))
  }
  const pages = new Map<string, string>()
  for (const r of rows) if (r.fixUrl) pages.set(vendorName(r.provider), r.fixUrl)
  if (pages.size) {
    out.push('')
    for (const [vendor, url] of pages) out.push(`By hand at ${vendor}: ${revealHidden(url)}`)
  }
  if (out.length) out.push('')
  out.push(auditTotal(rows, checked))
  return `${out.join('\n')}\n`
}
