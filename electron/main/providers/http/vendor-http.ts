/**
 * The one HTTP client for vendor APIs (axios). Every attempt takes a per-host slot; reads (and
 * writes that carry an idempotency key) are retried on 429/502/503/504, timeouts and resets with
 * exponential backoff + jitter honouring Retry-After, at most 4 tries in all. Bodies are parsed
 * here with the caller's zod schema, so an unexpected shape is a typed error, never a crash.
 */
import axios, { AxiosError, getAdapter, type AxiosAdapter, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios'
import axiosRetry, { exponentialDelay } from 'axios-retry'
import type { z } from 'zod'
import { AppError } from '../../app-error'
import type { Logger } from '../../services/logger'
import { HostLimiter } from './host-limiter'
import { toVendorError, type VendorErrorContext } from './vendor-error'

export const MAX_TRIES = 4
const RETRY_STATUSES = new Set([429, 502, 503, 504])
const RETRY_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ERR_BAD_RESPONSE'])

export interface VendorHttpOptions {
  limiter?: HostLimiter
  log: Logger
  /** Per attempt. */
  timeoutMs?: number
  /** Base of the exponential backoff (ms). */
  retryBaseMs?: number
  /** Ceiling of one backoff sleep, Retry-After included (ms). */
  maxRetryDelayMs?: number
  /** Set to false only where nothing may leave the machine (work offline). */
  networkAllowed?: () => boolean
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
  /** Omit for answers without a body (204). */
  schema?: z.ZodType<T>
  errors: Omit<VendorErrorContext, 'credential'>
}

export interface VendorHttp {
  request<T>(req: VendorRequest<T>): Promise<T>
  readonly limiter: HostLimiter
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
  const baseAdapter = getAdapter(axios.defaults.adapter) as AxiosAdapter
  // Each attempt (first or retry) queues for a slot; backoff sleeps do not hold one.
  const limitedAdapter: AxiosAdapter = (config: InternalAxiosRequestConfig) => {
    if (options.networkAllowed && !options.networkAllowed()) {
      return Promise.reject(new AppError('offline', 'Tokendesk is working offline; no request was sent.'))
    }
    return limiter.run(config.url ?? '', () => baseAdapter(config))
  }
  const maxDelay = options.maxRetryDelayMs ?? 30_000
  const client: AxiosInstance = axios.create({
    adapter: limitedAdapter,
    timeout: options.timeoutMs ?? 20_000,
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
      const retryable = (error.config as { tokendeskRetryable?: boolean } | undefined)?.tokendeskRetryable
      return !!retryable && isRetryableError(error)
    },
    retryDelay: (count, error) => Math.min(maxDelay, exponentialDelay(count, error, options.retryBaseMs ?? 250)),
    onRetry: (count, error, config) => {
      log.info('http: retrying', { attempt: count + 1, status: error.response?.status ?? error.code, host: hostOf(config.url) })
    },
  })

  return {
    limiter,
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
export function parseBody<T>(text: string, schema: z.ZodType<T>, vendor: string, log: Logger): T {
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
