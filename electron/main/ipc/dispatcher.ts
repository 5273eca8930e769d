/**
 * The one entry point for every invoke from a renderer, independent of Electron so that unit
 * tests and the e2e harness exercise exactly what the app runs: sender check → argument
 * validation with the channel's zod schema → handler → result or error envelope.
 */
import type { IpcResult } from '../../common/errors'
import { INVOKE_CHANNELS, type InvokeChannel } from '../../common/ipc-channels'
import { invokeContract, type HandlerArgs, type InvokeResult } from '../../common/ipc-contract'
import { plainIssue } from '../../common/plain-issues'
import { fieldErrors } from '../../common/validation'
import { toEnvelope } from '../app-error'
import type { Logger } from '../services/logger'

export type Handlers = {
  [C in InvokeChannel]: (...args: HandlerArgs<C>) => Promise<InvokeResult<C>> | InvokeResult<C>
}

/** Who sent an invoke: the URL of the frame and whether it is the window's top frame. */
export interface IpcSender {
  url: string | null
  isMainFrame: boolean
}

export type Dispatch = (sender: IpcSender, channel: unknown, args: unknown) => Promise<IpcResult<unknown>>

/**
 * Only the top frame of our own renderer may call. `trustedOrigins` are URL prefixes such as
 * `app://tokendesk/` (production) or the dev server's `http://localhost:5173/`.
 */
export function isTrustedSender(sender: IpcSender, trustedOrigins: readonly string[]): boolean {
  if (!sender.isMainFrame || !sender.url) return false
  let url: URL
  try {
    url = new URL(sender.url)
  } catch {
    return false
  }
  return trustedOrigins.some((prefix) => {
    const allowed = new URL(prefix)
    return url.protocol === allowed.protocol && url.host === allowed.host
  })
}

function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(channel)
}

export function createDispatcher(
  handlers: Handlers,
  options: { trustedOrigins: readonly string[]; log: Logger },
): Dispatch {
  const { trustedOrigins, log } = options
  return async (sender, channel, args) => {
    if (!isTrustedSender(sender, trustedOrigins)) {
      log.warn('ipc: refused a call from an untrusted frame', { channel: String(channel) })
      return {
        ok: false,
        error: { kind: 'forbidden_sender', message: 'This window is not allowed to call Tokendesk.' },
      }
    }
    if (!isInvokeChannel(channel)) {
      return { ok: false, error: { kind: 'validation', message: 'Unknown request.' } }
    }
    const parsed = invokeContract[channel].args.safeParse(args, { error: plainIssue })
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error)
      return {
        ok: false,
        error: {
          kind: 'validation',
          message: Object.values(fields)[0] ?? 'The request was not valid.',
          fields,
        },
      }
    }
    try {
      const handler = handlers[channel] as (...a: unknown[]) => unknown
      const value = await handler(...(parsed.data as unknown[]))
      return { ok: true, value }
    } catch (error) {
      const envelope = toEnvelope(error)
      if (envelope.kind === 'internal') log.error(`ipc: ${channel} failed`, { error })
      return { ok: false, error: envelope }
    }
  }
}
