/**
 * The token filters of `tokens list`, `export` and the bulk actions, built in this one place:
 * --status (any of), --owner (any of), --no-owner, --tag (every one). What the common query
 * (common/token-query) takes goes into its filter; the rest is kept by `keep`.
 */
import { EMPTY_FILTER, hasTag, type QueryToken, type TokenFilter } from '../../common/token-query'
import { TOKEN_STATUSES, type TokenStatus } from '../../common/tokens'
import type { CliOptions } from './spec'
import { UsageError } from './usage'

export interface CliTokenFilter {
  filter: TokenFilter
  /** What the common filter cannot say yet: several tags (every one). */
  keep(row: Pick<QueryToken, 'owner' | 'tags'>): boolean
  /** Whether any filter was given (for "no tokens match these filters", and the bulk's --all). */
  narrowed: boolean
}

const STATUSES = TOKEN_STATUSES.filter((s) => s !== 'unknown') as string[]

export function tokenFilter(options: CliOptions): CliTokenFilter {
  const statuses = (options.status ?? []).map((s) => s.trim().toLowerCase())
  const bad = statuses.find((s) => !STATUSES.includes(s))
  if (bad !== undefined) throw new UsageError(`--status must be one of: ${STATUSES.join(', ')}.`)
  const owners = (options.owner ?? []).map((o) => o.trim())
  if (owners.length && options['no-owner']) throw new UsageError('Choose one of --owner and --no-owner.')
  if (owners.some((o) => !o)) throw new UsageError('--owner needs a name; for tokens without one, use --no-owner.')
  const [tag = null, ...moreTags] = (options.tag ?? []).map((t) => t.trim()).filter(Boolean)
  const filter: TokenFilter = { ...EMPTY_FILTER, statuses: statuses as TokenStatus[], owners, noOwner: !!options['no-owner'], tag }
  return {
    filter,
    keep: (row) => moreTags.every((t) => hasTag(row, t)),
    narrowed: statuses.length > 0 || owners.length > 0 || !!options['no-owner'] || tag !== null,
  }
}
