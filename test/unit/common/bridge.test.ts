import { describe, expect, it, vi } from 'vitest'
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../electron/common/ipc-channels'
import { invokeContract } from '../../../electron/common/ipc-contract'
import { buildBridge } from '../../../electron/preload/build-bridge'

describe('buildBridge', () => {
  it('exposes one named function per contract channel plus `on`, and nothing else', () => {
    const bridge = buildBridge(vi.fn(), vi.fn())
    expect(Object.keys(bridge).sort()).toEqual([...INVOKE_CHANNELS, 'on'].sort())
    expect(Object.keys(invokeContract).sort()).toEqual([...INVOKE_CHANNELS].sort())
    expect(Object.isFrozen(bridge)).toBe(true)
  })

  it('forwards calls as (channel, args) and events through subscribe', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: [] }))
    const unsubscribe = vi.fn()
    const subscribe = vi.fn(() => unsubscribe)
    const bridge = buildBridge(invoke, subscribe)
    await bridge['connections:update']('id', { label: 'x' }, true)
    expect(invoke).toHaveBeenCalledWith('connections:update', ['id', { label: 'x' }, true])
    const listener = vi.fn()
    const off = bridge.on(EVENT_CHANNELS[0], listener)
    expect(subscribe).toHaveBeenCalledWith(EVENT_CHANNELS[0], expect.any(Function))
    off()
    expect(unsubscribe).toHaveBeenCalled()
    expect(() => bridge.on('ipc:raw' as never, listener)).toThrow(/Unknown event/)
  })
})

describe('meta:bulk', () => {
  it('takes a selection of every token of a large inventory (more than 50,000) per connection, and refuses an empty one', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `TKN-${i}`)
    const selection = [
      { connectionId: '11111111-1111-4111-8111-111111111111', tokenIds: ids(150_000) },
      { connectionId: '22222222-2222-4222-8222-222222222222', tokenIds: ids(50_008) },
    ]
    expect(invokeContract['meta:bulk'].args.safeParse([selection, { owner: 'Platform team' }]).success).toBe(true)
    expect(invokeContract['meta:bulk'].args.safeParse([[], { owner: 'Platform team' }]).success).toBe(false)
    expect(invokeContract['meta:bulk'].args.safeParse([[{ connectionId: selection[0]!.connectionId, tokenIds: [] }], { owner: 'Ops' }]).success).toBe(false)
    expect(invokeContract['meta:bulk'].args.safeParse([[{ connectionId: 'not-a-connection', tokenIds: ['TKN-1'] }], { owner: 'Ops' }]).success).toBe(false)
    expect(invokeContract['meta:bulk'].args.safeParse([[{ ...selection[0]!, tokenIds: ['TKN-1', 'a/b'] }], { owner: 'Ops' }]).success).toBe(false)
  })
})
