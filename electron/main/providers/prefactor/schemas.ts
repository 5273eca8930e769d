/** Prefactor payloads (seed 003, vendor-apis.md §3). */
import { z } from 'zod'
import { optionalDate, optionalString } from '../schema-helpers'

export const prefactorTokenSchema = z.object({
  id: z.string().min(1),
  type: z.string().nullish(),
  account_id: optionalString,
  environment_id: optionalString,
  created_by_admin_user_id: optionalString,
  /** Varies between sources (account, environment, agent_deployment): an open string. */
  token_scope: z.string(),
  status: z.string(),
  expires_at: optionalDate,
  inserted_at: optionalDate,
  updated_at: optionalDate,
  last_used_at: optionalDate,
})
export type PrefactorToken = z.output<typeof prefactorTokenSchema>

export const prefactorListSchema = z.object({
  status: z.literal('success').optional(),
  pagination: z.object({
    item_count: z.number().int().nonnegative(),
    page_count: z.number().int().nonnegative().optional(),
    page_size: z.number().int().positive().optional(),
    page_offset: z.number().int().nonnegative().optional(),
    next_page_offset: z.number().int().nullish(),
  }),
  summaries: z.array(prefactorTokenSchema),
})

export const prefactorDetailsSchema = z.object({ details: prefactorTokenSchema })
export const prefactorCreatedSchema = z.object({ details: prefactorTokenSchema, token: z.string().min(1) })
/** Answers to actions and deletes: tolerate anything JSON; the caller refreshes the token. */
export const prefactorAnySchema = z.unknown()

export function prefactorErrorMessage(body: unknown): string | null {
  const parsed = z
    .object({
      code: z.string().nullish(),
      message: z.string().nullish(),
      errors: z.record(z.string(), z.unknown()).nullish(),
    })
    .safeParse(body)
  if (!parsed.success) return null
  const { code, message, errors } = parsed.data
  const fields = errors ? Object.entries(errors).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(' ') : String(v)}`) : []
  const text = [message, fields.join('; ')].filter(Boolean).join(' — ')
  if (!text) return code ?? null
  return code ? `${text} (${code})` : text
}
