/** Connections and an HTTP client pointed at a running sandbox, for adapter and service tests. */
import { randomUUID } from 'node:crypto'
import type { Connection } from '../../electron/common/model'
import type { ProviderId } from '../../electron/common/providers'
import { HostLimiter } from '../../electron/main/providers/http/host-limiter'
import { createVendorHttp, type VendorHttp } from '../../electron/main/providers/http/vendor-http'
import type { AdapterContext } from '../../electron/main/providers/provider'
import { createLogger, type Logger } from '../../electron/main/services/logger'
import type { Sandbox } from '../../electron/main/sandbox/server'
import type { Services } from '../../electron/main/services'

export function connectionFor(sandbox: Sandbox, provider: ProviderId, account = 0, patch: Partial<Connection> = {}): Connection {
  return {
    id: randomUUID(),
    provider,
    label: `${provider}-${account}`,
    client: 'Test',
    baseUrl: sandbox.urls[provider],
    accountId: null,
    createdAt: new Date().toISOString(),
    credentialLast4: null,
    ...patch,
  }
}

/** Short bounds, so a fault ends in milliseconds: an attempt `timeoutMs`, a call four of them. */
export function testHttp(
  options: { timeoutMs?: number; callBudgetMs?: number; refreshBudgetMs?: number; maxResponseBytes?: number; maxRetryDelayMs?: number; log?: Logger; limiter?: HostLimiter } = {},
): VendorHttp {
  const timeoutMs = options.timeoutMs ?? 3000
  return createVendorHttp({
    log: options.log ?? createLogger(() => {}),
    timeoutMs,
    callBudgetMs: options.callBudgetMs ?? 4 * timeoutMs + 500,
    refreshBudgetMs: options.refreshBudgetMs,
    maxResponseBytes: options.maxResponseBytes,
    retryBaseMs: 5,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 50,
    limiter: options.limiter,
  })
}

export function contextFor(sandbox: Sandbox, provider: ProviderId, account = 0, http: VendorHttp = testHttp(), patch: Partial<Connection> = {}): AdapterContext {
  return {
    connection: connectionFor(sandbox, provider, account, patch),
    credential: sandbox.data[provider][account]!.credential,
    http,
  }
}

/** Resolve to the AppError a promise rejects with (fails the test if it resolves). */
export async function failure(promise: Promise<unknown>): Promise<{ kind: string; message: string; retryAfterSec?: number }> {
  const outcome = await promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => ({ error }),
  )
  if ('resolved' in outcome) throw new Error(`expected a failure, got ${JSON.stringify(outcome.resolved)?.slice(0, 200)}`)
  return outcome.error as { kind: string; message: string; retryAfterSec?: number }
}

/** One connection per vendor to the sandbox's first accounts (labelled by vendor, client "Acme"), refreshed. */
export async function connectEachVendor(services: Services, sandbox: Sandbox): Promise<Record<ProviderId, Connection>> {
  const conns = {} as Record<ProviderId, Connection>
  for (const provider of ['mpt', 'fynn', 'prefactor'] as const) {
    conns[provider] = await services.connections.add({
      provider,
      label: provider,
      client: 'Acme',
      baseUrl: sandbox.urls[provider],
      accountId: provider === 'mpt' ? sandbox.data.mpt[0]!.accountId : null,
      credential: sandbox.data[provider][0]!.credential,
    })
  }
  await services.inventory.refreshAll()
  return conns
}
