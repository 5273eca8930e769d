/**
 * Every rule, in the order findings are listed. Adding a rule: a file beside these (its id,
 * severity, policy key and kind of limit, `check`), and one line here; the policy's schema, the
 * client overrides, the evaluation and the README's table follow from this list.
 */
import { expiring } from './expiring'
import { maxAge } from './max-age'
import { maxLifetime } from './max-lifetime'
import { noExpiry } from './no-expiry'
import { noOwner } from './no-owner'
import { unused } from './unused'

export const RULES = [maxAge, noExpiry, maxLifetime, unused, noOwner, expiring] as const
