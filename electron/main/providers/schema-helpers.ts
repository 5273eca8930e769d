/**
 * zod pieces shared by the vendor schemas. Unknown extra fields are tolerated everywhere.
 *
 * Fields are checked, not transformed: a refresh validates every field of tens of thousands of
 * tokens, and a transform per field (a zod pipe, a result object, a closure call each) made zod
 * cost several times the JSON parsing it follows. Each token schema ends in one transform that
 * fills in what the fields leave open (absent → null, dates → ISO-8601 UTC) with the helpers
 * below; list pages are checked by the same rules compiled (compiled-page.ts).
 */
import { z } from 'zod'

const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

/**
 * The canonical form with every field in range: a subset of what `Date.parse` reads, tested ~5×
 * faster than parsing it (a refresh checks ~70,000 dates; vendors send this form).
 */
const CANONICAL_IN_RANGE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/

export const isDate = (value: string): boolean => CANONICAL_IN_RANGE.test(value) || !Number.isNaN(Date.parse(value))
/** The JSON Schema format the compiled pages check dates with (compiled-page.ts). */
export const DATE_FORMAT = 'tokendesk-date'

/** A date-time in any form `Date.parse` reads, absent or null; `utcDate` normalises it. */
export const dateField = z.string().refine(isDate, 'not a date').meta({ format: DATE_FORMAT }).nullish()
/** A string, absent or null; `orNull` normalises it. */
export const stringField = z.string().nullish()

/** A checked date → ISO-8601 UTC with milliseconds (canonical ones as they are); absent → null. */
export function utcDate(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  return CANONICAL.test(value) ? value : new Date(Date.parse(value)).toISOString()
}

export const orNull = <T>(value: T | null | undefined): T | null => value ?? null

/** The old per-field forms, for schemas outside the refresh's hot path. */
export const optionalDate = dateField.transform(utcDate)
export const optionalString = stringField.transform(orNull)
