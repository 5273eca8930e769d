/** Prefactor payloads (test/fixtures/seeds/prefactor-*-003.json). */
import { z } from 'zod'
import { compiledPage } from '../compiled-page'
import { dateField, orNull, stringField, utcDate } from '../schema-helpers'

const prefactorTokenFields = z.object({
  id: z.string().min(1),
  type: z.string().nullish(),
  account_id: stringField,
  environment_id: stringField,
  created_by_admin_user_id: stringField,
  /** Varies between sources (account, environment, agent_deployment): an open string. */
  token_scope: z.string(),
  status: z.string(),
  expires_at: dateField,
  inserted_at: dateField,
  updated_at: dateField,
  last_used_at: dateField,
})

/** The one transform per token (schema-helpers.ts): absent → null, dates in UTC. */
function normalPrefactorToken(t: z.output<typeof prefactorTokenFields>) {
  return {
    id: t.id,
    type: t.type,
    account_id: orNull(t.account_id),
    environment_id: orNull(t.environment_id),
    created_by_admin_user_id: orNull(t.created_by_admin_user_id),
    token_scope: t.token_scope,
    status: t.status,
    expires_at: utcDate(t.expires_at),
    inserted_at: utcDate(t.inserted_at),
    updated_at: utcDate(t.updated_at),
    last_used_at: utcDate(t.last_used_at),
  }
}

export const prefactorTokenSchema = prefactorTokenFields.transform(normalPrefactorToken)
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

/** A list page, checked by the compiled rules (compiled-page.ts). */
export const prefactorListPage = compiledPage(prefactorListSchema, (page) => ({ status: page.status, pagination: page.pagination, summaries: page.summaries.map(normalPrefactorToken) }))

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
