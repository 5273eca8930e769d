import { describe, expect, it } from 'vitest'
import { forEachMetaChange, metaChangeCount, packMetaChanges, sliceMetaChanges } from '../../../electron/common/meta-changes'

const meta = (owner: string, updatedAt = '2026-11-23T12:00:00.000Z') => ({ owner, notes: null, tags: ['prod'], displayName: null, updatedAt })

describe('meta:changed packed', () => {
  it('gives back every change in order, an entry equal in content sent once', () => {
    const changes = [
      ...Array.from({ length: 1000 }, (_, i) => ({ key: `c1/t${i}`, meta: meta('Platform team') })), // 1,000 objects, one content
      { key: 'c2/a/b', meta: meta('Billing') }, // a token id with a slash
      { key: 'c2/gone', meta: null },
      { key: 'c1/late', meta: meta('Platform team', '2026-11-23T12:00:01.000Z') },
    ]
    const packed = packMetaChanges(changes)
    expect(packed.metas).toHaveLength(3)
    expect(metaChangeCount(packed)).toBe(changes.length)
    const back: Array<{ key: string; meta: unknown }> = []
    forEachMetaChange(packed, (key, m) => back.push({ key, meta: m }))
    expect(back.sort((a, b) => a.key.localeCompare(b.key))).toEqual([...changes].sort((a, b) => a.key.localeCompare(b.key)))
    // Much smaller than a key and an entry per change.
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(changes).length / 4)
  })

  it('slices into pieces of at most so many rows that together give every change once, in order', () => {
    const changes = [
      ...Array.from({ length: 25 }, (_, i) => ({ key: `c1/t${i}`, meta: i % 2 ? meta('A') : null })),
      ...Array.from({ length: 7 }, (_, i) => ({ key: `c2/t${i}`, meta: meta('B') })),
    ]
    const packed = packMetaChanges(changes)
    const all = (p: typeof packed) => {
      const out: Array<{ key: string; meta: unknown }> = []
      forEachMetaChange(p, (key, m) => out.push({ key, meta: m }))
      return out
    }
    for (const max of [1, 5, 10, 25, 32, 100]) {
      const pieces = sliceMetaChanges(packed, max)
      expect(pieces.length, `max ${max}`).toBe(Math.ceil(changes.length / max))
      for (const piece of pieces) expect(metaChangeCount(piece)).toBeLessThanOrEqual(max)
      expect(pieces.flatMap(all), `max ${max}`).toEqual(all(packed))
    }
    expect(sliceMetaChanges(packMetaChanges([]), 10)).toEqual([])
  })
})
