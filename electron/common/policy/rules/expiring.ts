/**
 * `expiring` (warning): the expiry is at most `expiringWithinDays` days away — the inventory's
 * "expiring within N days" filter (token-query expiresWithin), so the counts agree. Only tokens
 * not yet expired are judged, so the expiry is now or later.
 */
import { compareTo, cutoffAt, DAY_MS, days, defineRule, msOf, replaceFix, spanText, type Cutoff } from '../rule'

export const expiring = defineRule({
  id: 'expiring',
  severity: 'warning',
  key: 'expiringWithinDays',
  limit: days,
  summary: 'the expiry is in the future and at most `expiringWithinDays` days away',
  at: (limit, now): { from: Cutoff; to: Cutoff } => ({ from: cutoffAt(now), to: cutoffAt(now + limit * DAY_MS) }),
  breaks: ({ token }, { from, to }) => token.expiresAt !== null && compareTo(token.expiresAt, from) >= 0 && compareTo(token.expiresAt, to) <= 0,
  detail: (token, limit, now) => `expires in ${spanText(msOf(token.expiresAt) - now)}; limit ${limit}`,
  fix: (vendor) => replaceFix(vendor, { withExpiry: false, byHandWords: 'Replace it' }),
})
