/** `max-age`: a token created more than `maxAgeDays` days ago is due for a replace. */
import { agoMs, beyondText, compareTo, cutoffAt, DAY_MS, days, defineRule, replaceFix } from '../rule'

export const maxAge = defineRule({
  id: 'max-age',
  severity: 'error',
  key: 'maxAgeDays',
  limit: days,
  summary: 'createdAt is known and more than `maxAgeDays` days ago',
  at: (limit, now) => cutoffAt(now - limit * DAY_MS),
  // Created before now − N days: the inventory's "older than" filter (token-query isOlderThan).
  breaks: ({ token }, before) => token.createdAt !== null && compareTo(token.createdAt, before) < 0,
  detail: (token, limit, now) => `created ${beyondText(agoMs(token.createdAt, now), limit)} ago; limit ${limit}`,
  fix: (vendor) => replaceFix(vendor, { withExpiry: false, byHandWords: 'Replace it' }),
})
