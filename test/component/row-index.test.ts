import { describe, expect, it } from 'vitest'
import { rowIndex } from '@/features/inventory/row-index'
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
})
