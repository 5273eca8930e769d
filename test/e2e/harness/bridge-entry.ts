/**
 * Runs in the page before the app (an init script): builds `window.tokendesk` with the real
 * preload builder. Only the transport differs from Electron: invoke goes to a Playwright
 * binding that calls main's real dispatcher; events arrive through `__tokendeskEmit`.
 */
import { buildBridge } from '../../../electron/preload/build-bridge'

type Listener = (payload: unknown) => void
interface HarnessWindow {
  __tokendeskInvoke: (channel: string, args: unknown[]) => Promise<string>
  __tokendeskEmit: (channel: string, payload: unknown) => void
  tokendesk: unknown
}

const w = window as unknown as HarnessWindow
const listeners = new Map<string, Set<Listener>>()

w.__tokendeskEmit = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload)
}

w.tokendesk = buildBridge(
  (channel, args) => w.__tokendeskInvoke(channel, args).then((text) => JSON.parse(text) as unknown),
  (channel, listener) => {
    const set = listeners.get(channel) ?? new Set<Listener>()
    set.add(listener)
    listeners.set(channel, set)
    return () => set.delete(listener)
  },
)
