/**
 * A small typed builder for MPT's RQL (Resource Query Language). Field names come from a closed
 * list; every value is percent-encoded so that quotes, commas, parentheses, `&` and `*` in user
 * input can never change the query's structure. `ilike` wildcards are added by the builder only.
 */

export type RqlField =
  | 'id'
  | 'name'
  | 'description'
  | 'status'
  | 'account.id'
  | 'modules.id'
  | 'modules.name'
  | 'audit.created.at'
  | 'audit.updated.at'
  | 'audit.created.by.name'
  | 'lastAccessAt'

export interface Rql {
  readonly text: string
}

/** Percent-encode everything but RFC 3986 unreserved characters (so also `*()!'`). */
export function encodeRqlValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

const quoted = (value: string): string => `"${encodeRqlValue(value)}"`
const node = (text: string): Rql => Object.freeze({ text })

export const rql = {
  eq: (field: RqlField, value: string): Rql => node(`eq(${field},${quoted(value)})`),
  ne: (field: RqlField, value: string): Rql => node(`ne(${field},${quoted(value)})`),
  in: (field: RqlField, values: readonly string[]): Rql => node(`in(${field},(${values.map(quoted).join(',')}))`),
  /** Case-insensitive "contains": the only wildcards are the two the builder adds. */
  contains: (field: RqlField, text: string): Rql => node(`ilike(${field},*${encodeRqlValue(text)}*)`),
  and: (...parts: Rql[]): Rql => node(`and(${parts.map((p) => p.text).join(',')})`),
  or: (...parts: Rql[]): Rql => node(`or(${parts.map((p) => p.text).join(',')})`),
  not: (part: Rql): Rql => node(`not(${part.text})`),
}

export interface MptQuery {
  filter?: Rql
  /** Field names, `-` prefix for descending. */
  order?: ReadonlyArray<RqlField | `-${RqlField}`>
  /** `+audit` adds the audit block; `-field` removes one. */
  select?: readonly string[]
  limit: number
  offset?: number
}

/** The query string (without `?`): RQL first, then the named parameters. */
export function mptQueryString(query: MptQuery): string {
  const parts: string[] = []
  if (query.filter) parts.push(query.filter.text)
  if (query.order?.length) parts.push(`order=${query.order.join(',')}`)
  if (query.select?.length) parts.push(`select=${query.select.map(encodeURIComponent).join(',')}`)
  parts.push(`limit=${Math.trunc(query.limit)}`)
  if (query.offset) parts.push(`offset=${Math.trunc(query.offset)}`)
  return parts.join('&')
}
