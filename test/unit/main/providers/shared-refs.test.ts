import { describe, expect, it } from 'vitest'
import { sharedRefs } from '../../../../electron/main/providers/shared-refs'

describe('sharedRefs', () => {
  it('gives one object per id and name, and a new one for any difference', () => {
    const shared = sharedRefs()
    const a = shared.ref({ id: 'USR-1', name: 'Ana' })
    expect(shared.ref({ id: 'USR-1', name: 'Ana' })).toBe(a)
    expect(a).toEqual({ id: 'USR-1', name: 'Ana' })
    for (const other of [{ id: 'USR-1', name: 'Ana ' }, { id: 'USR-1', name: null }, { id: null, name: 'Ana' }, { id: 'USR-1', name: 'Ana\u202e' }]) {
      const ref = shared.ref(other)
      expect(ref).not.toBe(a)
      expect(ref).toEqual(other)
    }
    expect(shared.ref(null)).toBeNull()
    expect(shared.ref(undefined)).toBeNull()
  })

  it('copies what it keeps: the vendor object it was given stays the caller’s', () => {
    const shared = sharedRefs()
    const given = { id: 'ACC-1', name: 'Acme', extra: 'not kept' }
    const ref = shared.ref(given)
    expect(ref).not.toBe(given)
    expect(ref).toEqual({ id: 'ACC-1', name: 'Acme' })
  })

  it('shares nothing between two lists', () => {
    expect(sharedRefs().ref({ id: 'x', name: 'y' })).not.toBe(sharedRefs().ref({ id: 'x', name: 'y' }))
  })
})
