/**
 * Figures across the inventory, computed by one pure module that the window and the CLI share.
 * Each figure uses the same predicate as the inventory filter it clicks through to, so the count
 * on the card is the number of rows the user then sees.
 */
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from './providers'
import { DAY_MS, hasNoOwner, type QueryToken, type TokenFilter, type TokenSort } from './token-query'
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

/**
 * One formatter per time zone: making an Intl.DateTimeFormat costs tens of microseconds, and
 * Insights asks for the day of every expiring token (50,000 tokens froze the window for seconds).
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>()
function dayFormat(timeZone?: string): Intl.DateTimeFormat {
  const id = timeZone ?? ''
  let format = dayFormats.get(id)
  if (!format) dayFormats.set(id, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })))
  return format
}

/** `YYYY-MM-DD` of an instant in a time zone (the user's own by default). */
export function localDay(ms: number, timeZone?: string): string {
  const parts = dayFormat(timeZone).formatToParts(new Date(ms))
  const get = (type: string) => parts.find((p) => p.type === type)!.value
  return `${get('year')}-${get('month')}-${get('day')}`
}

/**
 * The local days from `from` to past `to`, as the instants each starts at: an instant's day is then
 * a binary search, not a formatting. Each change of day is found to the millisecond (a day is 23,
 * 24 or 25 hours, or another length where a zone changes its offset), so the day of every instant
 * is exactly `localDay`'s.
 */
function dayStarts(from: number, to: number, timeZone?: string): { starts: number[]; days: string[] } {
  const starts = [Number.NEGATIVE_INFINITY]
  const days = [localDay(from, timeZone)]
  // Telling one day from the next needs only the formatted text, not its parts.
  const format = dayFormat(timeZone)
  let known = from // an instant of the last day found: its start, after the first
  while (known <= to) {
    const day = format.format(known)
    // Most days are 24 hours: try that first (two formattings), halve only where it is not.
    const guess = known + DAY_MS
    let next: number
    if (starts.length > 1 && format.format(guess - 1) === day && format.format(guess) !== day) next = guess
    else {
      let after = known + 26 * 3_600_000
      while (format.format(after) === day) after += 26 * 3_600_000
      // The day's last instant is in [known, after): halve until the change is found.
      let lo = known
      let hi = after
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2)
        if (format.format(mid) === day) lo = mid
        else hi = mid
      }
      next = hi
    }
    starts.push(next)
    days.push(localDay(next, timeZone))
    known = next
  }
  return { starts, days }
}

function dayOf(ms: number, calendar: { starts: number[]; days: string[] }): string {
  const { starts, days } = calendar
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= ms) lo = mid
    else hi = mid - 1
  }
  return days[lo]!
}

/**
 * The first `limit` tokens by creation, as a stable sort of them all would put them (equal dates
 * keep the inventory's order), in one pass: a full sort of 50,000 parsed its dates 1.6 million times.
 */
class OldestFirst {
  private best: Array<{ t: QueryToken; at: number }> = []
  constructor(private readonly limit: number) {}

  offer(t: QueryToken, at: number): void {
    const { best, limit } = this
    if (limit <= 0) return
    // Not earlier than the last kept: after it, as the stable sort would put it.
    const last = best[best.length - 1]
    if (best.length === limit && last && !(at < last.at)) return
    let lo = 0
    let hi = best.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (!(at < best[mid]!.at)) lo = mid + 1
      else hi = mid
    }
    best.splice(lo, 0, { t, at })
    if (best.length > limit) best.pop()
  }

  list(): Insights['oldest'] {
    return this.best.map(({ t: { key, name, id, connectionId, provider, createdAt } }) => ({ key, name, id, connectionId, provider, createdAt }))
  }
}

/**
 * The figures, a token at a time: the window counts 50,000 tokens in slices between frames
 * (`add` as many as a slice has time for, `result` at the end), the CLI all at once.
 */
export class InsightsCounter {
  private readonly byStatus = Object.fromEntries(TOKEN_STATUSES.map((s) => [s, 0])) as Record<TokenStatus, number>
  private readonly byProvider = Object.fromEntries(PROVIDER_IDS.map((p) => [p, 0])) as Record<ProviderId, number>
  private readonly expiringWithin = { 7: 0, 30: 0, 60: 0 }
  private total = 0
  private expired = 0
  private neverUsed = 0
  private usageUnknown = 0
  private unused90 = 0
  private noExpiry = 0
  private inactive = 0
  private olderThanPolicy = 0
  private noOwner = 0
  private readonly days = new Map<string, number>()
  private readonly timeline: Insights['timeline'] = []
  private readonly calendar: { starts: number[]; days: string[] }
  private readonly oldest: OldestFirst
  // Each date parsed once a token; the tests hold every count to the inventory filter's predicate
  // (token-query's expiresWithin, isUnusedFor, isOlderThan) that its figure clicks through to.
  private readonly within: number[]
  private readonly chartEnd: number
  private readonly unusedBefore: number
  private readonly olderBefore: number | null

  constructor(
    private readonly now: number,
    options: { timeZone?: string; oldest?: number; maxAgeDays?: number } = {},
  ) {
    this.calendar = dayStarts(now, now + TIMELINE_DAYS * DAY_MS, options.timeZone)
    this.oldest = new OldestFirst(options.oldest ?? 5)
    for (let i = 0; i < TIMELINE_DAYS; i++) {
      const day = localDay(now + i * DAY_MS, options.timeZone)
      if (!this.days.has(day)) {
        this.days.set(day, this.timeline.length)
        this.timeline.push({ day, count: 0 })
      }
    }
    this.within = EXPIRY_WINDOWS.map((w) => now + w * DAY_MS)
    this.chartEnd = now + TIMELINE_DAYS * DAY_MS
    this.unusedBefore = now - UNUSED_DAYS * DAY_MS
    this.olderBefore = options.maxAgeDays ? now - options.maxAgeDays * DAY_MS : null
  }

  add(t: QueryToken): void {
    const now = this.now
    this.total += 1
    this.byStatus[t.status] += 1
    this.byProvider[t.provider] += 1
    const expires = t.expiresAt === null ? null : Date.parse(t.expiresAt)
    const created = t.createdAt === null ? null : Date.parse(t.createdAt)
    if (expires === null) this.noExpiry += 1
    else if (expires >= now) {
      for (let w = 0; w < this.within.length; w++) if (expires <= this.within[w]!) this.expiringWithin[EXPIRY_WINDOWS[w]!] += 1
      if (expires <= this.chartEnd) {
        const index = this.days.get(dayOf(expires, this.calendar))
        if (index !== undefined) this.timeline[index]!.count += 1
      }
    } else if (expires < now) this.expired += 1
    const tracked = PROVIDERS[t.provider].tracksLastUse
    if (!tracked) this.usageUnknown += 1
    else if (t.lastUsedAt === null) this.neverUsed += 1
    const lastUse = t.lastUsedAt === null ? created : Date.parse(t.lastUsedAt)
    if (tracked && lastUse !== null && lastUse < this.unusedBefore) this.unused90 += 1
    if (t.status === 'disabled' || t.status === 'suspended') this.inactive += 1
    if (this.olderBefore !== null && created !== null && created < this.olderBefore) this.olderThanPolicy += 1
    if (hasNoOwner(t)) this.noOwner += 1
    if (created !== null) this.oldest.offer(t, created)
  }

  result(): Insights {
    const { total, byStatus, byProvider, expiringWithin, expired, neverUsed, usageUnknown, unused90, noExpiry, inactive, olderThanPolicy, noOwner } = this
    return {
      total,
      byStatus: { ...byStatus },
      byProvider: { ...byProvider },
      expiringWithin: { ...expiringWithin },
      expired,
      neverUsed,
      usageUnknown,
      unused90,
      noExpiry,
      inactive,
      olderThanPolicy,
      noOwner,
      oldest: this.oldest.list(),
      timeline: this.timeline.map((d) => ({ ...d })),
    }
  }
}

export function computeInsights(tokens: readonly QueryToken[], now: number, options: { timeZone?: string; oldest?: number; maxAgeDays?: number } = {}): Insights {
  const counter = new InsightsCounter(now, options)
  for (const t of tokens) counter.add(t)
  return counter.result()
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

