/** Fynn payloads (test/fixtures/seeds/fynn-list-002.json). */
import { z } from 'zod'
import { compiledPage } from '../compiled-page'
import { dateField, optionalDate, optionalString, orNull, stringField, utcDate } from '../schema-helpers'

const fynnTokenFields = z.object({
  id: z.string().min(1),
  description: stringField,
  expiresAt: dateField,
  createdAt: dateField,
  updatedAt: dateField,
  /** Always masked in lists ("**********"): checked, then dropped. */
  apiToken: z.string().nullish(),
})

/** The one transform per token (schema-helpers.ts): absent → null, dates in UTC. */
function normalFynnToken(t: z.output<typeof fynnTokenFields>) {
  return {
    id: t.id,
    description: orNull(t.description),
    expiresAt: utcDate(t.expiresAt),
    createdAt: utcDate(t.createdAt),
    updatedAt: utcDate(t.updatedAt),
  }
}

export const fynnTokenSchema = fynnTokenFields.transform(normalFynnToken)
export type FynnToken = z.output<typeof fynnTokenSchema>

export const fynnListSchema = z.object({
  data: z.array(fynnTokenSchema),
  meta: z.object({
    pagination: z.object({
      totalItems: z.number().int().nonnegative(),
      itemsPerPage: z.number().int().nonnegative(),
      currentPage: z.number().int().nonnegative(),
      lastPage: z.number().int().nonnegative(),
      pageTotalItems: z.number().int().nonnegative().optional(),
    }),
  }),
})

/** A list page, checked by the compiled rules (compiled-page.ts). */
export const fynnListPage = compiledPage(fynnListSchema, (page) => ({ data: page.data.map(normalFynnToken), meta: page.meta }))

export const fynnCreatedSchema = z.object({
  id: z.string().min(1),
  token: z.string().min(1),
  description: optionalString,
  expiresAt: optionalDate,
})

/** Fynn's error format is unconfirmed: accept problem+json, Hydra and a plain `message`. */
export function fynnErrorMessage(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null
  const b = body as Record<string, unknown>
  for (const key of ['detail', 'hydra:description', 'message', 'title', 'error']) {
    if (typeof b[key] === 'string' && b[key]) return b[key] as string
  }
  return null
}
