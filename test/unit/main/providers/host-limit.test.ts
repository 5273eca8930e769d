import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROVIDER_IDS } from '../../../../electron/common/providers'
import { HostLimiter } from '../../../../electron/main/providers/http/host-limiter'
import { ADAPTERS } from '../../../../electron/main/providers/registry'
import { startSandbox, type Sandbox } from '../../../../electron/main/sandbox/server'
import { exactData } from '../../../support/sandbox-data'
import { contextFor, testHttp } from '../../../support/sandbox-fixture'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ data: exactData(1000, 3), latencyMs: 15 })
})
afterAll(() => sandbox.stop())

describe('per-host cap', () => {
  it('never has more than 6 requests in flight per vendor host, across all connections, and does use them', async () => {
    const http = testHttp({ limiter: new HostLimiter(6) })
    const lists = PROVIDER_IDS.flatMap((p) => [0, 1, 2].map((account) => ADAPTERS[p].list(contextFor(sandbox, p, account, http))))
    const results = await Promise.all(lists)
    expect(results.every((r) => r.length === 1000)).toBe(true)
    const { maxInFlight } = sandbox.stats()
    for (const p of PROVIDER_IDS) {
      expect(maxInFlight[p], p).toBeLessThanOrEqual(6)
      expect(maxInFlight[p], p).toBeGreaterThanOrEqual(5)
    }
  })
})
