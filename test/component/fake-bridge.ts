/** `window.tokendesk` for component tests, built by the real preload builder over handler stubs. */
import type { IpcResult } from '@common/errors'
import type { EventChannel } from '@common/ipc-channels'
import { buildBridge } from '../../electron/preload/build-bridge'

type Handler = (...args: never[]) => unknown

export function installFakeBridge(handlers: Record<string, Handler>) {
  const calls: Array<{ channel: string; args: unknown[] }> = []
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  window.tokendesk = buildBridge(
    async (channel, args): Promise<IpcResult<unknown>> => {
      calls.push({ channel, args })
      const handler = handlers[channel]
      if (!handler) return { ok: false, error: { kind: 'internal', message: `no fake for ${channel}` } }
      try {
        return { ok: true, value: await (handler as (...a: unknown[]) => unknown)(...args) }
      } catch (e) {
        const err = e as { kind?: string; message?: string }
        return { ok: false, error: { kind: (err.kind ?? 'internal') as never, message: err.message ?? 'failed' } }
      }
    },
    (channel, listener) => {
      const set = listeners.get(channel) ?? new Set()
      set.add(listener)
      listeners.set(channel, set)
      return () => set.delete(listener)
    },
  )
  return {
    calls,
    emit: (channel: EventChannel, payload: unknown) => listeners.get(channel)?.forEach((l) => l(payload)),
  }
}
