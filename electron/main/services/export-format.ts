/**
 * The flat, metadata-only shape of a token for the CLI's `--json`/`--csv` and for exports:
 * exactly these keys, dates as ISO-8601 UTC or null, never a secret.
 */
import { stringify } from 'csv-stringify/sync'
import type { Connection } from '../../common/model'
import { isExpired, type Token } from '../../common/tokens'

export interface ExportRow {
  connection: string
  client: string
  provider: string
  id: string
  name: string
  description: string | null
  status: string
  expired: boolean
  createdAt: string | null
  createdBy: string | null
  updatedAt: string | null
  lastUsedAt: string | null
  expiresAt: string | null
  scope: string[]
}

export const EXPORT_COLUMNS: ReadonlyArray<keyof ExportRow> = [
  'connection', 'client', 'provider', 'id', 'name', 'description', 'status', 'expired',
  'createdAt', 'createdBy', 'updatedAt', 'lastUsedAt', 'expiresAt', 'scope',
]

/** The vendor's own state in lower case; for a state we do not know, the vendor's word. */
function statusOf(token: Token): string {
  if (token.status !== 'unknown') return token.status
  const raw = token.vendor.status
  return typeof raw === 'string' && raw ? raw.toLowerCase() : 'unknown'
}

export function toExportRow(token: Token, connection: Connection, now: Date = new Date()): ExportRow {
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
    expiresAt: token.expiresAt,
    scope: [...token.scope],
  }
}

/**
 * A spreadsheet would run a cell that starts with = + - @ (or a tab/CR before one) as a
 * formula; a leading apostrophe makes it text (OWASP "CSV injection").
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

export function toCsv<R extends ExportRow>(rows: readonly R[], columns: ReadonlyArray<keyof R & string> = EXPORT_COLUMNS as ReadonlyArray<keyof R & string>): string {
  const cells = rows.map((row) =>
    columns.map((key) => {
      const value = row[key] as unknown
      if (value === null) return ''
      if (Array.isArray(value)) return neutraliseFormula(value.join('; '))
      if (typeof value === 'boolean') return value ? 'true' : 'false'
      return neutraliseFormula(String(value))
    }),
  )
  return stringify([columns as string[], ...cells], { quoted_match: /[",\r\n]/, record_delimiter: '\r\n' })
}
