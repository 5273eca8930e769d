/**
 * Vendor list pages checked by a compiled validator. A refresh checks every field of tens of
 * thousands of tokens: zod walks them allocating a result per field, which cost several times the
 * JSON parsing before it. ajv compiles the same rules into straight-line code that allocates
 * nothing — rules generated from the zod schema itself (`z.toJSONSchema`), so there is one
 * definition. ajv only decides acceptance: an accepted page is built by `build` from the same
 * per-token normalisers the zod schema ends in; a page ajv refuses goes through zod, so what is
 * refused, and what the log says about it, is zod's. (test/unit/main/providers/compiled-page.test.ts holds the
 * two paths to the same outcome over mutated and garbled payloads.)
 */
import Ajv, { type ValidateFunction } from 'ajv'
import { z } from 'zod'
import { DATE_FORMAT, isDate } from './schema-helpers'

/** What parses a vendor's answer: a zod schema, or a compiled page. */
export interface BodyParser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: z.ZodError }
}

let ajv: Ajv | null = null

function compile(schema: z.ZodType): ValidateFunction {
  ajv ??= new Ajv({ allErrors: false, strict: true }).addFormat(DATE_FORMAT, isDate)
  const { $schema: _draft, ...rules } = z.toJSONSchema(schema, { io: 'input', target: 'draft-07', unrepresentable: 'throw' })
  return ajv.compile(rules)
}

/**
 * `schema`'s rules, compiled on first use; `build` makes zod's output from a page they accepted
 * (unknown fields may stay in it: nothing reads them).
 */
export function compiledPage<S extends z.ZodType>(schema: S, build: (checked: z.input<S>) => z.output<S>): BodyParser<z.output<S>> {
  let validate: ValidateFunction | null = null
  return {
    safeParse(input) {
      validate ??= compile(schema)
      return validate(input) ? { success: true, data: build(input as z.input<S>) } : schema.safeParse(input)
    },
  }
}
