/**
 * Figures across the inventory, computed by one pure module that the window and the CLI share.
 * Each figure uses the same predicate as the inventory filter it clicks through to, so the count
 * on the card is the number of rows the user then sees.
 */
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from './providers'
import { DAY_MS, expiresWithin, hasNoOwner, isNeverUsed, isOlderThan, isUnusedFor, type QueryToken, type TokenFilter, type TokenSort } from './token-query'
import { TOKEN_STATUSES, type Token, type TokenStatus } from './tokens'

export const EXPIRY_WINDOWS = [7, 30, 60] as const
export const UNUSED_DAYS = 90
export const TIMELINE_DAYS = 90

export interface Insights {
  total: number
  byStatus: Record<TokenStatus, number>
  byProvider: Record<ProviderId, number>
  /** Not yet expired, expiring within 7 / 30 / 60 days (from now, today included). */
  expiringWithin: Record<(typeof EXPIRY_WINDOWS)[number], number>
  expired: number
  /** Never used, where the vendor reports use. */
  neverUsed: number
  /** Tokens whose vendor does not report use at all: neither used nor unused. */
  usageUnknown: number
  unused90: number
  noExpiry: number
  /** Disabled or suspended, but still there (not deleted or revoked). */
  inactive: number
  /** Created more than the rotation policy's days ago (`maxAgeDays`): due for a replace. */
  olderThanPolicy: number
  /** Nobody named as the owner (the user's metadata): who would you ask before disabling it? */
  noOwner: number
  oldest: Array<Pick<Token, 'key' | 'name' | 'id' | 'connectionId' | 'provider' | 'createdAt'>>
  /** Expiries per local day for the next 90 days (today first). */
  timeline: Array<{ day: string; count: number }>
}

/** `YYYY-MM-DD` of an instant in a time zone (the user's own by default). */
export function localDay(ms: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms))
  const get = (type: string) => parts.find((p) => p.type === type)!.value
  return `${get('year')}-${get('month')}-${get('day')}`
}

export function computeInsights(tokens: readonly QueryToken[], now: number, options: { timeZone?: string; oldest?: number; maxAgeDays?: number } = {}): Insights {
  const byStatus = Object.fromEntries(TOKEN_STATUSES.map((s) => [s, 0])) as Record<TokenStatus, number>
  const byProvider = Object.fromEntries(PROVIDER_IDS.map((p) => [p, 0])) as Record<ProviderId, number>
  const expiringWithin = { 7: 0, 30: 0, 60: 0 }
  let expired = 0
  let neverUsed = 0
  let usageUnknown = 0
  let unused90 = 0
  let noExpiry = 0
  let inactive = 0
  let olderThanPolicy = 0
  let noOwner = 0
  const days = new Map<string, number>()
  const timeline: Insights['timeline'] = []
  for (let i = 0; i < TIMELINE_DAYS; i++) {
    const day = localDay(now + i * DAY_MS, options.timeZone)
    if (!days.has(day)) {
      days.set(day, timeline.length)
      timeline.push({ day, count: 0 })
    }
  }
  for (const t of tokens) {
    byStatus[t.status] += 1
    byProvider[t.provider] += 1
    for (const w of EXPIRY_WINDOWS) if (expiresWithin(t, w, now)) expiringWithin[w] += 1
    if (t.expiresAt === null) noExpiry += 1
    else if (Date.parse(t.expiresAt) < now) expired += 1
    else if (expiresWithin(t, TIMELINE_DAYS, now)) {
      const index = days.get(localDay(Date.parse(t.expiresAt), options.timeZone))
      if (index !== undefined) timeline[index]!.count += 1
    }
    if (!PROVIDERS[t.provider].tracksLastUse) usageUnknown += 1
    if (isNeverUsed(t)) neverUsed += 1
    if (isUnusedFor(t, UNUSED_DAYS, now)) unused90 += 1
    if (t.status === 'disabled' || t.status === 'suspended') inactive += 1
    if (options.maxAgeDays && isOlderThan(t, options.maxAgeDays, now)) olderThanPolicy += 1
    if (hasNoOwner(t)) noOwner += 1
  }
  const oldest = tokens
    .filter((t) => t.createdAt !== null)
    .sort((a, b) => Date.parse(a.createdAt!) - Date.parse(b.createdAt!))
    .slice(0, options.oldest ?? 5)
    .map(({ key, name, id, connectionId, provider, createdAt }) => ({ key, name, id, connectionId, provider, createdAt }))
  return { total: tokens.length, byStatus, byProvider, expiringWithin, expired, neverUsed, usageUnknown, unused90, noExpiry, inactive, olderThanPolicy, noOwner, oldest, timeline }
}

export type InsightFigure =
  | { kind: 'expiring'; days: number }
  | { kind: 'expired' }
  | { kind: 'neverUsed' }
  | { kind: 'unused' }
  | { kind: 'noExpiry' }
  | { kind: 'inactive' }
  | { kind: 'noOwner' }
  | { kind: 'status'; status: TokenStatus }
  | { kind: 'provider'; provider: ProviderId }
  | { kind: 'oldest' }
  | { kind: 'olderThan'; days: number }

/** The inventory filter (and sort) a figure clicks through to. */
export function filterFor(figure: InsightFigure): { filter: Partial<TokenFilter>; sort?: TokenSort } {
  switch (figure.kind) {
    case 'expiring':
      return { filter: { expiry: 'within', expiryDays: figure.days }, sort: { key: 'expiresAt', dir: 1 } }
    case 'expired':
      return { filter: { expiry: 'expired' }, sort: { key: 'expiresAt', dir: -1 } }
    case 'neverUsed':
      return { filter: { usage: 'never' } }
    case 'unused':
      return { filter: { usage: 'unused', unusedDays: UNUSED_DAYS }, sort: { key: 'lastUsedAt', dir: 1 } }
    case 'noExpiry':
      return { filter: { expiry: 'none' } }
    case 'inactive':
      return { filter: { statuses: ['disabled', 'suspended'] } }
    case 'noOwner':
      return { filter: { noOwner: true } }
    case 'status':
      return { filter: { statuses: [figure.status] } }
    case 'provider':
      return { filter: { providers: [figure.provider] } }
    case 'oldest':
      return { filter: {}, sort: { key: 'createdAt', dir: 1 } }
    case 'olderThan':
      return { filter: { olderThanDays: figure.days }, sort: { key: 'createdAt', dir: 1 } }
  }
}

