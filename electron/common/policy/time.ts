/**
 * Time for the rules: "more than N days" is milliseconds, N × 86,400,000 (DAY_MS), the same as the
 * inventory's filters and Insights (common/token-query) — not calendar days, so the boundary is
 * the same instant in every time zone.
 *
 * The evaluation compares dates without parsing them: every adapter stores the canonical form
 * (`YYYY-MM-DDTHH:mm:ss.sssZ`, fixed width), in which the text's order is the time's order, so a
 * token's date is compared with the limit's instant written the same way (`Cutoff`). Where that
 * is not certain (another form, a day 29–31 that may not exist in its month and that
 * Date.parse rolls over, hour 24) the date is parsed, exactly as Date.parse reads it (`isoMs`, ~40 ns a
 * date against Date.parse's ~300 ns on the bench machine). 200,000 tokens × three dates: the
 * difference is the budget.
 */
export const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48
  return d >= 0 && d <= 9 ? d : Number.NaN
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468
}

/** An ISO-8601 date-time in milliseconds, exactly as `Date.parse` reads it; NaN when it is not a date. */
export function isoMs(s: string): number {
  if (s.length !== 24 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46 || s.charCodeAt(23) !== 90) {
    return Date.parse(s)
  }
  const month = digit(s, 5) * 10 + digit(s, 6)
  const day = digit(s, 8) * 10 + digit(s, 9)
  const hour = digit(s, 11) * 10 + digit(s, 12)
  const minute = digit(s, 14) * 10 + digit(s, 15)
  const second = digit(s, 17) * 10 + digit(s, 18)
  // Out of range (or not digits): what Date.parse makes of it.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59)) return Date.parse(s)
  const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3)
  const ms = digit(s, 20) * 100 + digit(s, 21) * 10 + digit(s, 22)
  if (Number.isNaN(year + ms)) return Date.parse(s)
  return daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms
}

/** A date or null in milliseconds; NaN for null (every comparison with NaN is false: "unknown"). */
export function msOf(iso: string | null): number {
  return iso === null ? Number.NaN : isoMs(iso)
}

/** "412 days", "1 day", "5 hours", "less than an hour": a span as a finding states it. */
export function spanText(ms: number): string {
  if (ms >= DAY_MS) {
    const days = Math.floor(ms / DAY_MS)
    return days === 1 ? '1 day' : `${days} days`
  }
  const hours = Math.floor(ms / HOUR_MS)
  return hours >= 1 ? (hours === 1 ? '1 hour' : `${hours} hours`) : 'less than an hour'
}

/**
 * A span known to be more than `limit` days: its whole days, or "more than 365 days" where it is
 * over by less than a day (so that a finding never reads "365 days; limit 365").
 */
export function beyondText(ms: number, limit: number): string {
  return ms >= DAY_MS && Math.floor(ms / DAY_MS) <= limit ? `more than ${limit} days` : spanText(ms)
}

/** An instant as a limit compares it: milliseconds, and the same in the canonical text form. */
export interface Cutoff {
  ms: number
  iso: string
}

export function cutoffAt(ms: number): Cutoff {
  return { ms, iso: Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : '' }
}

/**
 * A date against a cutoff: negative when before it, 0 at it, positive after, NaN when `iso` is
 * not a date. Exactly `isoMs(iso) - cutoff.ms` in sign, without parsing a canonical date.
 */
export function compareTo(iso: string, cutoff: Cutoff): number {
  const day = iso.charCodeAt(8)
  const hour = iso.charCodeAt(11)
  if (
    iso.length === 24 && cutoff.iso.length === 24 && iso.charCodeAt(10) === 84 && iso.charCodeAt(23) === 90 &&
    (day < 50 || (day === 50 && iso.charCodeAt(9) < 57)) && // day 01–28: a real date in every month
    (hour < 50 || iso.charCodeAt(12) < 52) // hour 00–23 (Date.parse reads 24:00 as the next day)
  ) {
    return iso < cutoff.iso ? -1 : iso > cutoff.iso ? 1 : 0
  }
  return isoMs(iso) - cutoff.ms
}
