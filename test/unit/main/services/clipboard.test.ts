import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ClipboardService, type ClearedReason } from '../../../../electron/main/services/clipboard'
import { MemoryClipboard } from '../../../fakes/memory-clipboard'

function setup(platform: NodeJS.Platform = 'linux') {
  const port = new MemoryClipboard()
  const timers: Array<{ fn: () => void; ms: number; cancelled: boolean }> = []
  const cleared: ClearedReason[] = []
  const service = new ClipboardService(port, {
    platform,
    now: () => new Date('2026-11-23T10:00:00.000Z'),
    schedule: (fn, ms) => {
      const t = { fn, ms, cancelled: false }
      timers.push(t)
      return () => (t.cancelled = true)
    },
  })
  service.onCleared((r) => cleared.push(r))
  const fire = async () => {
    for (const t of timers.filter((x) => !x.cancelled)) t.fn()
    await new Promise((r) => setTimeout(r, 0))
  }
  return { port, service, timers, cleared, fire }
}

const SECRET = 'idt:TKN-1234-5678:very-secret-value'

describe('ClipboardService', () => {
  it.each([
    ['linux', 'electron application/osclipboard;format="x-kde-passwordManagerHint"', 'secret'],
    ['darwin', 'electron application/osclipboard;format="org.nspasteboard.ConcealedType"', ''],
    ['win32', 'electron application/osclipboard;format="ExcludeClipboardContentFromMonitorProcessing"', ''],
  ] as const)('writes the text and the %s concealment marker in one write', async (platform, format, value) => {
    const { port, service } = setup(platform)
    const result = await service.copySecret(SECRET, 30)
    expect(port.writes).toBe(1)
    expect(port.formats).toEqual({ 'text/plain': SECRET, [format]: value })
    expect(result.clearsAt).toBe('2026-11-23T10:00:30.000Z')
  })

  it('clears after the timeout when the clipboard still holds the secret', async () => {
    const { port, service, timers, cleared, fire } = setup()
    await service.copySecret(SECRET, 30)
    expect(timers[0]!.ms).toBe(30_000)
    await fire()
    expect(port.formats).toEqual({})
    expect(cleared).toEqual(['timeout'])
  })

  it('leaves the clipboard alone when the user copied something else', async () => {
    const { port, service, cleared, fire } = setup()
    await service.copySecret(SECRET, 30)
    port.userCopies('my shopping list')
    await fire()
    expect(port.formats).toEqual({ 'text/plain': 'my shopping list' })
    expect(cleared).toEqual(['replaced'])
  })

  it('clears on quit, and a second copy replaces the first timer', async () => {
    const { port, service, timers, cleared } = setup()
    await service.copySecret(SECRET, 30)
    await service.copySecret(`${SECRET}-2`, 30)
    expect(timers.map((t) => t.cancelled)).toEqual([true, false])
    await service.clearOnQuit()
    expect(port.formats).toEqual({})
    expect(cleared).toEqual(['quit'])
  })

  it('keeps a hash while waiting, never the secret', async () => {
    const { service } = setup()
    await service.copySecret(SECRET, 30)
    // Everything the service holds, except the clipboard itself (which holds the secret, as it should).
    const own = Object.fromEntries(Object.entries(service).filter(([key]) => key !== 'port'))
    expect(inspect(own, { depth: 10 })).not.toContain(SECRET)
  })
})
