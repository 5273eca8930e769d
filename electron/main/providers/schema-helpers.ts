/** zod pieces shared by the vendor schemas. Unknown extra fields are tolerated everywhere. */
import { z } from 'zod'

const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

/** A date-time in any ISO-8601 form → ISO-8601 UTC with milliseconds; invalid → a parse error. */
export const isoDate = z.string().transform((value, ctx) => {
  // Most vendor dates already are canonical: skip the parse/format round trip (hot in big refreshes).
  if (CANONICAL.test(value) && !Number.isNaN(Date.parse(value))) return value
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: 'not a date' })
    return z.NEVER
  }
  return new Date(ms).toISOString()
})

export const optionalDate = isoDate.nullish().transform((v) => v ?? null)
export const optionalString = z.string().nullish().transform((v) => v ?? null)
