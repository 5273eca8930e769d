/**
 * Large messages (replies and events) do not cross DevTools, which carries at most 100 MB a
 * message and spends the page's own time taking in a large one (seconds for an event of 50,000
 * rows, where Electron's IPC copies it in tens of ms). The page is handed `{ "__large": id }`
 * and fetches the message from the harness's server (the network stack reads it off the page's
 * thread), then parses it as it would any reply. Envelopes always start `{"ok":`, so the marker
 * cannot be mistaken for a reply.
 */
export const LARGE = '__large'
/** Messages longer than this (characters) are fetched. */
export const LARGE_MESSAGE = 256 * 1024
/** The harness server's path for a large message. */
export const LARGE_PATH = '/__td-large/'
