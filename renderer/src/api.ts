/**
 * The only place the renderer touches `window.tokendesk`. Results come back as values;
 * failures as an ApiError carrying the envelope (kind, message, field errors).
 */
import type { TokendeskBridge } from '@common/bridge'
import { isVendorKind, type ErrorEnvelope, type ErrorKind, type IpcResult } from '@common/errors'
import type { EventChannel, InvokeChannel } from '@common/ipc-channels'
import type { EventPayloads, InvokeArgs, InvokeResult } from '@common/ipc-contract'

export class ApiError extends Error {
  readonly kind: ErrorKind
  readonly fields: Record<string, string>
  readonly retryAfterSec?: number

  constructor(envelope: ErrorEnvelope) {
    super(envelope.message)
    this.name = 'ApiError'
    this.kind = envelope.kind
    this.fields = envelope.fields ?? {}
    this.retryAfterSec = envelope.retryAfterSec
  }
}

function bridge(): TokendeskBridge {
  const b = window.tokendesk
  if (!b) {
    throw new ApiError({
      kind: 'internal',
      message: 'Tokendesk’s window could not reach the app. Restart Tokendesk.',
    })
  }
  return b
}

export async function call<C extends InvokeChannel>(
  channel: C,
  ...args: InvokeArgs<C>
): Promise<InvokeResult<C>> {
  const fn = bridge()[channel] as unknown as (
    ...a: InvokeArgs<C>
  ) => Promise<IpcResult<InvokeResult<C>>>
  const result = await fn(...args)
  if (!result.ok) throw new ApiError(result.error)
  return result.value
}

export function onEvent<E extends EventChannel>(
  event: E,
  listener: (payload: EventPayloads[E]) => void,
): () => void {
  return bridge().on(event, listener)
}

/** A failure that is the vendor's answer to a test (refused, unreachable…): "Save anyway" applies. */
export function isVendorAnswer(error: unknown): error is ApiError {
  return error instanceof ApiError && isVendorKind(error.kind)
}

/** A message for a person from anything thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message
  return 'Something went wrong. Nothing was changed.'
}
