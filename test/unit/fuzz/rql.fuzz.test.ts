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
  it('eq/ne/in values come back exactly, and only unreserved characters go on the wire', () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        expect(encodeRqlValue(a)).toMatch(/^[A-Za-z0-9\-_.~%]*$/)
        const node = parseRql(wire(rql.and(rql.eq('name', a), rql.not(rql.ne('id', b)), rql.in('status', [a, b])).text))
        expect(node).toEqual({
          op: 'and',
          args: [
            { op: 'eq', field: 'name', value: a },
            { op: 'not', arg: { op: 'ne', field: 'id', value: b } },
            { op: 'in', field: 'status', values: [a, b] },
          ],
        })
      }),
      { numRuns: 2000 },
    )
  })

  it('contains() matches the text literally, case-insensitively', () => {
    fc.assert(
      fc.property(hostile.filter((s) => s.length > 0), fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), (text, before, after) => {
        const node = parseRql(wire(rql.contains('name', text).text))
        expect(matchesRql(node, { name: `${before}${text}${after}` })).toBe(true)
        // Without the text (and if it cannot arise by accident), no match: `*` is never a wildcard.
        const other = `${before}${after}`
        expect(matchesRql(node, { name: other })).toBe(other.toLowerCase().includes(text.toLowerCase()))
      }),
      { numRuns: 2000 },
    )
  })
})
