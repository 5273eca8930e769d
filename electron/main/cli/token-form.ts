/**
 * A vendor's create or edit form from the command line: `--field KEY=VALUE`, one per field of the
 * form its descriptor lists (electron/common/vendors/), turned into the input the window's form
 * sends — empty optional text as null, a day as the end of that day, several choices as a list —
 * and checked with the form's own rules. No vendor is named here: the keys, kinds and rules are
 * the descriptor's.
 */
import { PROVIDERS } from '../../common/providers'
import { plainIssue } from '../../common/plain-issues'
import type { Token } from '../../common/tokens'
import { fieldsSchema, valueFrom, type FormField } from '../../common/vendors/descriptor'
import { fieldErrors } from '../../common/validation'
import { revealHidden } from '../../common/visible-text'
import { AppError } from '../app-error'
import { didYouMean } from './suggest'
import { UsageError } from './usage'

const simple = (key: string): string => key.toLowerCase().replace(/[-_\s]/g, '')

/** `--field` pairs by field key; several for a field of several choices (also comma-separated). */
export function givenFields(pairs: readonly string[], fields: readonly FormField[], form: string): Map<FormField, string[]> {
  const given = new Map<FormField, string[]>()
  for (const pair of pairs) {
    const eq = pair.indexOf('=')
    if (eq <= 0) throw new UsageError(`--field takes KEY=VALUE (got “${revealHidden(pair)}”).`)
    const key = pair.slice(0, eq)
    const field = fields.find((f) => simple(f.key) === simple(key))
    if (!field) throw new UsageError(`“${revealHidden(key)}” is not a field of ${form}; its fields: ${fields.map((f) => f.key).join(', ')}.${didYouMean(key, fields.map((f) => f.key))}`)
    const value = pair.slice(eq + 1)
    const before = given.get(field)
    if (before && field.kind !== 'choices') throw new UsageError(`--field ${field.key} is given twice; give it once.`)
    given.set(field, [...(before ?? []), ...(field.kind === 'choices' ? value.split(',').map((v) => v.trim()).filter(Boolean) : [value])])
  }
  return given
}

/** The end of a chosen day in the local time zone (as the window's date field), or an exact time. */
function expiry(value: string, now: Date): string | null {
  const v = value.trim()
  if (!v || v.toLowerCase() === 'never') return null
  const at = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T23:59:59`) : new Date(v)
  if (Number.isNaN(at.getTime())) throw new UsageError(`“${revealHidden(v)}” is not a date; write YYYY-MM-DD (the end of that day), an ISO time, or never.`)
  if (at <= now) throw new UsageError(`The expiry ${revealHidden(v)} is not in the future.`)
  return at.toISOString()
}

/** One field's value from what was typed; `choices`: the vendor's list (ids or names may be given). */
function valueOf(field: FormField, typed: string[], choices: ReadonlyArray<{ id: string; name: string }>, now: Date): unknown {
  const one = typed[0] ?? ''
  switch (field.kind) {
    case 'expiry':
      return expiry(one, now)
    case 'choice': {
      const option = field.options.find((o) => o.value === one.trim() || o.label.toLowerCase() === one.trim().toLowerCase())
      if (!option) throw new UsageError(`${field.key} must be one of: ${field.options.map((o) => o.value).join(', ')}.`)
      return option.value
    }
    case 'choices':
      return typed.map((t) => choices.find((c) => c.id === t || c.name.toLowerCase() === t.toLowerCase())?.id ?? t)
    default:
      return field.emptyIsNull && one.trim() === '' ? null : one
  }
}

/** A field's value when not given: blank for a new token, the token's own for an edit. */
function startingValue(field: FormField, token: Pick<Token, 'name' | 'description' | 'expiresAt' | 'vendor'> | null): unknown {
  const from = token ? valueFrom(token, field.from) : undefined
  if (from !== undefined && from !== null) return from
  if (field.kind === 'choice') return field.initial
  if (field.kind === 'choices') return []
  if (field.kind === 'expiry') return null
  return field.emptyIsNull ? null : ''
}

/** The checked input of a form: `token` for an edit (its values are the start). */
export function formInput(options: {
  fields: readonly FormField[]
  pairs: readonly string[]
  form: string
  token: Pick<Token, 'name' | 'description' | 'expiresAt' | 'vendor'> | null
  choices: ReadonlyArray<{ id: string; name: string }>
  now: Date
}): { input: Record<string, unknown>; changed: string[] } {
  const given = givenFields(options.pairs, options.fields, options.form)
  const input = Object.fromEntries(options.fields.map((f) => [f.key, given.has(f) ? valueOf(f, given.get(f)!, options.choices, options.now) : startingValue(f, options.token)]))
  const checked = fieldsSchema(options.fields).safeParse(input, { error: plainIssue })
  if (!checked.success) {
    const problems = Object.entries(fieldErrors(checked.error)).map(([key, message]) => `${key}: ${message}`)
    throw new AppError('validation', `The ${options.form} was not accepted — ${problems.join(' ')} See: tokendesk help tokens ${options.token ? 'edit' : 'create'}`)
  }
  return { input: checked.data, changed: [...given.keys()].map((f) => f.key) }
}

const KIND_HELP: Record<FormField['kind'], string> = {
  text: 'text',
  textarea: 'text',
  choice: 'one of',
  choices: 'several: repeat --field or separate with commas; ids or names',
  expiry: 'YYYY-MM-DD (the end of that day), an ISO time, or never',
}

/** Each vendor's form fields, from the descriptors (for help). */
export function formFieldsHelp(form: 'create' | 'edit'): string {
  const blocks = Object.values(PROVIDERS).map((v) => {
    const fields = v[form]
    if (!fields) return `  ${v.name} (--provider ${v.id}): its API ${form === 'create' ? 'cannot create tokens' : 'cannot edit tokens'}`
    const rows = fields.map((f) => {
      const kind = f.kind === 'choice' ? `one of ${f.options.map((o) => o.value).join(', ')} (default ${f.initial})` : KIND_HELP[f.kind]
      return `    ${f.key.padEnd(16)} ${f.label}${f.hint ? ` ${f.hint}` : ''}: ${kind}`
    })
    return `  ${v.name} (--provider ${v.id}):\n${rows.join('\n')}`
  })
  return `Fields (--field KEY=VALUE), by vendor:\n${blocks.join('\n')}`
}
