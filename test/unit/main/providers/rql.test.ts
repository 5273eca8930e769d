import { describe, expect, it } from 'vitest'
import { encodeRqlValue, mptQueryString, rql } from '../../../../electron/main/providers/mpt/rql'
import { matchesRql, parseRql } from '../../../../electron/main/sandbox/rql-parser'

const HOSTILE = [
  'plain',
  'a"b',
  '"),or(eq(status,Active)',
  'x,y',
  '*',
  '100%',
  'a&limit=1000',
  "it's (fine)!",
  'back\\slash',
  'über token ✓',
  '%22',
  '',
]

/** What a URL layer does to the query before it reaches the server. */
const onTheWire = (query: string): string => new URL(`http://h/p?${query}`).search.slice(1)

describe('RQL builder', () => {
  it('writes the documented forms', () => {
    expect(rql.eq('account.id', 'ACC-1234-5678').text).toBe('eq(account.id,"ACC-1234-5678")')
    expect(mptQueryString({ filter: rql.eq('status', 'Active'), order: ['-audit.created.at'], select: ['+audit'], limit: 100, offset: 200 })).toBe(
      'eq(status,"Active")&order=-audit.created.at&select=%2Baudit&limit=100&offset=200',
    )
  })

  it('leaves only unreserved characters in a value', () => {
    for (const s of HOSTILE) expect(encodeRqlValue(s)).toMatch(/^[A-Za-z0-9\-_.~%]*$/)
  })

  it.each(HOSTILE)('keeps a hostile value a value: %j', (value) => {
    expect(parseRql(onTheWire(rql.eq('name', value).text))).toEqual({ op: 'eq', field: 'name', value })
    expect(matchesRql(parseRql(onTheWire(rql.eq('name', value).text)), { name: value })).toBe(true)
  })
})
