/**
 * The flat, metadata-only shape of a token for the CLI's `--json`/`--csv` and for exports:
 * exactly these keys, dates as ISO-8601 UTC or null, never a secret.
 */
import { stringify } from 'csv-stringify/sync'
import type { Connection } from '../../common/model'
import { PROVIDERS } from '../../common/providers'
import type { TokenRow } from '../../common/token-meta'
import { isExpired, type Token } from '../../common/tokens'
import { escapeControls } from '../../common/visible-text'

export interface ExportRow {
  connection: string
  client: string
  provider: string
  id: string
  /** The vendor's own name, or null when it gives none. */
  name: string | null
  description: string | null
  status: string
  expired: boolean
  createdAt: string | null
  createdBy: string | null
  updatedAt: string | null
  lastUsedAt: string | null
  /** False when the vendor does not report use: lastUsedAt null then means "not reported", not "never". */
  lastUsedReported: boolean
  expiresAt: string | null
  scope: string[]
  /** The user's local metadata (services/token-meta-store.ts); null / [] when none is kept. */
  owner: string | null
  tags: string[]
  notes: string | null
  displayName: string | null
  /**
   * The ids of the policy's rules this token breaks (`max-age`, `no-owner`…), in the rules' order;
   * [] with no finding or no policy. The details and fixes are `audit`'s. CSV: `max-age; no-owner`.
   */
  findings: string[]
}

export const EXPORT_COLUMNS: ReadonlyArray<keyof ExportRow> = [
  'connection', 'client', 'provider', 'id', 'name', 'description', 'status', 'expired',
  'createdAt', 'createdBy', 'updatedAt', 'lastUsedAt', 'lastUsedReported', 'expiresAt', 'scope',
  'owner', 'tags', 'notes', 'displayName', 'findings',
]

/** The vendor's own state in lower case; for a state we do not know, the vendor's word. */
function statusOf(token: Token): string {
  if (token.status !== 'unknown') return token.status
  const raw = token.vendor.status
  return typeof raw === 'string' && raw ? raw.toLowerCase() : 'unknown'
}

/** `token`: a row joined with the user's metadata (services/token-queries.ts); `findings`: its rule ids (services/findings.ts). */
export function toExportRow(token: TokenRow, connection: Connection, now: Date = new Date(), findings: readonly string[] = []): ExportRow {
  return {
    connection: connection.label,
    client: connection.client,
    provider: connection.provider,
    id: token.id,
    name: token.name,
    description: token.description,
    status: statusOf(token),
    expired: isExpired(token, now),
    createdAt: token.createdAt,
    createdBy: token.createdBy?.name ?? token.createdBy?.id ?? null,
    updatedAt: token.updatedAt,
    lastUsedAt: token.lastUsedAt,
    lastUsedReported: PROVIDERS[token.provider].tracksLastUse,
    expiresAt: token.expiresAt,
    scope: [...token.scope],
    owner: token.owner,
    tags: [...token.tags],
    notes: token.notes,
    displayName: token.displayName,
    findings: [...findings],
  }
}

/**
 * CSV carries no raw control character: in every column, C0 (CR, LF and TAB included), DEL and C1
 * are written as `\u{1B}`-style text (escapeControls), so a cell can neither act on a terminal
 * that prints the file nor split a row in a naive reader. Everything else is exact; JSON is exact.
 *
 * A spreadsheet would run a cell that starts with = + - @ (or a tab/CR before one) as a
 * formula; a leading apostrophe makes it text (OWASP "CSV injection").
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

export function toCsv<R extends object>(rows: readonly R[], columns: ReadonlyArray<keyof R & string> = EXPORT_COLUMNS as ReadonlyArray<keyof R & string>): string {
  const cells = rows.map((row) =>
    columns.map((key) => {
      const value = row[key] as unknown
      if (value === null) return ''
      if (Array.isArray(value)) return neutraliseFormula(escapeControls(value.join('; ')))
      if (typeof value === 'boolean') return value ? 'true' : 'false'
      return neutraliseFormula(escapeControls(String(value)))
    }),
  )
  return stringify([[...columns] as string[], ...cells], { quoted_match: /[",\r\n]/, record_delimiter: '\r\n' })
}
