/** A little glue every adapter uses: one place that fills in the credential and signal. */
import type { BodyParser } from './compiled-page'
import type { AdapterContext } from './provider'
import type { VendorErrorContext } from './http/vendor-error'
import { vendorUrl } from './http/vendor-http'

export interface CallSpec<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  query?: string
  body?: unknown
  headers?: Record<string, string>
  retryable?: boolean
  schema?: BodyParser<T>
  signal?: AbortSignal
}

export function vendorCaller(errors: Omit<VendorErrorContext, 'credential'>) {
  return <T>(ctx: AdapterContext, spec: CallSpec<T>, extra: Partial<Omit<VendorErrorContext, 'credential'>> = {}): Promise<T> =>
    ctx.http.request<T>({
      method: spec.method,
      url: vendorUrl(ctx.connection.baseUrl, spec.path, spec.query),
      credential: ctx.credential,
      body: spec.body,
      headers: spec.headers,
      retryable: spec.retryable ?? spec.method === 'GET',
      signal: spec.signal ?? ctx.signal,
      schema: spec.schema,
      errors: { ...errors, ...extra },
    })
}
