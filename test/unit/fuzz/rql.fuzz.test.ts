/** The RQL builder with hostile strings: always a value, never structure. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeRqlValue, rql } from '../../../electron/main/providers/mpt/rql'
import { matchesRql, parseRql } from '../../../electron/main/sandbox/rql-parser'

const wire = (query: string): string => new URL(`http://h/p?${query}`).search.slice(1)
const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('"', ',', '(', ')', '*', '%', '&', '=', '\\', "'", ' ', 'a', '2', '2', '\u0000', 'ü'), maxLength: 30 }),
)

describe('RQL fuzzing', () => {
  it('an eq value comes back exactly, matches only itself, and only unreserved characters go on the wire', () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        expect(encodeRqlValue(a)).toMatch(/^[A-Za-z0-9\-_.~%]*$/)
        const node = parseRql(wire(rql.eq('name', a).text))
        expect(node).toEqual({ op: 'eq', field: 'name', value: a })
        expect(matchesRql(node, { name: b })).toBe(a === b)
      }),
      { numRuns: 2000 },
    )
  })
})
