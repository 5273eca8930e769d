/**
 * The one HTTP client for vendor APIs (axios). Every attempt takes a per-host slot; reads (and
 * writes that carry an idempotency key) are retried on 429/502/503/504, timeouts and resets with
 * exponential backoff + jitter honouring Retry-After, at most 4 tries in all. Bodies are parsed
 * here with the caller's zod schema, so an unexpected shape is a typed error, never a crash.
 *
 * Bounded (limits.ts): each attempt has a total deadline covering headers and body (axios'
 * `timeout` alone is a socket-idle timer, which a trickling body keeps resetting forever); each
 * call has a budget for all its tries, and a Retry-After beyond what is left of it is reported at
 * once, with its time, instead of being slept on; an answer larger than the cap is cut off while
 * it streams in (axios' `maxContentLength`) and reported as such.
 */
import axios, { AxiosError, getAdapter, isAxiosError, type AxiosAdapter, type AxiosInstance, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios'
import axiosRetry, { exponentialDelay } from 'axios-retry'
import { AppError } from '../../app-error'
import type { Logger } from '../../services/logger'
import type { BodyParser } from '../compiled-page'
import { HostLimiter } from './host-limiter'
import { DEFAULT_LIMITS, type VendorLimits } from './limits'
import { parseRetryAfter, toVendorError, type VendorErrorContext } from './vendor-error'

export const MAX_TRIES = 4
/** The least time a retry is given; with less of the call's budget left, the call ends instead. */
export const MIN_TRY_MS = 100
const RETRY_STATUSES = new Set([429, 502, 503, 504])
const RETRY_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ERR_BAD_RESPONSE'])

export interface VendorHttpOptions {
  limiter?: HostLimiter
  log: Logger
  /** One attempt, headers and body (limits.ts). */
  timeoutMs?: number
  /** One call, all tries and waits (limits.ts). */
  callBudgetMs?: number
  /** One refresh of one connection (limits.ts; the inventory applies it). */
  refreshBudgetMs?: number
  /** The largest answer read (limits.ts). */
  maxResponseBytes?: number
  /** Base of the exponential backoff (ms). */
  retryBaseMs?: number
  /** Ceiling of one backoff sleep, Retry-After included (ms). */
  maxRetryDelayMs?: number
}

export interface VendorRequest<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  url: string
  credential: string
  body?: unknown
  headers?: Record<string, string>
  /** Reads are retryable; writes only with an idempotency key. */
  retryable: boolean
  signal?: AbortSignal
  /** Omit for answers without a body (204). A zod schema, or a compiled page. */
  schema?: BodyParser<T>
  errors: Omit<VendorErrorContext, 'credential'>
}

export interface VendorHttp {
  request<T>(req: VendorRequest<T>): Promise<T>
  readonly limiter: HostLimiter
  /** The bounds this client applies (absent in hand-made test clients: the defaults). */
  readonly limits?: VendorLimits
}

/** What the client keeps on axios' config across the tries of one call. */
interface CallState {
  tokendeskRetryable?: boolean
  /** When the call's first attempt started: its budget runs from there (not from queueing). */
  tokendeskStartedAt?: number
}

/** An attempt cut off by its deadline: a timeout, like the vendor's silence it stands for. */
function deadlineError(config: InternalAxiosRequestConfig & CallState): AxiosError {
  // Said as the time the whole call waited (all its tries), which is what the user waited.
  const waitedMs = Date.now() - (config.tokendeskStartedAt ?? Date.now())
  return Object.assign(new AxiosError(`no complete answer within ${waitedMs} ms`, AxiosError.ETIMEDOUT, config), { deadlineMs: waitedMs })
}

/** A 2xx whose body broke off: the status arrived, the data did not. */
export function isBrokenBody(error: AxiosError): boolean {
  const status = error.response?.status
  return status !== undefined && status >= 200 && status < 300
}

export function isRetryableError(error: AxiosError): boolean {
  if (error.code === 'ERR_CANCELED') return false
  if (error.response && !isBrokenBody(error)) return RETRY_STATUSES.has(error.response.status)
  return RETRY_CODES.has(error.code ?? '') || /aborted|socket hang up/i.test(error.message)
}

export function createVendorHttp(options: VendorHttpOptions): VendorHttp {
  const limiter = options.limiter ?? new HostLimiter()
  const { log } = options
  const limits: VendorLimits = {
    attemptMs: options.timeoutMs ?? DEFAULT_LIMITS.attemptMs,
    callBudgetMs: options.callBudgetMs ?? DEFAULT_LIMITS.callBudgetMs,
    refreshBudgetMs: options.refreshBudgetMs ?? DEFAULT_LIMITS.refreshBudgetMs,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_LIMITS.maxResponseBytes,
  }
  const baseAdapter = getAdapter(axios.defaults.adapter) as AxiosAdapter
  const timeLeft = (config: CallState | undefined): number => (config?.tokendeskStartedAt ?? Date.now()) + limits.callBudgetMs - Date.now()
  // A retry is worth sending only with time to answer: one squeezed into the last milliseconds of
  // the budget reaches the vendor after the caller has already given up.
  const minTryMs = Math.min(limits.attemptMs, MIN_TRY_MS)

  /** One attempt under its deadline: min(attempt time, what is left of the call's budget). */
  const attempt = async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const state = config as InternalAxiosRequestConfig & CallState
    state.tokendeskStartedAt ??= Date.now()
    const ms = Math.min(limits.attemptMs, timeLeft(state))
    if (ms <= 0) throw deadlineError(state)
    // One signal for the attempt, aborted by the deadline or the caller's signal. Linked by hand:
    // `AbortSignal.any` per attempt cost 14–27 ms of a refresh's ~650 ms of CPU (two profiles,
    // BENCHMARKS.md), and its composite signals outlive the attempt until a GC.
    const outer = config.signal as AbortSignal | undefined
    const linked = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      linked.abort()
    }, ms)
    const onOuterAbort = (): void => linked.abort(outer?.reason)
    if (outer?.aborted) linked.abort(outer.reason)
    else outer?.addEventListener('abort', onOuterAbort, { once: true })
    config.signal = linked.signal
    try {
      return await baseAdapter(config)
    } catch (error) {
      if (timedOut && !outer?.aborted) throw deadlineError(state)
      if (isAxiosError(error) && /maxContentLength/.test(error.message)) {
        throw Object.assign(new AxiosError(`answer larger than ${limits.maxResponseBytes} bytes`, 'ERR_TOO_LARGE', config), { limitBytes: limits.maxResponseBytes })
      }
      throw error
    } finally {
      clearTimeout(timer)
      outer?.removeEventListener('abort', onOuterAbort)
      config.signal = outer // retries start from the caller's own signal
    }
  }
  // Each attempt (first or retry) queues for a slot; backoff sleeps do not hold one.
  const limitedAdapter: AxiosAdapter = (config: InternalAxiosRequestConfig) => {
    return limiter.run(config.url ?? '', () => attempt(config))
  }
  const maxDelay = options.maxRetryDelayMs ?? 30_000
  const client: AxiosInstance = axios.create({
    adapter: limitedAdapter,
    timeout: limits.attemptMs,
    maxContentLength: limits.maxResponseBytes,
    maxRedirects: 0,
    responseType: 'text',
    transitional: { clarifyTimeoutError: true, silentJSONParsing: false, forcedJSONParsing: false },
    validateStatus: (status) => status >= 200 && status < 300,
    proxy: false,
  })
  axiosRetry(client, {
    retries: MAX_TRIES - 1,
    shouldResetTimeout: true,
    retryCondition: (error) => {
      const state = error.config as CallState | undefined
      if (!state?.tokendeskRetryable || !isRetryableError(error)) return false
      // A wait the vendor asks for that the budget cannot hold is reported now, with its time.
      const asked = parseRetryAfter(error.response?.headers?.['retry-after'])
      const left = timeLeft(state) - minTryMs
      return (asked === undefined || asked * 1000 < left) && left > 0
    },
    retryDelay: (count, error) =>
      Math.max(0, Math.min(maxDelay, exponentialDelay(count, error, options.retryBaseMs ?? 250), timeLeft(error.config as CallState) - minTryMs)),
    onRetry: (count, error, config) => {
      log.info('http: retrying', { attempt: count + 1, status: error.response?.status ?? error.code, host: hostOf(config.url) })
    },
  })

  return {
    limiter,
    limits,
    async request<T>(req: VendorRequest<T>): Promise<T> {
      let text: string
      try {
        const response = await client.request<string>({
          method: req.method,
          url: req.url,
          data: req.body === undefined ? undefined : JSON.stringify(req.body),
          headers: {
            Accept: 'application/json',
            ...(req.body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...req.headers,
            Authorization: `Bearer ${req.credential}`,
          },
          signal: req.signal,
          tokendeskRetryable: req.retryable,
        } as Parameters<AxiosInstance['request']>[0])
        text = response.data ?? ''
      } catch (error) {
        const mapped = toVendorError(error, { ...req.errors, credential: req.credential })
        if (mapped.kind !== 'cancelled') {
          log.warn('http: request failed', {
            vendor: req.errors.vendor,
            method: req.method,
            host: hostOf(req.url),
            status: (error as AxiosError).response?.status ?? (error as AxiosError).code,
            kind: mapped.kind,
          })
        }
        throw mapped
      }
      if (!req.schema) return undefined as T
      return parseBody(text, req.schema, req.errors.vendor, log)
    },
  }
}

/** JSON text → schema-checked value, or `unexpected_response` with the reason in the log. */
export function parseBody<T>(text: string, schema: BodyParser<T>, vendor: string, log: Logger): T {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    log.warn('http: body is not JSON', { vendor, length: text.length })
    throw new AppError('unexpected_response', `${vendor} answered something unexpected (not JSON). Details are in the log.`)
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    // Paths and codes only: values may be vendor data we do not want in a log.
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.code}`)
    log.warn('http: body has an unexpected shape', { vendor, issues })
    throw new AppError('unexpected_response', `${vendor} answered something unexpected. Details are in the log.`)
  }
  return parsed.data
}

function hostOf(url: string | undefined): string {
  try {
    return new URL(url ?? '').host
  } catch {
    return '?'
  }
}

/** `base` + `path` + raw query (already encoded by the caller). */
export function vendorUrl(base: string, path: string, query = ''): string {
  const trimmed = base.replace(/\/+$/, '')
  return `${trimmed}${path}${query ? `?${query}` : ''}`
}
