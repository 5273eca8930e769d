import { describe, expect, it } from 'vitest'
import { connectionIdsOf, rowIndex } from '@/features/inventory/row-index'
import { token } from './fixtures'

describe('rowIndex', () => {
  it('finds every row by key across the lists, and nothing else, as lists are replaced', () => {
    let lists = [
      [token('mpt', 'A'), token('mpt', 'B')],
      [token('fynn', 'A'), token('fynn', 'C')],
      [],
    ]
    const check = () => {
      const index = rowIndex(lists)
      const all = lists.flat()
      expect(index.size).toBe(all.length)
      for (const t of all) expect(index.get(t.key)).toBe(t)
      expect(index.has(`${all[0]!.connectionId}/nope`)).toBe(false)
      expect(index.get('unknown/A')).toBeUndefined()
    }
    check()
    lists = [lists[0]!, [token('fynn', 'D')], [token('prefactor', 'P')]]
    check()
  })

  it('gives the rows of a set of keys, the new objects of a list that was replaced', () => {
    const a = [token('mpt', 'A'), token('mpt', 'B')]
    const f = [token('fynn', 'A'), token('fynn', 'C')]
    const keys = new Set([a[1]!.key, f[0]!.key, 'gone/X', f[1]!.key])
    expect(rowIndex([a, f]).rowsOf!(keys)).toEqual([a[1], f[0], f[1]])
    const f2 = f.map((t) => ({ ...t, owner: 'Billing' }))
    const rows = rowIndex([a, f2]).rowsOf!(keys)
    expect(rows[0]).toBe(a[1])
    expect(rows.slice(1)).toEqual([f2[0], f2[1]])
    expect(rows[1]).toBe(f2[0])
    expect(rowIndex([a, f2]).rowsOf!(new Set([a[0]!.key]))).toEqual([a[0]])
  })

  it('gives the connections of the checked rows still there, not of keys whose token has gone', () => {
    const a = [token('mpt', 'A'), token('mpt', 'B')]
    const f = [token('fynn', 'A')]
    const index = rowIndex([a, f])
    expect(connectionIdsOf(new Set([a[0]!.key, a[1]!.key]), index)).toEqual([a[0]!.connectionId])
    expect(connectionIdsOf(new Set([a[1]!.key, f[0]!.key]), index).sort()).toEqual([a[0]!.connectionId, f[0]!.connectionId].sort())
    // fynn's one checked token was deleted elsewhere: the selection is of one connection again.
    expect(connectionIdsOf(new Set([a[1]!.key, `${f[0]!.connectionId}/gone`]), index)).toEqual([a[0]!.connectionId])
    expect(connectionIdsOf(new Set(), index)).toEqual([])
  })
})
