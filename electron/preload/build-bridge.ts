/**
 * Builds the object exposed as `window.tokendesk` from the contract's channel list. It is
 * transport-agnostic: Electron's preload passes ipcRenderer-based functions, the e2e harness
 * passes Playwright bindings. Only named functions are exposed, never the transport itself.
 */
import type { TokendeskBridge } from '../common/bridge'
import { EVENT_CHANNELS, INVOKE_CHANNELS, type EventChannel } from '../common/ipc-channels'

export type InvokeTransport = (channel: string, args: unknown[]) => Promise<unknown>
export type SubscribeTransport = (
  channel: string,
  listener: (payload: unknown) => void,
) => () => void

export function buildBridge(invoke: InvokeTransport, subscribe: SubscribeTransport): TokendeskBridge {
  const bridge: Record<string, unknown> = {}
  for (const channel of INVOKE_CHANNELS) {
    bridge[channel] = (...args: unknown[]) => invoke(channel, args)
  }
  bridge.on = (event: EventChannel, listener: (payload: unknown) => void) => {
    if (!(EVENT_CHANNELS as readonly string[]).includes(event)) {
      throw new Error(`Unknown event channel: ${String(event)}`)
    }
    return subscribe(event, (payload) => listener(payload))
  }
  return Object.freeze(bridge) as unknown as TokendeskBridge
}
