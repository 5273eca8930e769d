/**
 * The sandbox: a real HTTP server per vendor on 127.0.0.1 (random ports, so each vendor is its
 * own host as in production), with auth, paging, error bodies, state rules, latency and fault
 * injection, and counters of requests in flight. Serves tests, benchmarks and the demo workspace.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FaultTable, type Fault, type RouteKey } from './faults'
import { fynnApi } from './fynn-api'
import { bearer, json, readRequest, send, type SandboxResponse } from './http-kit'
import type { SandboxAccount, SandboxData, VendorName } from './model'
import { VENDORS } from './model'
import { mptApi } from './mpt-api'
import { prefactorApi } from './prefactor-api'
import { seedSandbox, type SeedOptions } from './seed'
import type { VendorApi } from './vendor-api'

export interface SandboxOptions {
  data?: SandboxData
  seed?: SeedOptions
  /** Added before every answer (ms). */
  latencyMs?: number
  /**
   * How long an idle connection stays open (ms; default 1 s, so tests' servers wind down fast).
   * Node's client subtracts a second from the server's hint, so at 1 s no connection is reused;
   * the benchmarks pass Node's own default, 5 s, as a vendor would keep connections.
   */
  keepAliveMs?: number
  now?: () => Date
  /**
   * Tokens open their account as the real vendors' do: the secret of any live token of the
   * account authenticates, and a token disabled, suspended, revoked, deleted or expired no longer
   * does (the seeded credential too, when it is one of the account's tokens). Off by default: most
   * tests use the seeded credential as a fixed key. Rotation tests switch a connection to a successor.
   */
  tokenAuth?: boolean
}

export interface SandboxStats {
  total: number
  /** Body bytes a `trickle` or `oversize` fault got out before the client stopped listening. */
  streamed: { bytes: number; finished: boolean } | null
  byRoute: Partial<Record<RouteKey | `${VendorName}:unmatched`, number>>
  inFlight: Record<VendorName, number>
  maxInFlight: Record<VendorName, number>
}

export interface Sandbox {
  /** Base URLs, as a connection's base URL. */
  urls: Record<VendorName, string>
  data: SandboxData
  faults: FaultTable
  latencyMs: number
  stats(): SandboxStats
  resetStats(): void
  /** Every request seen, in order (method, vendor, route, path; never headers). */
  requests: Array<{ vendor: VendorName; route: string; method: string; path: string }>
  stop(): Promise<void>
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? (() => new Date())
  const data = options.data ?? seedSandbox({ now: now(), ...options.seed })
  const faults = new FaultTable()
  const zero = (): Record<VendorName, number> => ({ mpt: 0, fynn: 0, prefactor: 0 })
  let stats: SandboxStats = { total: 0, streamed: null, byRoute: {}, inFlight: zero(), maxInFlight: zero() }
  const requests: Sandbox['requests'] = []
  const apis: { [V in VendorName]: VendorApi<SandboxData[V][number]['tokens'][number]> } = {
    mpt: mptApi(now),
    fynn: fynnApi(now),
    prefactor: prefactorApi(now),
  }
  const sandbox = { latencyMs: options.latencyMs ?? 0 } as Sandbox

  async function handle<V extends VendorName>(vendor: V, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const api = apis[vendor] as unknown as VendorApi<unknown>
    stats.total += 1
    stats.inFlight[vendor] += 1
    stats.maxInFlight[vendor] = Math.max(stats.maxInFlight[vendor], stats.inFlight[vendor])
    let released = false
    const release = (): void => {
      if (!released) stats.inFlight[vendor] -= 1
      released = true
    }
    res.on('close', release)
    try {
      if (sandbox.latencyMs > 0) await sleep(sandbox.latencyMs)
      const request = await readRequest(req)
      if (!request.path.startsWith(api.basePath)) return send(res, json(404, api.errorBody(404, 'Not found.')))
      request.path = request.path.slice(api.basePath.length) || '/'
      const credential = bearer(request)
      const account = accountFor(api, data[vendor] as Array<SandboxAccount<unknown>>, credential)
      const match = account ? api.route(request, account) : null
      const routeKey = match ? (`${vendor}:${match.name}` as RouteKey) : (`${vendor}:unmatched` as const)
      stats.byRoute[routeKey] = (stats.byRoute[routeKey] ?? 0) + 1
      requests.push({ vendor, route: match?.name ?? 'unmatched', method: request.method, path: request.path })
      if (!account) return send(res, json(401, api.errorBody(401, credential ? 'The credential is not valid.' : 'No credential was sent.')))
      if (account.forbidden) return send(res, json(403, api.errorBody(403, 'The credential lacks the permission to read API tokens.')))
      if (!match) return send(res, json(404, api.errorBody(404, 'Not found.')))
      const fault = faults.take(routeKey as RouteKey)
      if (fault) return applyFault(fault, api, match.name, () => match.handle(), req, res, (s) => (stats.streamed = s))
      return send(res, match.handle())
    } catch {
      return send(res, json(500, api.errorBody(500, 'The sandbox failed.')))
    }
  }

  function accountFor(api: VendorApi<unknown>, accounts: Array<SandboxAccount<unknown>>, credential: string | null): SandboxAccount<unknown> | undefined {
    if (!credential) return undefined
    if (!options.tokenAuth) return accounts.find((a) => a.credential === credential)
    return accounts.find((a) => {
      const own = a.tokens.map((t) => api.credentialOf(t)).find((c) => c.secret === credential)
      return own ? own.live : a.credential === credential
    })
  }

  const servers = await Promise.all(
    VENDORS.map(async (vendor) => {
      const server = http.createServer((req, res) => void handle(vendor, req, res))
      server.keepAliveTimeout = options.keepAliveMs ?? 1000
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      return [vendor, server] as const
    }),
  )
  const urls = Object.fromEntries(
    servers.map(([vendor, server]) => [vendor, `http://127.0.0.1:${(server.address() as AddressInfo).port}${apis[vendor].basePath}`]),
  ) as Record<VendorName, string>

  return Object.assign(sandbox, {
    urls,
    data,
    faults,
    requests,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = { total: 0, streamed: null, byRoute: {}, inFlight: stats.inFlight, maxInFlight: { ...stats.inFlight } }
      requests.length = 0
    },
    stop: async () => {
      await Promise.all(
        servers.map(
          ([, server]) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve())
              server.closeAllConnections()
            }),
        ),
      )
    },
  })
}

function applyFault(
  fault: Fault,
  api: VendorApi<unknown>,
  route: Parameters<VendorApi<unknown>['drift']>[0],
  handle: () => SandboxResponse,
  req: IncomingMessage,
  res: ServerResponse,
  onStream: (streamed: { bytes: number; finished: boolean }) => void,
): void {
  switch (fault.kind) {
    case 'status': {
      const status = fault.status ?? 503
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {}
      return send(res, json(status, api.errorBody(status, `Injected ${status}.`), headers))
    }
    case 'hang':
      if (fault.made) handle() // done at the vendor; the answer is what is lost
      return // never answer; the client's timeout must handle it
    case 'reset':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' })
      res.write('{"data":[{"id":"')
      setTimeout(() => req.socket.destroy(), 5)
      return
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"data": [{"id": "TKN-1234-5678", "name": ')
      return
    case 'drift': {
      const answer = handle()
      return send(res, { ...answer, body: api.drift(route, answer.body) })
    }
    case 'redirect':
      return send(res, { status: 302, headers: { location: '/files/api-tokens-export.csv' } })
    case 'trickle':
      return trickle(res, fault.intervalMs ?? 100, onStream)
    case 'oversize':
      return oversize(res, (fault.sizeMB ?? 50) * 1024 * 1024, onStream)
  }
}

/** 200, then the body a byte at a time (valid JSON, were it ever to end), until the client leaves. */
function trickle(res: ServerResponse, intervalMs: number, onStream: (s: { bytes: number; finished: boolean }) => void): void {
  const streamed = { bytes: 0, finished: false }
  onStream(streamed)
  res.writeHead(200, { 'content-type': 'application/json' })
  const timer = setInterval(() => {
    res.write(' ')
    streamed.bytes += 1
  }, intervalMs)
  res.on('close', () => clearInterval(timer))
}

/** 200 and a well-formed JSON body of `size` bytes, written as fast as the client reads it. */
function oversize(res: ServerResponse, size: number, onStream: (s: { bytes: number; finished: boolean }) => void): void {
  const streamed = { bytes: 0, finished: false }
  onStream(streamed)
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(size) })
  const head = '{"data":['
  const item = `{"id":"X","description":"${'x'.repeat(1000)}"},`
  const chunk = Buffer.from(item.repeat(64))
  let closed = false
  res.on('close', () => (closed = true))
  const write = (data: string | Buffer): boolean => {
    streamed.bytes += Buffer.byteLength(data)
    return res.write(data)
  }
  write(head)
  const pump = (): void => {
    while (!closed) {
      const room = size - streamed.bytes - 2
      if (room < chunk.length) {
        write(`${' '.repeat(Math.max(0, room - 1))}{}`) // pad, then close the array and object
        res.end(']}', () => (streamed.finished = true))
        streamed.bytes += 2
        return
      }
      if (!write(chunk)) return void res.once('drain', pump)
    }
  }
  pump()
}
