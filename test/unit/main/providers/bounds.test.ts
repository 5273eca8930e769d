/**
 * Every vendor call is bounded in time and memory, over real HTTP against the sandbox's faults:
 * a trickling body, an oversized body, a Retry-After of an hour, a vendor that never answers, and
 * a refresh slower than its budget. Budgets here are scaled down so the suite stays fast; the
 * last test keeps the production figures within what README and SECURITY.md promise.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_LIMITS } from '../../../../electron/main/providers/http/limits'
import { createVendorHttp } from '../../../../electron/main/providers/http/vendor-http'
import { ADAPTERS } from '../../../../electron/main/providers/registry'
import { startSandbox, type Sandbox } from '../../../../electron/main/sandbox/server'
import { ConnectionStore } from '../../../../electron/main/services/connection-store'
import { InventoryService } from '../../../../electron/main/services/inventory'
import { silentLogger } from '../../../../electron/main/services/logger'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { exactData } from '../../../support/sandbox-data'
import { contextFor, failure, testHttp } from '../../../support/sandbox-fixture'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ data: exactData(150) })
})
afterAll(() => sandbox.stop())
beforeEach(async () => {
  sandbox.faults.clear()
  await settled()
  sandbox.resetStats()
  sandbox.latencyMs = 0
})

const listCalls = (): number => sandbox.stats().byRoute['fynn:list'] ?? 0

/** Until no request of a test is still open at the sandbox (a cut-off try closes a moment later). */
async function settled(): Promise<void> {
  for (let i = 0; i < 100 && sandbox.stats().inFlight.fynn > 0; i++) await new Promise((r) => setTimeout(r, 10))
  expect(sandbox.stats().inFlight.fynn).toBe(0)
}

/** The failure of one Fynn list under `http`, and how long it took to arrive. */
async function timedFailure(http: ReturnType<typeof testHttp>): Promise<{ kind: string; message: string; retryAfterSec?: number; ms: number }> {
  const started = performance.now()
  const { kind, message, retryAfterSec } = await failure(ADAPTERS.fynn.list(contextFor(sandbox, 'fynn', 0, http)))
  return { kind, message, retryAfterSec, ms: performance.now() - started }
}

describe('vendor calls are bounded', () => {
  it('a body that trickles in a byte at a time ends as a timeout within the call budget', async () => {
    sandbox.faults.set('fynn:list', { kind: 'trickle', intervalMs: 20 })
    const error = await timedFailure(testHttp({ timeoutMs: 300, callBudgetMs: 1000 }))
    expect(error.kind).toBe('timeout')
    expect(error.message).toMatch(/Fynn did not send a complete answer within \d+ s/)
    // The 1 s call budget ends it (a trickle never would); the margin allows for a starved event
    // loop on a loaded 2-core machine.
    expect(error.ms).toBeLessThan(1000 + 1500)
    expect(sandbox.stats().streamed?.finished).toBe(false)
    // Tries of 300 ms with short waits: three fit in 1 s. A fourth squeezed into the last few
    // milliseconds would reach the vendor after the caller gave up (and land in the next test).
    await settled()
    expect(listCalls()).toBeGreaterThanOrEqual(2)
    expect(listCalls()).toBeLessThanOrEqual(3)
  })

  it('a body larger than the cap is refused as it streams in, not read to the end, and not retried', async () => {
    sandbox.faults.set('fynn:list', { kind: 'oversize', sizeMB: 50 })
    const error = await timedFailure(testHttp({ maxResponseBytes: 1024 * 1024 }))
    expect(error.kind).toBe('unexpected_response')
    expect(error.message).toBe('Fynn sent more than 1 MB in one answer; Tokendesk stopped reading it there. Nothing was changed.')
    expect(listCalls()).toBe(1)
    const streamed = sandbox.stats().streamed!
    expect(streamed.finished).toBe(false)
    expect(streamed.bytes).toBeLessThan(10 * 1024 * 1024) // of 50 MB
  })

  it('a Retry-After longer than the budget is reported at once, with its time, not slept on', async () => {
    sandbox.faults.set('fynn:list', { kind: 'status', status: 429, retryAfter: 3600 })
    const error = await timedFailure(testHttp({ timeoutMs: 300, callBudgetMs: 5000 }))
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterSec: 3600, message: 'Fynn is limiting requests. Try again in 60 min.' })
    expect(listCalls()).toBe(1)
    expect(error.ms).toBeLessThan(1000)
  })

  it('a Retry-After within the budget is honoured, and the call then succeeds', async () => {
    sandbox.faults.set('fynn:list', { kind: 'status', status: 503, retryAfter: 1, times: 1 })
    const started = performance.now()
    const tokens = await ADAPTERS.fynn.list(contextFor(sandbox, 'fynn', 0, testHttp({ timeoutMs: 500, callBudgetMs: 3000, maxRetryDelayMs: 5000 })))
    expect(tokens).toHaveLength(150)
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000)
  })

  it('a vendor that accepts the request and never answers is reported within the call budget', async () => {
    sandbox.faults.set('fynn:list', { kind: 'hang' })
    const error = await timedFailure(testHttp({ timeoutMs: 250, callBudgetMs: 600 }))
    expect(error.kind).toBe('timeout')
    expect(error.ms).toBeLessThan(600 + 400)
    await settled()
    expect(listCalls()).toBeLessThanOrEqual(2)
  })

  it('a cancelled list closes its open request at once, not at the attempt deadline', async () => {
    sandbox.faults.set('fynn:list', { kind: 'hang' })
    const cancel = new AbortController()
    const started = performance.now()
    const list = failure(ADAPTERS.fynn.list({ ...contextFor(sandbox, 'fynn', 0, testHttp({ timeoutMs: 20_000, callBudgetMs: 25_000 })), signal: cancel.signal }))
    await vi.waitFor(() => expect(sandbox.stats().inFlight.fynn).toBe(1))
    cancel.abort()
    expect((await list).kind).toBe('cancelled')
    // The request is gone from the vendor's side too, far inside the 20 s the attempt had left.
    await settled()
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  it('a refresh slower than its budget ends as a timeout and keeps the previous inventory', async () => {
    const dir = await makeTempDir()
    try {
      const connections = new ConnectionStore({ dataDir: dir, secrets: new MemorySecretStore(), log: silentLogger })
      const inventory = new InventoryService({ connections, http: testHttp({ timeoutMs: 2000, callBudgetMs: 3000, refreshBudgetMs: 1000 }), log: silentLogger })
      const c = await connections.add({ provider: 'fynn', label: 'F', client: '', baseUrl: sandbox.urls.fynn, accountId: null, credential: sandbox.data.fynn[0]!.credential })
      expect((await inventory.refresh(c.id)).tokenCount).toBe(150)
      sandbox.latencyMs = 600 // each page answers, slowly: two rounds of pages outlast the budget
      const status = await inventory.refresh(c.id)
      expect(status.state).toBe('error')
      expect(status.error).toEqual({ kind: 'timeout', message: 'Fynn did not finish the refresh within 1 s; the previous inventory is kept.' })
      expect(inventory.tokens(c.id)).toHaveLength(150)
    } finally {
      sandbox.latencyMs = 0
      await removeDir(dir)
    }
  })

  it('production limits: a silent vendor is reported within 30 s; pages are capped at 20 MB', () => {
    const { limits } = createVendorHttp({ log: silentLogger })
    expect(limits).toEqual(DEFAULT_LIMITS)
    // The call budget bounds every try and every wait (retryDelay never sleeps past it).
    expect(limits!.callBudgetMs).toBeLessThanOrEqual(30_000)
    expect(limits!.attemptMs).toBeLessThanOrEqual(limits!.callBudgetMs)
    expect(limits!.maxResponseBytes).toBe(20 * 1024 * 1024)
    expect(limits!.refreshBudgetMs).toBeGreaterThanOrEqual(limits!.callBudgetMs)
  })
})
