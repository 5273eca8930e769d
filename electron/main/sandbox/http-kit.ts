/** Tiny request/response helpers for the sandbox's vendor servers. */
import type { IncomingMessage, ServerResponse } from 'node:http'

export interface SandboxRequest {
  method: string
  /** Path without the query. */
  path: string
  /** The raw query string (no `?`), RQL included. */
  query: string
  params: URLSearchParams
  headers: IncomingMessage['headers']
  body: unknown
}

export interface SandboxResponse {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export const json = (status: number, body?: unknown, headers?: Record<string, string>): SandboxResponse => ({ status, body, headers })

export async function readRequest(req: IncomingMessage): Promise<SandboxRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  let body: unknown = undefined
  if (text) {
    try {
      body = JSON.parse(text)
    } catch {
      body = Symbol.for('invalid-json')
    }
  }
  const url = req.url ?? '/'
  const q = url.indexOf('?')
  return {
    method: req.method ?? 'GET',
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? '' : url.slice(q + 1),
    params: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
    headers: req.headers,
    body,
  }
}

export function isInvalidJson(body: unknown): boolean {
  return body === Symbol.for('invalid-json')
}

export function bearer(req: SandboxRequest): string | null {
  const header = req.headers.authorization
  const m = typeof header === 'string' ? /^Bearer (.+)$/.exec(header) : null
  return m ? m[1]! : null
}

export function send(res: ServerResponse, response: SandboxResponse): void {
  const headers: Record<string, string> = { ...response.headers }
  if (response.body === undefined) {
    res.writeHead(response.status, headers)
    res.end()
    return
  }
  const text = JSON.stringify(response.body)
  res.writeHead(response.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers })
  res.end(text)
}

export const isoNow = (now: () => Date): string => now().toISOString()
