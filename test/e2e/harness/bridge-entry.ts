/**
 * Runs in the page before the app (an init script): builds `window.tokendesk` with the real
 * preload builder. Only the transport differs from Electron: invoke goes to a Playwright
 * binding that calls main's real dispatcher; events arrive through `__tokendeskEmit`.
 */
import { buildBridge } from '../../../electron/preload/build-bridge'
import { PIECES } from './reply-pieces'

type Listener = (payload: unknown) => void
interface HarnessWindow {
  __tokendeskInvoke: (channel: string, args: unknown[]) => Promise<string>
  __tokendeskPiece: (id: string, index: number) => Promise<string>
  /** An event: its channel and its payload as JSON. */
  __tokendeskEmit: (channel: string, message: string) => void
  tokendesk: unknown
}

const w = window as unknown as HarnessWindow
const listeners = new Map<string, Set<Listener>>()

w.__tokendeskEmit = (channel, message) => {
  const set = listeners.get(channel)
  if (!set?.size) return
  // Parsed once for every listener, as Electron's IPC gives all of them one copy.
  const payload: unknown = message === '' ? undefined : JSON.parse(message)
  for (const listener of set) listener(payload)
}

/** A reply, joined first when the harness handed it over in pieces (reply-pieces.ts). */
async function invoke(channel: string, args: unknown[]): Promise<unknown> {
  const text = await w.__tokendeskInvoke(channel, args)
  if (!text.startsWith(`{"${PIECES}":`)) return JSON.parse(text)
  const { [PIECES]: id, count } = JSON.parse(text) as { [PIECES]: string; count: number }
  const pieces: string[] = []
  for (let i = 0; i < count; i++) pieces.push(await w.__tokendeskPiece(id, i))
  return JSON.parse(pieces.join(''))
}

w.tokendesk = buildBridge(
  invoke,
  (channel, listener) => {
    const set = listeners.get(channel) ?? new Set<Listener>()
    set.add(listener)
    listeners.set(channel, set)
    return () => set.delete(listener)
  },
)
