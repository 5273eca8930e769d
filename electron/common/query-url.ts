/**
 * The inventory's filter and sort as a route query (`/inventory?status=active&sort=-name`), both
 * ways: the window keeps its view in the URL, Insights links into it, a notification opens it.
 * Unknown or out-of-range values fall back to the defaults.
 */
import { PROVIDER_IDS, type ProviderId } from './providers'
import { DEFAULT_SORT, EMPTY_FILTER, FINDINGS_FILTERS, SORT_KEYS, type ExpiryFilter, type FindingsFilter, type SortKey, type TokenFilter, type TokenSort, type UsageFilter } from './token-query'
import { TOKEN_STATUSES, type TokenStatus } from './tokens'

/** A route query as vue-router gives it (a key may repeat, or be present without a value). */
export type RouteQuery = Readonly<Record<string, string | null | ReadonlyArray<string | null> | undefined>>

const list = <T extends string>(value: unknown, allowed: readonly T[]): T[] =>
  (typeof value === 'string' ? value.split(',') : []).filter((v): v is T => (allowed as readonly string[]).includes(v))
const int = (value: unknown, fallback: number): number => {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 && n <= 3650 ? n : fallback
}
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null)
/** Every non-empty value of a key that may repeat (`owner=a&owner=b`), each once in any case, in order. */
const all = (value: unknown): string[] => {
  const seen = new Set<string>()
  const out: string[] = []
  for (const v of Array.isArray(value) ? value : [value]) {
    if (typeof v !== 'string' || !v.trim() || seen.has(v.trim().toLowerCase())) continue
    seen.add(v.trim().toLowerCase())
    out.push(v)
  }
  return out
}

export function filterFromQuery(q: RouteQuery): TokenFilter {
  return {
    text: str(q.q) ?? '',
    statuses: list<TokenStatus>(q.status, TOKEN_STATUSES),
    providers: list<ProviderId>(q.provider, PROVIDER_IDS),
    client: str(q.client),
    connectionId: str(q.connection),
    expiry: (['expired', 'within', 'none'].includes(String(q.expiry)) ? q.expiry : 'any') as ExpiryFilter,
    expiryDays: int(q.days, EMPTY_FILTER.expiryDays),
    usage: (['never', 'unused'].includes(String(q.usage)) ? q.usage : 'any') as UsageFilter,
    unusedDays: int(q.unused, EMPTY_FILTER.unusedDays),
    olderThanDays: q.older === undefined ? null : int(q.older, 0) || null,
    owners: all(q.owner),
    noOwner: q.noowner === '1',
    tag: str(q.tag) || null,
    findings: (FINDINGS_FILTERS as readonly unknown[]).includes(q.findings) ? (q.findings as FindingsFilter) : null,
  }
}

/** A route query: `owner` repeats, one value per owner (as vue-router and URLSearchParams write it). */
export type FilterQuery = Record<string, string> & { owner?: string[] }

export function queryFromFilter(f: TokenFilter, sort: TokenSort): FilterQuery {
  const q: FilterQuery = {}
  if (f.text) q.q = f.text
  if (f.statuses.length) q.status = f.statuses.join(',')
  if (f.providers.length) q.provider = f.providers.join(',')
  if (f.client !== null) q.client = f.client
  if (f.connectionId !== null) q.connection = f.connectionId
  if (f.expiry !== 'any') q.expiry = f.expiry
  if (f.expiry === 'within') q.days = String(f.expiryDays)
  if (f.usage !== 'any') q.usage = f.usage
  if (f.usage === 'unused') q.unused = String(f.unusedDays)
  if (f.olderThanDays) q.older = String(f.olderThanDays)
  if (f.owners.length) q.owner = [...f.owners]
  if (f.noOwner) q.noowner = '1'
  if (f.tag !== null) q.tag = f.tag
  if (f.findings) q.findings = f.findings
  if (sort.key !== DEFAULT_SORT.key || sort.dir !== DEFAULT_SORT.dir) q.sort = `${sort.dir === -1 ? '-' : ''}${sort.key}`
  return q
}

export function sortFromQuery(q: RouteQuery): TokenSort {
  const raw = str(q.sort)
  const key = raw?.replace(/^-/, '') as SortKey
  return raw && SORT_KEYS.includes(key) ? { key, dir: raw.startsWith('-') ? -1 : 1 } : { ...DEFAULT_SORT }
}

/** The inventory route showing this view (a hash route, as main opens the window at). */
export function inventoryRoute(filter: Partial<TokenFilter>, sort: TokenSort = DEFAULT_SORT): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(queryFromFilter({ ...EMPTY_FILTER, ...filter }, sort))) for (const v of [value].flat()) params.append(key, v)
  const query = params.toString()
  return query ? `/inventory?${query}` : '/inventory'
}
