/**
 * Expiry warnings at several lead times (60 / 30 / 7 / 1 days by default): a token is "due" at
 * the smallest lead time its expiry falls within, and the notifier announces each (token, lead
 * time) once. Shared by the notifier (main), the settings form and the insights chart.
 */
import { expiresWithin } from './token-query'
import type { Token } from './tokens'

export const DEFAULT_LEAD_DAYS: readonly number[] = [60, 30, 7, 1]
export const LEAD_DAYS_BOUNDS = { min: 1, max: 365, count: 6 } as const

/** Unique whole days, largest first (the order they are reached in). */
export function normaliseLeadDays(days: readonly number[]): number[] {
  return [...new Set(days)].sort((a, b) => b - a)
}

/**
 * The lead time a token is due at now: the smallest one its expiry falls within, or null (no
 * expiry, already expired, further away than every lead time, or revoked / deleted).
 */
export function dueLeadTime(t: Token, leadDays: readonly number[], now: number): number | null {
  if (t.status === 'revoked' || t.status === 'deleted') return null
  let due: number | null = null
  for (const days of leadDays) if (expiresWithin(t, days, now) && (due === null || days < due)) due = days
  return due
}

/**
 * The lead times for a settings file from before them, which kept one warning window
 * (`expiryWarningDays`, 1–90, 7 by default): the user's window stays a lead time, with the
 * defaults below it; the old default (7, or anything unreadable) becomes the new defaults.
 */
export function leadDaysFromWarningDays(days: unknown): number[] {
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 90 || days === 7) return [...DEFAULT_LEAD_DAYS]
  return normaliseLeadDays([days, ...DEFAULT_LEAD_DAYS.filter((d) => d < days)])
}

/** "60, 30, 7, 1" → the lead times, or what is wrong with the text (for the settings field). */
export function parseLeadDays(text: string): { days: number[] } | { problem: string } {
  const parts = text.split(/[\s,;]+/).filter(Boolean)
  const { min, max, count } = LEAD_DAYS_BOUNDS
  if (parts.length === 0) return { problem: 'Enter at least one number of days, e.g. 60, 30, 7, 1.' }
  const days: number[] = []
  for (const part of parts) {
    if (!/^\d{1,4}$/.test(part)) return { problem: `“${part.slice(0, 12)}” is not a whole number of days.` }
    const n = Number(part)
    if (n < min || n > max) return { problem: `Each lead time is ${min}–${max} days (${n} is not).` }
    days.push(n)
  }
  const unique = normaliseLeadDays(days)
  if (unique.length > count) return { problem: `At most ${count} lead times.` }
  return { days: unique }
}

export function formatLeadDays(days: readonly number[]): string {
  return normaliseLeadDays(days).join(', ')
}

/** "within 1 day", "within 7 days". */
export function withinDays(days: number): string {
  return `within ${days} day${days === 1 ? '' : 's'}`
}

/**
 * Where the lead times fall on a chart of weekly bars (bar i = days 7i … 7i+6, centred on i): as
 * a category-axis position, so that a mark sits between the days before and after it. Lead times
 * past the chart's horizon are left out.
 */
export function leadTimeMarks(leadDays: readonly number[], horizonDays: number): Array<{ days: number; position: number }> {
  return normaliseLeadDays(leadDays)
    .filter((days) => days < horizonDays)
    .map((days) => ({ days, position: days / 7 - 0.5 }))
}
