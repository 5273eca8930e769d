/**
 * A vendor's create or edit form as values: what each field starts with, and the input main gets.
 * The fields and their rules are the vendor's descriptor's (electron/common/vendors/).
 */
import type { Token } from '@common/tokens'
import { valueFrom, type FormField } from '@common/vendors/descriptor'

export type FormValue = string | string[]
export type FormValues = Record<string, FormValue>

/** The DOM id of a field: the form's prefix and the label's words (`ct-expires`, `et-name`). */
export function fieldId(prefix: string, field: FormField): string {
  return `${prefix}-${field.label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`
}

function blank(field: FormField): FormValue {
  return field.kind === 'choices' ? [] : field.kind === 'choice' ? field.initial : ''
}

/** Empty values, or a token's own (edit); `only`: fill just these fields (the rest stay as they are). */
export function formValues(fields: readonly FormField[], token?: Pick<Token, 'name' | 'description' | 'expiresAt' | 'vendor'>, only?: (f: FormField) => boolean): FormValues {
  return Object.fromEntries(
    fields
      .filter((f) => !only || only(f))
      .map((f) => {
        const from = token ? valueFrom(token, f.from) : undefined
        return [f.key, from === undefined || from === null ? blank(f) : f.kind === 'expiry' && typeof from === 'string' ? from.slice(0, 10) : from]
      }),
  )
}

/** The end of a chosen day, in the user's time zone; null when empty. */
export function endOfDay(date: string): string | null {
  if (!date) return null
  const d = new Date(`${date}T23:59:59`)
  return Number.isNaN(d.getTime()) ? 'invalid' : d.toISOString()
}

/** What main receives: empty optional text as null, an expiry day as the end of that day. */
export function formInput(fields: readonly FormField[], values: FormValues): Record<string, unknown> {
  return Object.fromEntries(
    fields.map((f) => {
      const v = values[f.key] ?? blank(f)
      if (f.kind === 'expiry') return [f.key, endOfDay(v as string)]
      if ((f.kind === 'text' || f.kind === 'textarea') && f.emptyIsNull && (v as string).trim() === '') return [f.key, null]
      return [f.key, v]
    }),
  )
}

/** Checks the browser makes beyond the schema: an expiry must lie in the future. */
export function extraProblems(fields: readonly FormField[], values: FormValues, now = new Date()): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of fields) {
    const end = f.kind === 'expiry' ? endOfDay(values[f.key] as string) : null
    if (end && end <= now.toISOString()) out[f.key] = 'Choose a date in the future.'
  }
  return out
}

/** Consecutive half fields share a row. */
export function fieldRows(fields: readonly FormField[]): FormField[][] {
  const rows: FormField[][] = []
  for (const f of fields) {
    const last = rows.at(-1)
    if (f.half && last?.[0]?.half && last.length < 2) last.push(f)
    else rows.push([f])
  }
  return rows
}
