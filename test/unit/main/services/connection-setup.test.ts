/** Adding, editing and replacing a credential, tested with the (sandbox) vendor before anything is stored. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ConnectionSetup } from '../../../../electron/main/services/connection-setup'
import { ConnectionStore } from '../../../../electron/main/services/connection-store'
import { InventoryService } from '../../../../electron/main/services/inventory'
import { silentLogger } from '../../../../electron/main/services/logger'
import { startSandbox, type Sandbox } from '../../../../electron/main/sandbox/server'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { testHttp } from '../../../support/sandbox-fixture'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

let sandbox: Sandbox
let dir: string
let connections: ConnectionStore
let secrets: MemorySecretStore
let setup: ConnectionSetup

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tokens: 5 } })
})
afterAll(() => sandbox.stop())

beforeEach(async () => {
  dir = await makeTempDir()
  secrets = new MemorySecretStore()
  connections = new ConnectionStore({ dataDir: dir, secrets, log: silentLogger })
  await connections.init()
  const inventory = new InventoryService({ connections, http: testHttp({ timeoutMs: 500 }), log: silentLogger })
  setup = new ConnectionSetup({ connections, inventory })
})
afterEach(() => removeDir(dir))

const fynn = (credential: string, label = 'Billing') => ({ provider: 'fynn' as const, label, client: 'Globex', baseUrl: sandbox.urls.fynn, accountId: null, credential })

describe('ConnectionSetup', () => {
  it('stores a connection the vendor accepts', async () => {
    const c = await setup.add(fynn(sandbox.data.fynn[0]!.credential), { test: true })
    expect(connections.list().map((x) => x.id)).toEqual([c.id])
    expect(await secrets.get(c.id)).toBe(sandbox.data.fynn[0]!.credential)
  })

  it('stores nothing when the vendor refuses, and says what it answered; “save anyway” stores it', async () => {
    await expect(setup.add(fynn('eyJ-wrong'), { test: true })).rejects.toMatchObject({ kind: 'auth', message: expect.stringMatching(/Fynn rejected the credential/) })
    expect(connections.list()).toEqual([])
    expect(await secrets.list()).toEqual([])
    await setup.add(fynn('eyJ-wrong'), { test: false })
    expect(connections.list()).toHaveLength(1)
  })

  it('checks the input and the label before calling the vendor', async () => {
    await setup.add(fynn(sandbox.data.fynn[0]!.credential), { test: true })
    sandbox.resetStats()
    await expect(setup.add(fynn(sandbox.data.fynn[0]!.credential), { test: true })).rejects.toMatchObject({ kind: 'conflict' })
    await expect(setup.add({ ...fynn('x'), baseUrl: 'http://example.com' }, { test: true })).rejects.toMatchObject({ kind: 'validation' })
    expect(sandbox.stats().total).toBe(0)
  })

  it('tests an edit that moves the base URL, and a replaced credential, keeping the old ones when refused', async () => {
    const c = await setup.add(fynn(sandbox.data.fynn[0]!.credential), { test: true })
    await expect(setup.update(c.id, { baseUrl: sandbox.urls.prefactor }, { test: true })).rejects.toMatchObject({ kind: expect.any(String) })
    expect(connections.get(c.id).baseUrl).toBe(sandbox.urls.fynn)
    await setup.update(c.id, { label: 'Renamed' }, { test: true })
    expect(connections.get(c.id).label).toBe('Renamed')
    await expect(setup.setCredential(c.id, 'eyJ-wrong-again', { test: true })).rejects.toMatchObject({ kind: 'auth' })
    expect(await secrets.get(c.id)).toBe(sandbox.data.fynn[0]!.credential)
  })
})
