/** MPT payloads (seeds 000/001, vendor-apis.md §1). Shapes follow the published examples. */
import { z } from 'zod'
import { optionalDate, optionalString } from '../schema-helpers'

const person = z
  .object({ id: optionalString, name: optionalString })
  .nullish()
  .transform((v) => v ?? null)

const auditEntry = z
  .object({ at: optionalDate, by: person })
  .nullish()
  .transform((v) => v ?? null)

export const mptTokenSchema = z.object({
  id: z.string().min(1),
  href: optionalString,
  name: z.string(),
  description: optionalString,
  icon: z.unknown().optional(),
  status: z.string(),
  lastAccessAt: optionalDate,
  /** The secret: MPT returns it on GET. Read only by readSecret, never kept in a Token. */
  token: z.string().nullish(),
  account: z.object({ id: z.string(), name: optionalString }).nullish(),
  modules: z
    .array(z.object({ id: z.string(), name: optionalString }))
    .nullish()
    .transform((v) => v ?? []),
  audit: z
    .object({ created: auditEntry, updated: auditEntry })
    .nullish()
    .transform((v) => v ?? null),
})
export type MptToken = z.output<typeof mptTokenSchema>

export const mptListSchema = z.object({
  $meta: z
    .object({
      pagination: z
        .object({ offset: z.number().int().nonnegative(), limit: z.number().int(), total: z.number().int().nonnegative() })
        .partial()
        .nullish(),
      omitted: z.array(z.string()).nullish(),
    })
    .nullish(),
  data: z.array(mptTokenSchema),
})
export type MptList = z.output<typeof mptListSchema>

/** RFC 7807-style error: `title`/`detail`, and `errors` as a map or a list of `{ message }`. */
export function mptErrorMessage(body: unknown): string | null {
  const parsed = z
    .object({
      title: z.string().nullish(),
      detail: z.string().nullish(),
      errors: z
        .union([
          z.record(z.string(), z.union([z.array(z.string()), z.string()])),
          z.array(z.object({ message: z.string() }).passthrough()),
        ])
        .nullish(),
    })
    .safeParse(body)
  if (!parsed.success) return null
  const { title, detail, errors } = parsed.data
  const details: string[] = []
  if (Array.isArray(errors)) details.push(...errors.map((e) => e.message))
  else if (errors) {
    for (const [field, messages] of Object.entries(errors)) {
      details.push(`${field}: ${Array.isArray(messages) ? messages.join(' ') : messages}`)
    }
  }
  const head = [title, detail].filter(Boolean).join(' — ')
  const text = [head, details.join('; ')].filter(Boolean).join(': ')
  return text || null
}
