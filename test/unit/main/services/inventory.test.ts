import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { InventoryStatus, RefreshProgress } from '../../../../electron/common/tokens'
import { ConnectionStore } from '../../../../electron/main/services/connection-store'
import { InventoryService } from '../../../../electron/main/services/inventory'
import { silentLogger } from '../../../../electron/main/services/logger'
import { startSandbox, type Sandbox } from '../../../../electron/main/sandbox/server'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { exactData } from '../../../support/sandbox-data'
import { testHttp } from '../../../support/sandbox-fixture'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

let sandbox: Sandbox
let dir: string
let connections: ConnectionStore
let inventory: InventoryService
let secrets: MemorySecretStore

beforeAll(async () => {
  sandbox = await startSandbox({ data: exactData(250) })
})
afterAll(() => sandbox.stop())

beforeEach(async () => {
  sandbox.faults.clear()
  sandbox.latencyMs = 0
  dir = await makeTempDir()
  secrets = new MemorySecretStore()
  connections = new ConnectionStore({ dataDir: dir, secrets, log: silentLogger })
  await connections.init()
  inventory = new InventoryService({ connections, http: testHttp({ timeoutMs: 500 }), log: silentLogger })
})
afterEach(() => removeDir(dir))

async function add(provider: 'mpt' | 'fynn' | 'prefactor', label = provider) {
  return connections.add({ provider, label, client: 'Test', baseUrl: sandbox.urls[provider], accountId: null, credential: sandbox.data[provider][0]!.credential })
}

describe('InventoryService', () => {
  it('refreshes one connection with progress and a complete event', async () => {
    const c = await add('fynn')
    const progress: RefreshProgress[] = []
    const states: string[] = []
    const completed: number[] = []
    inventory.onProgress((p) => progress.push(p))
    inventory.onStatus((s) => states.push(s.state))
    inventory.onComplete(({ tokens }) => void completed.push(tokens.length))
    const status = await inventory.refresh(c.id)
    expect(status).toMatchObject({ state: 'ok', tokenCount: 250, error: null, refreshedAt: expect.any(String) })
    expect(inventory.tokens(c.id)).toHaveLength(250)
    expect(states).toEqual(['refreshing', 'ok'])
    expect(completed).toEqual([250])
    expect(progress.map((p) => p.pagesDone)).toEqual([1, 2, 3])
    expect(progress.every((p) => p.pagesTotal === 3 && p.connectionId === c.id)).toBe(true)
  })

  it('refreshes all connections of all vendors', async () => {
    await add('mpt')
    await add('fynn')
    await add('prefactor')
    const statuses = await inventory.refreshAll()
    expect(statuses.map((s) => [s.state, s.tokenCount])).toEqual([['ok', 250], ['ok', 250], ['ok', 250]])
    expect(inventory.tokens()).toHaveLength(750)
  })

  it('keeps the last complete inventory when a refresh fails, and says why', async () => {
    const c = await add('prefactor')
    await inventory.refresh(c.id)
    const before = inventory.tokens(c.id)
    sandbox.faults.set('prefactor:list', { kind: 'status', status: 503 })
    const status = await inventory.refresh(c.id)
    expect(status).toMatchObject({ state: 'error', tokenCount: 250, error: { kind: 'unavailable' } })
    expect(inventory.tokens(c.id)).toBe(before)
  })

  it('never turns partial pages into the inventory', async () => {
    const c = await add('mpt')
    await inventory.refresh(c.id)
    const before = inventory.tokens(c.id)
    sandbox.latencyMs = 20
    // Fail every page after the first one.
    const stop = inventory.onProgress((p) => {
      if (p.pagesDone === 1) sandbox.faults.set('mpt:list', { kind: 'malformed' })
    })
    const status = await inventory.refresh(c.id)
    stop()
    expect(status.state).toBe('error')
    expect(status.error?.kind).toBe('unexpected_response')
    expect(inventory.tokens(c.id)).toBe(before)
    expect(status.tokenCount).toBe(250)
  })

  it('lets a newer refresh supersede a running one', async () => {
    const c = await add('fynn')
    sandbox.latencyMs = 40
    const first = inventory.refresh(c.id)
    const second = inventory.refresh(c.id)
    const [a, b] = await Promise.all([first, second])
    expect(a.error?.kind).toBe('cancelled')
    expect(b).toMatchObject({ state: 'ok', tokenCount: 250 })
    expect(inventory.status(c.id).state).toBe('ok')
  })

  it('cancels the refresh and forgets the tokens of a removed connection', async () => {
    const c = await add('prefactor')
    sandbox.latencyMs = 40
    const running = inventory.refresh(c.id)
    await connections.remove(c.id)
    expect((await running).error?.kind).toBe('cancelled')
    expect(inventory.statuses()).toEqual([])
    expect(() => inventory.tokens(c.id)).toThrow(/no longer exists/)
  })

  it('tests a connection with the smallest call, and reports a bad credential', async () => {
    const c = await add('mpt')
    sandbox.resetStats()
    await expect(inventory.test(c.id)).resolves.toBeUndefined()
    expect(sandbox.stats().total).toBe(1)
    await connections.setCredential(c.id, 'idt:TKN-0000-0000:not-the-right-one')
    await expect(inventory.test(c.id)).rejects.toMatchObject({ kind: 'auth' })
  })

  it('reports a credential missing from the keychain as an auth problem', async () => {
    const c = await add('fynn')
    secrets.entries.delete(c.id)
    const status: InventoryStatus = await inventory.refresh(c.id)
    expect(status.error).toMatchObject({ kind: 'auth', message: expect.stringMatching(/missing from the keychain/) })
  })
})
