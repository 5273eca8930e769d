/** Fynn payloads (seed 002, vendor-apis.md §2). */
import { z } from 'zod'
import { optionalDate, optionalString } from '../schema-helpers'

export const fynnTokenSchema = z.object({
  id: z.string().min(1),
  description: optionalString,
  expiresAt: optionalDate,
  createdAt: optionalDate,
  updatedAt: optionalDate,
  /** Always masked in lists ("**********"); ignored. */
  apiToken: z.string().nullish(),
})
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
