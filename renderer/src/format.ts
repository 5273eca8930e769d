/** Dates for people: relative in the table, exact on hover. */
const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' })
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
]

export function relativeTime(iso: string | null, now: number): string {
  if (!iso) return '—'
  const diff = Date.parse(iso) - now
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit)
  }
  return 'just now'
}

export function exactTime(iso: string | null): string {
  return iso ? exact.format(new Date(iso)) : ''
}

export function shortDate(iso: string | null): string {
  return iso ? day.format(new Date(iso)) : '—'
}
