import { describe, expect, it } from 'vitest'
import { encodeRqlValue, mptQueryString, rql } from '../../../electron/main/providers/mpt/rql'
import { matchesRql, parseRql } from '../../../electron/main/sandbox/rql-parser'

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
    expect(rql.and(rql.eq('status', 'Active'), rql.contains('name', 'ci')).text).toBe('and(eq(status,"Active"),ilike(name,*ci*))')
    expect(rql.eq('account.id', 'ACC-1234-5678').text).toBe('eq(account.id,"ACC-1234-5678")')
    expect(rql.in('status', ['Active', 'Disabled']).text).toBe('in(status,("Active","Disabled"))')
    expect(rql.not(rql.ne('id', 'x')).text).toBe('not(ne(id,"x"))')
    expect(mptQueryString({ filter: rql.eq('status', 'Active'), order: ['-audit.created.at'], select: ['+audit'], limit: 100, offset: 200 })).toBe(
      'eq(status,"Active")&order=-audit.created.at&select=%2Baudit&limit=100&offset=200',
    )
  })

  it('leaves only unreserved characters in a value', () => {
    for (const s of HOSTILE) expect(encodeRqlValue(s)).toMatch(/^[A-Za-z0-9\-_.~%]*$/)
  })

  it.each(HOSTILE)('keeps a hostile value a value: %j', (value) => {
    for (const query of [rql.eq('name', value), rql.and(rql.eq('name', value), rql.ne('status', 'Deleted'))]) {
      const parsed = parseRql(onTheWire(query.text))
      const eq = parsed.op === 'and' ? parsed.args[0]! : parsed
      expect(eq).toEqual({ op: 'eq', field: 'name', value })
    }
  })

  it.each(HOSTILE.filter(Boolean))('matches a hostile "contains" literally: %j', (text) => {
    const node = parseRql(onTheWire(rql.contains('name', text).text))
    expect(matchesRql(node, { name: `before ${text} after` })).toBe(true)
    expect(matchesRql(node, { name: `before ${text.toUpperCase()} after` })).toBe(true)
    // A literal `*` in the text must not act as a wildcard.
    if (text === '*') expect(matchesRql(node, { name: 'no star here' })).toBe(false)
    if (text.length > 1) expect(matchesRql(node, { name: text.slice(1) })).toBe(text.slice(1).toLowerCase().includes(text.toLowerCase()))
  })
})
