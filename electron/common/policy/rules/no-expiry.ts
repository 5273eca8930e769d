/** `no-expiry`: with `requireExpiry`, a token that never expires. */
import { defineRule, flag, replaceFix } from '../rule'

export const noExpiry = defineRule({
  id: 'no-expiry',
  severity: 'error',
  key: 'requireExpiry',
  limit: flag,
  summary: '`requireExpiry` and the token has no expiry date',
  constant: true,
  breaks: ({ token }) => token.expiresAt === null,
  detail: () => 'no expiry date; the policy requires one',
  // Replacing helps only where the vendor's create form takes an expiry.
  fix: (vendor) => replaceFix(vendor, { withExpiry: true, byHandWords: 'Set an expiry' }),
})
