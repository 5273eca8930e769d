/** `max-lifetime`: a token made to live longer than `maxLifetimeDays` (creation to expiry). */
import { beyondText, DAY_MS, days, defineRule, msOf, replaceFix } from '../rule'

export const maxLifetime = defineRule({
  id: 'max-lifetime',
  severity: 'error',
  key: 'maxLifetimeDays',
  limit: days,
  summary: 'createdAt and expiresAt are known and more than `maxLifetimeDays` days apart',
  at: (limit) => limit * DAY_MS,
  breaks: ({ token }, longest) => token.createdAt !== null && token.expiresAt !== null && msOf(token.expiresAt) - msOf(token.createdAt) > longest,
  detail: (token, limit) => `lives ${beyondText(msOf(token.expiresAt) - msOf(token.createdAt), limit)} from creation to expiry; limit ${limit}`,
  fix: (vendor) => replaceFix(vendor, { withExpiry: true, byHandWords: 'Replace it with a shorter expiry' }),
})
