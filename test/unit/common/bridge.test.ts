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
