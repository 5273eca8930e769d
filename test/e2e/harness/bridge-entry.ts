/**
 * Runs in the page before the app (an init script): builds `window.tokendesk` with the real
 * preload builder. Only the transport differs from Electron: invoke goes to a Playwright
 * binding that calls main's real dispatcher; events arrive through `__tokendeskEmit`.
 */
import { buildBridge } from '../../../electron/preload/build-bridge'
import { LARGE, LARGE_MESSAGE, LARGE_PATH } from './reply-pieces'

type Listener = (payload: unknown) => void
interface HarnessWindow {
  __tokendeskInvoke: (channel: string, args: unknown[] | { [LARGE]: string }) => Promise<string>
  /** An event: its channel and its payload as JSON. */
  __tokendeskEmit: (channel: string, message: string) => void
  tokendesk: unknown
}

const w = window as unknown as HarnessWindow
const listeners = new Map<string, Set<Listener>>()

/** A message as sent: itself, or fetched from the harness's server when large (reply-pieces.ts). */
const isLarge = (text: string): boolean => text.startsWith(`{"${LARGE}":`)
async function fetchLarge(marker: string): Promise<string> {
  const { [LARGE]: id } = JSON.parse(marker) as { [LARGE]: string }
  return (await fetch(`${LARGE_PATH}${id}`)).text()
}

function deliver(channel: string, message: string): void {
  const set = listeners.get(channel)
  if (!set?.size) return
  // Parsed once for every listener, as Electron's IPC gives all of them one copy.
  const payload: unknown = message === '' ? undefined : JSON.parse(message)
  for (const listener of set) listener(payload)
}

// Events keep their order: while a large one is being fetched, later ones wait for it.
let fetching: Promise<void> | null = null
w.__tokendeskEmit = (channel, message) => {
  if (!fetching && !isLarge(message)) return deliver(channel, message)
  const previous = fetching ?? Promise.resolve()
  const mine: Promise<void> = previous
    .then(async () => deliver(channel, isLarge(message) ? await fetchLarge(message) : message))
    .finally(() => {
      if (fetching === mine) fetching = null
    })
  fetching = mine
}

/** A reply, fetched first when the harness handed it over as large (reply-pieces.ts). */
async function invoke(channel: string, args: unknown[]): Promise<unknown> {
  // Large arguments (50,000 keys) as one JSON text: Playwright's own argument format took the
  // page's thread for hundreds of ms, where Electron's IPC copies them in a few.
  const json = JSON.stringify(args)
  const text = await w.__tokendeskInvoke(channel, json.length > LARGE_MESSAGE ? { [LARGE]: json } : args)
  return JSON.parse(isLarge(text) ? await fetchLarge(text) : text)
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
