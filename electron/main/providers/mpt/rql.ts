/**
 * A small typed builder for MPT's RQL (Resource Query Language). Field names come from a closed
 * list; every value is percent-encoded so that quotes, commas, parentheses, `&` and `*` in user
 * input can never change the query's structure. Only the operators the adapter uses are here
 * (the account filter); add one with its test when a query needs it.
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
