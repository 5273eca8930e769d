import { describe, expect, it } from 'vitest'
import { keysOf, selectionOf } from '../../../electron/common/token-selection'

describe('a token selection as it travels', () => {
  it('groups the tokens per connection in the order given, and gives back their keys', () => {
    const tokens = [
      { connectionId: 'a', id: 'T1' },
      { connectionId: 'b', id: 'T1' },
      { connectionId: 'a', id: 'T2' },
      { connectionId: 'b', id: 'x/y' },
    ]
    const selection = selectionOf(tokens)
    expect(selection).toEqual([
      { connectionId: 'a', tokenIds: ['T1', 'T2'] },
      { connectionId: 'b', tokenIds: ['T1', 'x/y'] },
    ])
    expect(keysOf(selection)).toEqual(['a/T1', 'a/T2', 'b/T1', 'b/x/y'])
    expect(selectionOf([])).toEqual([])
  })
})
