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

/** `Acme Corp · “Production” (SoftwareOne Marketplace Platform): 3 findings in 2 tokens` */
export function groupHeading(g: AuditGroup): string {
  const tokens = new Set(g.rows.map((r) => r.id)).size
  const client = g.client ? revealHidden(g.client) : '(no client)'
  return `${client} · “${revealHidden(g.connection)}” (${vendorName(g.provider)}): ${count(g.rows.length, 'finding')} in ${count(tokens, 'token')}`
}

const INDENT = '  '
const HEADERS = ['ID', 'NAME', 'OWNER', 'RULE', 'SEVERITY', 'DETAIL', 'FIX']

/**
 * The human report: per connection a heading, then its findings (a token's id, name and owner on
 * its first row only), the columns aligned across groups and fitted to `width`; the vendors' pages
 * for fixes by hand below; the total last.
 */
export function formatAudit(rows: readonly AuditRow[], checked: Checked, width: number | null): string {
  const groups = groupByConnection(rows)
  const cells = groups.flatMap((g) =>
    g.rows.map((r, i) => {
      const first = i === 0 || g.rows[i - 1]!.id !== r.id
      return [first ? r.id : '', first ? (r.name ?? '(unnamed)') : '', first ? (r.owner ?? '—') : '', r.rule, r.severity, r.detail, r.fix]
    }),
  )
  const out: string[] = []
  if (rows.length) {
    // One table for all groups, so their columns line up; split back into its lines.
    // Names, owners and fixes give way first; then the detail; on a narrow terminal the indent.
    const fits = (table: string, room: number | null): boolean => !room || Math.max(...table.split('\n').map(displayWidth)) <= room
    let indent = INDENT
    let table = formatTable(HEADERS, cells, { width: width && width - indent.length, flexible: [1, 2, 6] })
    if (!fits(table, width && width - indent.length)) table = formatTable(HEADERS, cells, { width: width && width - indent.length, flexible: [1, 2, 5, 6] })
    if (!fits(table, width && width - indent.length)) {
      indent = ''
      table = formatTable(HEADERS, cells, { width, flexible: [1, 2, 5, 6] })
    }
    const lines = table.trimEnd().split('\n')
    const [header, ...body] = lines
    let at = 0
    for (const g of groups) {
      if (out.length) out.push('')
      out.push(width ? truncate(groupHeading(g), width) : groupHeading(g))
      out.push(indent + header!)
      for (const line of body.slice(at, at + g.rows.length)) out.push(indent + line)
      at += g.rows.length
    }
    const pages = new Map<string, string>()
    for (const r of rows) if (r.fixUrl) pages.set(vendorName(r.provider), r.fixUrl)
    if (pages.size) {
      out.push('')
      for (const [vendor, url] of pages) out.push(`By hand at ${vendor}: ${revealHidden(url)}`)
    }
    out.push('')
  }
  out.push(auditTotal(rows, checked))
  return `${out.join('\n')}\n`
}
