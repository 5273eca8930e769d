/**
 * `unused` (warning): where the vendor reports last use, a token not used (or, never used, not
 * created) for more than `unusedDays` days. A vendor that does not report use never has one.
 */
import { agoMs, beyondText, compareTo, cutoffAt, DAY_MS, days, defineRule, retireFix } from '../rule'

export const unused = defineRule({
  id: 'unused',
  severity: 'warning',
  key: 'unusedDays',
  limit: days,
  summary: 'the vendor reports last use, and the last use (or, never used, the creation) is more than `unusedDays` days ago',
  at: (limit, now) => cutoffAt(now - limit * DAY_MS),
  // The last use, or the creation of a token never used, before now − N days: the inventory's
  // "unused for" filter (token-query isUnusedFor).
  breaks: ({ token }, before, vendor) => {
    if (!vendor.tracksLastUse) return false
    const last = token.lastUsedAt ?? token.createdAt
    return last !== null && compareTo(last, before) < 0
  },
  detail: (token, limit, now) => {
    const ago = beyondText(agoMs(token.lastUsedAt ?? token.createdAt, now), limit)
    return `${token.lastUsedAt === null ? `never used, created ${ago} ago` : `last used ${ago} ago`}; limit ${limit}`
  },
  fix: retireFix,
})
