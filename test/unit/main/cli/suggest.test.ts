/** "Did you mean": the nearest names by edit distance (a swap counts once), or a prefix. */
import { describe, expect, it } from 'vitest'
import { editDistance } from '../../../../electron/common/edit-distance'
import { didYouMean, nearest } from '../../../../electron/main/cli/suggest'

describe('suggestions', () => {
  it('measures edits, an adjacent swap as one', () => {
    expect(editDistance('lsit', 'list')).toBe(1)
    expect(editDistance('list', 'list')).toBe(0)
    expect(editDistance('rotat', 'rotate')).toBe(1)
    expect(editDistance('abc', 'xyz')).toBe(3)
  })

  it('suggests only what is near, the nearest first', () => {
    expect(nearest('lsit', ['list', 'get', 'diff'])).toEqual(['list'])
    expect(nearest('tok', ['tokens', 'connections'])).toEqual(['tokens'])
    expect(nearest('zzzzzz', ['tokens', 'connections'])).toEqual([])
    expect(didYouMean('jsn', ['json', 'csv'])).toBe(' Did you mean “json”?')
    expect(didYouMean('qq', ['json'])).toBe('')
  })
})
