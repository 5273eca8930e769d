/** Adding, editing and replacing a credential, tested with the (sandbox) vendor before anything is stored. */
import { writeFile } from 'node:fs/promises'
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

  it('stores one of two adds of the same credential made at once by two processes, and refuses the other', async () => {
    // A second process on the same data folder and keychain (the app and a CLI, say).
    const connections2 = new ConnectionStore({ dataDir: dir, secrets, log: silentLogger })
    await connections2.init()
    const inventory2 = new InventoryService({ connections: connections2, http: testHttp({ timeoutMs: 500 }), log: silentLogger })
    // Both vendor checks answer before either add goes on: each process's own look finds no other.
    let arrived = 0
    let release!: () => void
    const bothChecked = new Promise<void>((resolve) => (release = resolve))
    const gated = (inventory: InventoryService): InventoryService => {
      const check = inventory.check.bind(inventory)
      inventory.check = async (...args) => {
        const answer = await check(...args)
        if (++arrived === 2) release()
        await bothChecked
        return answer
      }
      return inventory
    }
    const setup1 = new ConnectionSetup({ connections, inventory: gated(new InventoryService({ connections, http: testHttp({ timeoutMs: 500 }), log: silentLogger })) })
    const setup2 = new ConnectionSetup({ connections: connections2, inventory: gated(inventory2) })
    const credential = sandbox.data.fynn[0]!.credential
    const outcomes = await Promise.allSettled([setup1.add(fynn(credential, 'Billing'), { test: true }), setup2.add(fynn(credential, 'Billing 2'), { test: true })])
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected'])
    const refused = outcomes.find((o) => o.status === 'rejected')!
    expect(refused.reason).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/^This account is already connected as “Billing( 2)?” \(client “Globex”\)/) })
    await connections.reload()
    expect(connections.list()).toHaveLength(1)
    expect(await secrets.list()).toEqual([connections.list()[0]!.id])
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

/** Sandbox tokens open their account (tokenAuth): two different credentials of one account. */
describe('ConnectionSetup: one account, one connection', () => {
  let shared: Sandbox
  beforeAll(async () => {
    shared = await startSandbox({ seed: { tokens: 8, accounts: { mpt: 2, fynn: 2, prefactor: 2 } }, tokenAuth: true })
  })
  afterAll(() => shared.stop())

  const live = (vendor: 'mpt' | 'prefactor', account: number): string => {
    const a = shared.data[vendor][account]!
    if (vendor === 'mpt') return (a.tokens as Array<{ token: string; status: string }>).find((t) => t.status === 'Active' && t.token !== a.credential)!.token
    return (a.tokens as Array<{ secret: string; status: string; expires_at: string | null }>).find((t) => t.status === 'active' && (t.expires_at === null || Date.parse(t.expires_at) > Date.now()))!.secret
  }
  const input = (provider: 'mpt' | 'fynn' | 'prefactor', label: string, credential: string, client = 'Acme') => ({ provider, label, client, baseUrl: shared.urls[provider], accountId: null, credential })

  it.each(['mpt', 'prefactor'] as const)('%s: refuses a second credential of an account already connected, naming the connection', async (vendor) => {
    const first = await setup.add(input(vendor, 'Production', shared.data[vendor][0]!.credential), { test: true })
    const error = await setup.add(input(vendor, 'Again', live(vendor, 0), 'Other client'), { test: true }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      kind: 'conflict',
      message: 'This account is already connected as “Production” (client “Acme”); its tokens are listed there. Use that connection, or remove it first.',
      fields: { credential: 'This account is already connected as “Production”.' },
    })
    expect(connections.list().map((c) => c.id)).toEqual([first.id])
    expect(await secrets.list()).toEqual([first.id])
    // Another account of the same vendor is its own connection.
    const other = await setup.add(input(vendor, 'Second', shared.data[vendor][1]!.credential), { test: true })
    // …and its credential cannot be swapped for one of the first account.
    await expect(setup.setCredential(other.id, live(vendor, 0), { test: true })).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('already connected as “Production”') })
    expect(await secrets.get(other.id)).toBe(shared.data[vendor][1]!.credential)
    // A credential of its own account is fine.
    await expect(setup.setCredential(first.id, live(vendor, 0), { test: true })).resolves.toMatchObject({ id: first.id })
  })

  it('mpt: the same account named by its id on one connection and found by the vendor on the other is one account', async () => {
    await setup.add(input('mpt', 'Production', shared.data.mpt[0]!.credential), { test: true })
    const named = { ...input('mpt', 'Narrowed', live('mpt', 0)), accountId: shared.data.mpt[0]!.accountId }
    await expect(setup.add(named, { test: true })).rejects.toMatchObject({ kind: 'conflict' })
  })

  it('the same credential twice is refused without asking the vendor (--no-test), also for a vendor that reports no account', async () => {
    const first = await setup.add(input('fynn', 'Billing', shared.data.fynn[0]!.credential), { test: true })
    shared.resetStats()
    await expect(setup.add(input('fynn', 'Billing 2', shared.data.fynn[0]!.credential), { test: false })).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('“Billing”') })
    expect(shared.stats().total).toBe(0)
    await expect(setup.add(input('fynn', 'Billing 2', ` ${shared.data.fynn[0]!.credential}\n`), { test: true })).rejects.toMatchObject({ kind: 'conflict' })
    const second = await setup.add(input('fynn', 'Billing 2', shared.data.fynn[1]!.credential), { test: true })
    await expect(setup.setCredential(second.id, shared.data.fynn[0]!.credential, { test: false })).rejects.toMatchObject({ kind: 'conflict' })
    expect(connections.list().map((c) => c.id)).toEqual([first.id, second.id])
  })

  it('an edit that moves a connection onto another one’s account is refused; a label hidden character too', async () => {
    await setup.add(input('fynn', 'Billing', shared.data.fynn[0]!.credential), { test: true })
    const moved = await setup.add({ ...input('fynn', 'Preview', shared.data.fynn[0]!.credential), baseUrl: `${shared.urls.fynn}/preview` }, { test: false })
    await expect(setup.update(moved.id, { baseUrl: `${shared.urls.fynn}/` }, { test: false })).rejects.toMatchObject({ kind: 'conflict', fields: { baseUrl: expect.any(String) } })
    expect(connections.get(moved.id).baseUrl).toBe(`${shared.urls.fynn}/preview`)
    await expect(setup.update(moved.id, { label: 'Pre\u202Eview' }, { test: true })).rejects.toMatchObject({ kind: 'validation', fields: { label: expect.stringContaining('U+202E') } })
  })

  it('two connections of one account from an older file: each can still change its credential within its account (a self-rotation)', async () => {
    const first = await setup.add(input('mpt', 'Production', shared.data.mpt[0]!.credential), { test: true })
    const twin = { ...first, id: '6f1c1c1e-2222-4222-8222-222222222222', label: 'Production (twin)' }
    await secrets.set(twin.id, live('mpt', 0))
    await writeFile(connections.file, JSON.stringify({ version: 1, connections: [first, twin] }))
    await connections.reload()
    await expect(setup.setCredential(twin.id, shared.data.mpt[0]!.tokens.filter((t) => t.status === 'Active')[2]!.token, { test: true })).resolves.toMatchObject({ id: twin.id })
    // Moving a connection of another account onto it is still refused.
    const other = await setup.add(input('mpt', 'Second', shared.data.mpt[1]!.credential), { test: true })
    await expect(setup.setCredential(other.id, live('mpt', 0), { test: true })).rejects.toMatchObject({ kind: 'conflict' })
  })

  it('a connection whose vendor does not answer now is not taken for the same account', async () => {
    const first = await setup.add(input('mpt', 'Production', shared.data.mpt[0]!.credential), { test: true })
    await secrets.set(first.id, 'idt:TKN-0000-0000:revoked-meanwhile')
    await expect(setup.add(input('mpt', 'Again', live('mpt', 0)), { test: true })).resolves.toMatchObject({ label: 'Again' })
  })
})
