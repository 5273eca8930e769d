/**
 * The two kinds of limit a rule reads from the policy: a number of days, or a flag. Each has its
 * zod type with the sentence a refusal says ("expected a whole number of days ≥ 0"), once for the
 * policy's `rules` and once for a client's entry, where null switches a number rule off for that
 * client (a flag is switched off with false).
 */
import { z } from 'zod'

/** Longer than any token lives: a bigger number is a typo, not a policy. */
export const MAX_DAYS = 36_500

export const EXPECT_DAYS = 'expected a whole number of days ≥ 0'
export const EXPECT_FLAG = 'expected true or false'

export interface LimitKind<L> {
  /** In `rules`. */
  schema: z.ZodType<L>
  /** In `clients.<name>`: the same, or (for days) null for "no limit for this client". */
  clientSchema: z.ZodType<L | null>
  /** The limit switches its rule off (false, or null in a client's entry). */
  isOff: (limit: L | null | undefined) => boolean
  /** For the README and the window: what the key takes. */
  describe: string
}

const daysSchema = (expects: string): z.ZodType<number> =>
  z
    .number({ error: expects })
    .int({ error: expects })
    .min(0, { error: expects })
    .max(MAX_DAYS, { error: `expected at most ${MAX_DAYS} days (100 years)` })

export const days: LimitKind<number> = {
  schema: daysSchema(EXPECT_DAYS),
  clientSchema: daysSchema(`${EXPECT_DAYS}, or null for no limit for this client`).nullable(),
  isOff: (limit) => limit === null || limit === undefined,
  describe: 'whole days ≥ 0',
}

const flagSchema = z.boolean({ error: EXPECT_FLAG })

export const flag: LimitKind<boolean> = {
  schema: flagSchema,
  clientSchema: flagSchema as z.ZodType<boolean | null>,
  isOff: (limit) => limit !== true,
  describe: 'true or false',
}
