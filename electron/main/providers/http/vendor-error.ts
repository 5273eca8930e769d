/**
 * Any failure of a vendor call → an AppError with one of the envelope's kinds and a message a
 * person can act on, quoting the vendor's own message where its body has one. Never a stack,
 * never the credential (scrubbed even if a vendor echoes it back).
 */
import { AxiosError } from 'axios'
import { AppError } from '../../app-error'
import { formatBytes, formatWait } from './limits'

export interface VendorErrorContext {
  /** The vendor's name as users know it. */
  vendor: string
  /** Reads the vendor's own message from an error body, if it has one. */
  messageOf: (body: unknown) => string | null
  /** Named in 403 messages, e.g. `user:api-token:read`. */
  permission?: string
  credential: string
}

const NETWORK_OFFLINE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN'])
const NETWORK_RESET = new Set(['ECONNRESET', 'EPIPE', 'ERR_BAD_RESPONSE'])
const TIMEOUTS = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT'])
const TLS = /^(CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS|ERR_SSL|HOSTNAME_MISMATCH)/

export function cleanVendorText(text: string, credential: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  let out = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  if (credential && credential.length >= 4) out = out.split(credential).join('••••')
  return out.length > 300 ? `${out.slice(0, 297)}…` : out
}

export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds))
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000))
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data)
  } catch {
    return null
  }
}

export function toVendorError(error: unknown, ctx: VendorErrorContext): AppError {
  if (error instanceof AppError) return error
  if (!(error instanceof AxiosError)) {
    return new AppError('unexpected_response', `${ctx.vendor} answered something unexpected. Details are in the log.`, { cause: error })
  }
  const host = error.config?.url ? safeHost(error.config.url) : 'the vendor'
  if (error.code === 'ERR_CANCELED') return new AppError('cancelled', 'The request was cancelled.')
  const limitBytes = (error as { limitBytes?: number }).limitBytes
  if (error.code === 'ERR_TOO_LARGE' && limitBytes) {
    return new AppError('unexpected_response', `${ctx.vendor} sent more than ${formatBytes(limitBytes)} in one answer; Tokendesk stopped reading it there. Nothing was changed.`)
  }
  // A 2xx whose body broke off is a network failure, not an answer.
  const response = error.response && !(error.response.status >= 200 && error.response.status < 300) ? error.response : undefined
  if (!response) {
    const code = error.code ?? (error.cause as NodeJS.ErrnoException | undefined)?.code ?? ''
    if (TIMEOUTS.has(code)) {
      const deadlineMs = (error as { deadlineMs?: number }).deadlineMs
      return new AppError('timeout', deadlineMs ? `${ctx.vendor} did not send a complete answer within ${Math.max(1, Math.round(deadlineMs / 1000))} s.` : `${ctx.vendor} did not answer in time.`)
    }
    if (NETWORK_OFFLINE.has(code)) return new AppError('offline', `Could not reach ${host}. You may be offline, or the address is wrong.`)
    if (TLS.test(code)) return new AppError('tls', `The secure connection to ${host} could not be verified (${code}).`)
    if (NETWORK_RESET.has(code) || /aborted|socket hang up/i.test(error.message)) {
      return new AppError('unavailable', `The connection to ${ctx.vendor} broke off. Try again in a moment.`)
    }
    return new AppError('offline', `Could not reach ${host}.`)
  }

  const status = response.status
  const raw = ctx.messageOf(parseBody(response.data))
  const said = raw ? cleanVendorText(raw, ctx.credential) : null
  const quote = said ? ` ${ctx.vendor} said: “${said}”` : ''
  if (status === 401) return new AppError('auth', `${ctx.vendor} rejected the credential. Replace it in Connections.${quote}`)
  if (status === 403) {
    const needs = ctx.permission ? ` (${ctx.permission})` : ''
    return new AppError('permission', `The credential lacks the permission for this${needs}.${quote}`)
  }
  if (status === 404) return new AppError('not_found', `Not found at ${ctx.vendor}: the token may no longer exist. Refresh to update the list.${quote}`)
  if (status === 405 || status === 501) return new AppError('validation', `${ctx.vendor}’s API does not offer this action.${quote}`)
  if (status === 409) return new AppError('conflict', said ?? `${ctx.vendor} refused the change because of a conflict.`)
  if (status === 400 || status === 415 || status === 422) return new AppError('validation', said ?? `${ctx.vendor} refused the request as invalid.`)
  const retryAfterSec = parseRetryAfter(response.headers?.['retry-after'])
  const when = retryAfterSec !== undefined ? ` Try again in ${formatWait(retryAfterSec)}.` : ''
  if (status === 429) return new AppError('rate_limited', `${ctx.vendor} is limiting requests.${when}`, { retryAfterSec })
  if (status === 504) return new AppError('timeout', `${ctx.vendor} timed out (504).${quote}`)
  if (status >= 500) return new AppError('unavailable', `${ctx.vendor} is unavailable right now (${status}).${quote}${when}`, { retryAfterSec })
  if (status >= 300 && status < 400) {
    return new AppError('unexpected_response', `${ctx.vendor} answered with a redirect (${status}) instead of data, e.g. a file download. Details are in the log.`)
  }
  return new AppError('unexpected_response', `${ctx.vendor} answered something unexpected (${status}). Details are in the log.`)
}

function safeHost(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'the vendor'
  }
}
