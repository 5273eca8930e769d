/** Each fault kind → the right envelope kind, or a successful retry; and never a request storm. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { PROVIDER_IDS, type ProviderId } from '../../../../electron/common/providers'
import { ADAPTERS } from '../../../../electron/main/providers/registry'
import type { Fault } from '../../../../electron/main/sandbox/faults'
import { startSandbox, type Sandbox } from '../../../../electron/main/sandbox/server'
import { exactData } from '../../../support/sandbox-data'
import { contextFor, failure, testHttp } from '../../../support/sandbox-fixture'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ data: exactData(150) })
})
afterAll(() => sandbox.stop())
beforeEach(() => {
  sandbox.faults.clear()
  sandbox.resetStats()
})

// An attempt gives up after 600 ms (a hang ends quickly) but the call's budget is wide: the test
// counts tries, and on a loaded runner four quick 503s once outlasted a 1.1 s budget (3 tries, not 4).
const http = testHttp({ timeoutMs: 600, callBudgetMs: 20_000 })
const listCalls = (p: ProviderId): number => sandbox.stats().byRoute[`${p}:list`] ?? 0
// MPT asks which token is its own credential once the first page has succeeded.
const ownLookup = (p: ProviderId): number => (p === 'mpt' ? 1 : 0)

const FAILURES: Array<[string, Fault, string, number]> = [
  ['503 every time', { kind: 'status', status: 503 }, 'unavailable', 4],
  ['502 every time', { kind: 'status', status: 502 }, 'unavailable', 4],
  ['504 every time', { kind: 'status', status: 504 }, 'timeout', 4],
  ['429 every time', { kind: 'status', status: 429, retryAfter: 0 }, 'rate_limited', 4],
  ['500 (not retried)', { kind: 'status', status: 500 }, 'unavailable', 1],
  ['401', { kind: 'status', status: 401 }, 'auth', 1],
  ['403', { kind: 'status', status: 403 }, 'permission', 1],
  ['404', { kind: 'status', status: 404 }, 'not_found', 1],
  ['a hang', { kind: 'hang' }, 'timeout', 4],
  ['a reset mid-body', { kind: 'reset' }, 'unavailable', 4],
  ['malformed JSON', { kind: 'malformed' }, 'unexpected_response', 1],
  ['a schema drift', { kind: 'drift' }, 'unexpected_response', 1],
  ['a 302 to a file download', { kind: 'redirect' }, 'unexpected_response', 1],
]

describe.each(PROVIDER_IDS)('%s list under faults', (provider) => {
  it.each(FAILURES)('%s (%j) → %s after %i tries', async (_name, fault, kind, tries) => {
    sandbox.faults.set(`${provider}:list`, fault)
    const error = await failure(ADAPTERS[provider].list(contextFor(sandbox, provider, 0, http)))
    expect(error.kind).toBe(kind)
    expect(listCalls(provider)).toBe(tries)
    if (kind === 'rate_limited') expect(error.retryAfterSec).toBe(0)
  })

  it.each([
    ['one 429 with Retry-After', { kind: 'status', status: 429, retryAfter: 0, times: 1 } as Fault, 1],
    ['two 503s', { kind: 'status', status: 503, times: 2 } as Fault, 2],
    ['one reset', { kind: 'reset', times: 1 } as Fault, 1],
    ['one hang', { kind: 'hang', times: 1 } as Fault, 1],
  ])('recovers from %s by retrying', async (_name, fault, extra) => {
    sandbox.faults.set(`${provider}:list`, fault)
    const tokens = await ADAPTERS[provider].list(contextFor(sandbox, provider, 0, http))
    expect(tokens).toHaveLength(150)
    expect(listCalls(provider)).toBe(2 + ownLookup(provider) + extra)
  })
})

describe('writes', () => {
  it('are not retried (MPT, Fynn)', async () => {
    sandbox.faults.set('mpt:create', { kind: 'status', status: 503 })
    sandbox.faults.set('fynn:create', { kind: 'status', status: 503 })
    const mpt = await failure(ADAPTERS.mpt.create!(contextFor(sandbox, 'mpt', 0, http, { accountId: 'ACC-0000-0000' }), { provider: 'mpt', name: 'x', description: null, moduleIds: ['MOD-1756'] }))
    const fynn = await failure(ADAPTERS.fynn.create!(contextFor(sandbox, 'fynn', 0, http), { provider: 'fynn', description: null, expiresAt: null }))
    expect([mpt.kind, fynn.kind]).toEqual(['unavailable', 'unavailable'])
    expect(sandbox.stats().byRoute['mpt:create']).toBe(1)
    expect(sandbox.stats().byRoute['fynn:create']).toBe(1)
  })

  it('are retried for Prefactor, safely, thanks to the idempotency key', async () => {
    const before = sandbox.data.prefactor[0]!.tokens.length
    sandbox.faults.set('prefactor:create', { kind: 'status', status: 503, times: 1 })
    const created = await ADAPTERS.prefactor.create!(contextFor(sandbox, 'prefactor', 0, http), { provider: 'prefactor', tokenScope: 'account', environmentId: null, expiresAt: null })
    expect(created.secret).toBeTruthy()
    expect(sandbox.stats().byRoute['prefactor:create']).toBe(2)
    expect(sandbox.data.prefactor[0]!.tokens.length).toBe(before + 1)
  })
})
