/** `no-owner`: with `requireOwner`, a token nobody is named for in Tokendesk's local metadata. */
import { defineRule, flag, setOwnerFix } from '../rule'

export const noOwner = defineRule({
  id: 'no-owner',
  severity: 'error',
  key: 'requireOwner',
  limit: flag,
  summary: '`requireOwner` and the token has no owner in Tokendesk’s local metadata',
  constant: true,
  // As the "no owner" filter (token-query hasNoOwner): no owner, or an empty one.
  breaks: ({ owner }) => !owner,
  detail: () => 'no owner in Tokendesk; the policy requires one',
  fix: setOwnerFix,
})
