/**
 * The compiled list pages (ajv, from the zod schemas) and the zod schemas decide alike: the same
 * payloads accepted, giving the same tokens; the same refused. Over structural mutations of each
 * vendor's real page, with the values where JSON Schema and zod could part: huge and negative
 * numbers, fractions, -0, a number beyond double range, dates Date.parse refuses or reads leniently.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import type { BodyParser } from '../../../../electron/main/providers/compiled-page'
import { mapFynnToken } from '../../../../electron/main/providers/fynn'
import { fynnListPage, fynnListSchema } from '../../../../electron/main/providers/fynn/schemas'
import { mapMptToken } from '../../../../electron/main/providers/mpt/mapper'
import { mptListPage, mptListSchema } from '../../../../electron/main/providers/mpt/schemas'
import { mapPrefactorToken } from '../../../../electron/main/providers/prefactor'
import { prefactorListPage, prefactorListSchema } from '../../../../electron/main/providers/prefactor/schemas'
import { exactData } from '../../../support/sandbox-data'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
const BEYOND_DOUBLE = '"(a number beyond double range)"'

const data = exactData(3)
const vendors = {
  mpt: {
    page: { $meta: { pagination: { offset: 0, limit: 100, total: 3 } }, data: data.mpt[0]!.tokens } as unknown as Json,
    parsers: [mptListSchema, mptListPage] as const,
    // What the adapter reads of a page: the total, and the tokens as it maps them.
    read: (p: z.output<typeof mptListSchema>) => ({ total: p.$meta?.pagination?.total, tokens: p.data.map((t) => mapMptToken('c', t)) }),
  },
  fynn: {
    page: { data: data.fynn[0]!.tokens.map(({ secret: _s, ...t }) => ({ ...t, apiToken: '**********' })), meta: { pagination: { totalItems: 3, itemsPerPage: 100, currentPage: 1, lastPage: 1, pageTotalItems: 3 } } } as unknown as Json,
    parsers: [fynnListSchema, fynnListPage] as const,
    read: (p: z.output<typeof fynnListSchema>) => ({ pages: p.meta.pagination.lastPage, tokens: p.data.map((t) => mapFynnToken('c', t)) }),
  },
  prefactor: {
    page: { status: 'success', pagination: { item_count: 3, page_count: 1, page_size: 100, page_offset: 0, next_page_offset: null }, summaries: data.prefactor[0]!.tokens.map(({ secret: _s, ...t }) => t) } as unknown as Json,
    parsers: [prefactorListSchema, prefactorListPage] as const,
    read: (p: z.output<typeof prefactorListSchema>) => ({ count: p.pagination.item_count, tokens: p.summaries.map((t) => mapPrefactorToken('c', t)) }),
  },
}

/** Every path into a JSON value, the value itself first. */
function nodesOf(value: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  const children = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : value && typeof value === 'object' ? Object.entries(value) : []
  return [at, ...children.flatMap(([k, v]) => nodesOf(v, [...at, k]))]
}

/** `value` with the node at `at` replaced by `by`, or removed (`by` undefined). */
function changed(value: Json, at: Array<string | number>, by: Json | undefined): Json {
  if (at.length === 0) return by ?? null
  const copy = structuredClone(value)
  const parent = at.slice(0, -1).reduce((node, k) => (node as Record<string | number, Json>)[k]!, copy) as Record<string | number, Json>
  const key = at.at(-1)!
  if (by !== undefined) parent[key] = by
  else if (Array.isArray(parent)) parent.splice(Number(key), 1)
  else delete parent[key]
  return copy
}

const edgeValues: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json | undefined>(undefined, null, -0, -1, 0.5, 2 ** 53, 2 ** 53 + 2, 1e308, '', 'x', BEYOND_DOUBLE, [], {}),
  fc.constantFrom('2026-02-30T00:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-01-02', '2026-01-02T03:04:05+02:00', 'Tue, 01 Jan 2026 10:00:00 GMT', '+010000-01-01T00:00:00.000Z', '1', 'now'),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
)

describe.each(Object.keys(vendors) as Array<keyof typeof vendors>)('%s list page, compiled', (vendor) => {
  const { page, parsers, read } = vendors[vendor]
  const [schema, compiled] = parsers as unknown as [BodyParser<never>, BodyParser<never>]
  const outcome = (parser: BodyParser<never>, json: unknown) => {
    const r = parser.safeParse(json)
    return r.success ? { accepted: read(r.data) } : { refused: r.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`) }
  }

  it('accepts the untouched page, as zod does', () => {
    expect(outcome(compiled, page)).toEqual(outcome(schema, page))
    expect(outcome(compiled, page)).toHaveProperty('accepted')
  })

  it('decides 3,000 mutated pages exactly as zod does', () => {
    const seen = new Set<string>()
    fc.assert(
      // One to three changes, each at a node of the page as the changes before left it.
      fc.property(fc.array(fc.tuple(fc.nat(), edgeValues), { minLength: 1, maxLength: 3 }), (changes) => {
        let json = page
        for (const [n, by] of changes) {
          const nodes = nodesOf(json)
          json = changed(json, nodes[n % nodes.length]!, by)
        }
        const parsed = JSON.parse(JSON.stringify(json).replaceAll(BEYOND_DOUBLE, '1e400')) as unknown
        const expected = outcome(schema, parsed)
        expect(outcome(compiled, parsed)).toEqual(expected)
        seen.add(Object.keys(expected)[0]!)
      }),
      { numRuns: 3000 },
    )
    expect(seen).toEqual(new Set(['accepted', 'refused']))
    // ~2 s idle; 6.5 s was seen on the shared 2-core machine, past vitest's 5 s default.
  }, 60_000)
})
