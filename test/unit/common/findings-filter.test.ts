/** The Findings filter and sort: over the policy's masks by token key, through the URL and the IPC schema. */
import { describe, expect, it } from 'vitest'
import { RULES } from '../../../electron/common/policy'
import { filterFromQuery, inventoryRoute, queryFromFilter } from '../../../electron/common/query-url'
import { DEFAULT_SORT, EMPTY_FILTER, TokenFilterer, filterTokens, findingsRank, firstSorted, sortTokens, type TokenFilter } from '../../../electron/common/token-query'
import type { Token } from '../../../electron/common/tokens'
import { tokenFilterSchema } from '../../../electron/common/validation'

const bit = (id: string): number => 1 << RULES.findIndex((r) => r.id === id)
const tok = (id: string): Token => ({
  key: `c/${id}`, connectionId: 'c', provider: 'mpt', id, name: id, description: null, status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z', createdBy: null, updatedAt: null, lastUsedAt: null, expiresAt: null, scope: [], isOwnCredential: false, vendor: {},
})
const TOKENS = ['clean', 'old', 'unused', 'old-unowned', 'expiring'].map(tok)
const MASKS = new Map([
  ['c/old', bit('max-age')],
  ['c/unused', bit('unused')],
  ['c/old-unowned', bit('max-age') | bit('no-owner')],
  ['c/expiring', bit('expiring') | bit('unused')],
])
const findingsOf = (key: string): number => MASKS.get(key) ?? 0
const connections = new Map([['c', { label: 'Prod', client: 'Acme' }]])
const ids = (f: Partial<TokenFilter>) => filterTokens(TOKENS, { ...EMPTY_FILTER, ...f }, { now: 0, connections, findingsOf }).map((t) => t.id)

describe('the findings filter', () => {
  it('keeps tokens with any finding, with an error finding, or with one rule’s', () => {
    expect(ids({ findings: 'any' })).toEqual(['old', 'unused', 'old-unowned', 'expiring'])
    expect(ids({ findings: 'error' })).toEqual(['old', 'old-unowned'])
    expect(ids({ findings: 'no-owner' })).toEqual(['old-unowned'])
    expect(ids({ findings: 'unused' })).toEqual(['unused', 'expiring'])
    expect(ids({ findings: null })).toHaveLength(5)
  })

  it('finds nothing without findings (no policy), and the filterer agrees with filterTokens', () => {
    expect(filterTokens(TOKENS, { ...EMPTY_FILTER, findings: 'any' }, { now: 0, connections }).map((t) => t.id)).toEqual([])
    const f = new TokenFilterer()
    expect(f.run(TOKENS, { ...EMPTY_FILTER, findings: 'error' }, { now: 0, connections, findingsOf }, 1).map((t) => t.id)).toEqual(['old', 'old-unowned'])
    expect(f.run(TOKENS, { ...EMPTY_FILTER }, { now: 0, connections, findingsOf }, 1)).toHaveLength(5)
  })
})

describe('sorting by findings', () => {
  it('ranks errors over any number of warnings, then by count; tokens without findings last both ways', () => {
    expect(findingsRank(0)).toBeNull()
    expect(findingsRank(bit('max-age'))).toBeGreaterThan(findingsRank(bit('unused') | bit('expiring'))!)
    const down = sortTokens(TOKENS, { key: 'findings', dir: -1 }, connections, findingsOf).map((t) => t.id)
    expect(down).toEqual(['old-unowned', 'old', 'expiring', 'unused', 'clean'])
    const up = sortTokens(TOKENS, { key: 'findings', dir: 1 }, connections, findingsOf).map((t) => t.id)
    expect(up).toEqual(['unused', 'expiring', 'old', 'old-unowned', 'clean'])
    expect(firstSorted(TOKENS, { key: 'findings', dir: -1 }, connections, 2, findingsOf).map((t) => t.id)).toEqual(['old-unowned', 'old'])
  })
})

describe('the findings filter in the URL', () => {
  it('round-trips each value through the route query and the route string', () => {
    for (const findings of ['any', 'error', ...RULES.map((r) => r.id)] as const) {
      const filter = { ...EMPTY_FILTER, client: 'Acme', findings }
      const query = queryFromFilter(filter, { key: 'findings', dir: -1 })
      expect(query).toEqual({ client: 'Acme', findings, sort: '-findings' })
      expect(filterFromQuery(query)).toEqual(filter)
    }
    expect(inventoryRoute({ client: 'Acme', findings: 'error' })).toBe('/inventory?client=Acme&findings=error')
  })

  it('drops an unknown value (a misspelt rule) and writes nothing for none', () => {
    expect(filterFromQuery({ findings: 'max-ages' }).findings).toBeNull()
    expect(filterFromQuery({ findings: ['any', 'error'] }).findings).toBeNull()
    expect(queryFromFilter(EMPTY_FILTER, DEFAULT_SORT)).toEqual({})
  })

  it('is checked at the IPC boundary: a rule id passes, anything else is refused', () => {
    expect(tokenFilterSchema.safeParse({ ...EMPTY_FILTER, findings: 'no-owner' }).success).toBe(true)
    expect(tokenFilterSchema.safeParse({ ...EMPTY_FILTER, findings: 'bogus' }).success).toBe(false)
  })
})
