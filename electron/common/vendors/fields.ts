/** Form fields more than one vendor uses. */
import { z } from 'zod'
import type { FormField } from './descriptor'

/** An expiry date: any date the browser gives, as ISO-8601; empty means never. */
export const expiryField = {
  key: 'expiresAt',
  label: 'Expires',
  hint: '(empty: never)',
  kind: 'expiry',
  // A rotation's successor lives as long as the token it replaces, from today.
  from: { lifetime: true },
  schema: z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), 'Enter a date.')
    .transform((v) => new Date(v).toISOString())
    .nullable(),
} as const satisfies FormField
