/**
 * Rotation over real HTTP against the sandbox, whose tokens open their account as the vendors' do
 * (`tokenAuth`: a disabled, suspended or revoked token no longer signs in): each vendor's plan,
 * the connection's own credential, and a failure at every step — create, keeping the secret,
 * switching the credential, retiring, deleting, and a process that stops in the middle.
 */
import { spawnSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Connection } from '../../../../electron/common/model'
import type { ProviderId } from '../../../../electron/common/providers'
import type { Rotation } from '../../../../electron/common/rotation'
import { createHandlers } from '../../../../electron/main/ipc/handlers'
import { createServices, type Services } from '../../../../electron/main/services'
import { silentLogger } from '../../../../electron/main/services/logger'
import { TokenSecrets } from '../../../../electron/main/services/token-secrets'
import { startSandbox, type Sandbox } from '../../../../electron/main/sandbox/server'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { connectEachVendor, testHttp } from '../../../support/sandbox-fixture'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

/** A keychain whose writes of token secrets can be made to fail, or to never return (the process stops there). */
class TestKeychain extends MemorySecretStore {
  tokenWrites: 'ok' | 'fail' | 'hang' = 'ok'
  /** Resolves when a write starts hanging. */
  private started!: () => void
  hung = new Promise<void>((resolve) => (this.started = resolve))
  override async set(account: string, secret: string): Promise<void> {
    if (account.includes('/token/') && this.tokenWrites === 'fail') throw new Error('The keychain refused the write.')
    if (account.includes('/token/') && this.tokenWrites === 'hang') {
      this.started()
      return new Promise<void>(() => {})
    }
    return super.set(account, secret)
  }
}

let sandbox: Sandbox
let dir: string
let services: Services
let keychain: TestKeychain
const conns = {} as Record<ProviderId, Connection>

const open = (extra: Partial<Parameters<typeof createServices>[0]> = {}): Promise<Services> =>
  createServices({ dataDir: dir, secrets: keychain, log: silentLogger, http: testHttp(), ...extra })

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tokens: 12 }, tokenAuth: true })
})
afterAll(() => sandbox.stop())
beforeEach(async () => {
  sandbox.faults.clear()
  dir = await makeTempDir()
  keychain = new TestKeychain()
  services = await open()
  Object.assign(conns, await connectEachVendor(services, sandbox))
})
afterEach(async () => {
  await services.snapshots.flush()
  await removeDir(dir)
})

/** The sandbox's own record of a token (what the vendor now has). */
function record(provider: ProviderId, id: string): { status: string; secret: string; [k: string]: unknown } | undefined {
  const r = (sandbox.data[provider][0]!.tokens as Array<{ id: string; status?: string; token?: string; secret?: string }>).find((t) => t.id === id)
  return r ? { ...r, status: r.status ?? 'active', secret: (r.token ?? r.secret)! } : undefined
}
/** An active token of the connection that is not its own credential. */
const pick = (provider: ProviderId, s: Services = services) =>
  s.inventory.tokens(conns[provider].id).find((t) => t.status === 'active' && !t.isOwnCredential && t.createdAt !== null && (provider === 'mpt' || t.expiresAt !== null))!
const tokenCount = (provider: ProviderId): number => sandbox.data[provider][0]!.tokens.length

describe('a guided replace on each vendor', () => {
  it('MPT: successor with the same attributes, secret to the keychain, overlap, disable, then delete', async () => {
    const c = conns.mpt
    const old = pick('mpt')
    const r = await services.rotations.start(c.id, old.id, { secretTo: 'keychain' })
    expect(r).toMatchObject({ state: 'overlap', step: null, oldId: old.id, selfRotation: false, plan: { retire: 'disable', finish: 'delete' } })
    const successor = record('mpt', r.successorId!)!
    const before = record('mpt', old.id) as unknown as { name: string; description: string; modules: Array<{ id: string }> }
    expect(successor).toMatchObject({ name: before.name, description: before.description, status: 'Active', modules: before.modules.map((m) => expect.objectContaining({ id: m.id })) })
    expect(keychain.entries.get(TokenSecrets.account(c.id, r.successorId!))).toBe(successor.secret)
    // The overlap: both work.
    expect(record('mpt', old.id)!.status).toBe('Active')

    const retired = await services.rotations.retire(r.id)
    expect(retired.state).toBe('retired')
    expect(record('mpt', old.id)!.status).toBe('Disabled')
    const finished = await services.rotations.finish(r.id)
    expect(finished.state).toBe('finished')
    expect(record('mpt', old.id)!.status).toBe('Deleted')
    expect(record('mpt', r.successorId!)!.status).toBe('Active')
    expect((await services.activity.forToken(c.id, old.id)).map((e) => [e.action, e.outcome]).reverse()).toEqual([
      ['rotate', 'ok'], ['disable', 'ok'], ['rotate-retire', 'ok'], ['delete', 'ok'], ['rotate-finish', 'ok'],
    ])
  })

  it('Prefactor: same scope, environment and lifetime; suspend, then revoke and delete', async () => {
    const c = conns.prefactor
    const old = pick('prefactor')
    const r = await services.rotations.start(c.id, old.id, { secretTo: 'keychain' })
    const successor = record('prefactor', r.successorId!)!
    const before = record('prefactor', old.id)!
    expect(successor).toMatchObject({ token_scope: before.token_scope, environment_id: before.environment_id, status: 'active' })
    const lifetime = Date.parse(old.expiresAt!) - Date.parse(old.createdAt!)
    expect(Math.abs(Date.parse(successor.expires_at as string) - Date.parse(r.startedAt) - lifetime)).toBeLessThan(5_000)
    expect(keychain.entries.get(TokenSecrets.account(c.id, r.successorId!))).toBe(successor.secret)

    await services.rotations.retire(r.id)
    expect(record('prefactor', old.id)!.status).toBe('suspended')
    await services.rotations.finish(r.id)
    expect(record('prefactor', old.id)).toBeUndefined()
    expect(record('prefactor', r.successorId!)!.status).toBe('active')
  })

  it('Fynn: successor made and kept; retiring is left to Fynn’s page, and finished only once Fynn no longer lists the old token', async () => {
    const c = conns.fynn
    const old = pick('fynn')
    const r = await services.rotations.start(c.id, old.id, { secretTo: 'keychain' })
    expect(record('fynn', r.successorId!)).toMatchObject({ description: old.description })
    sandbox.resetStats()
    const retired = await services.rotations.retire(r.id)
    expect(retired).toMatchObject({ state: 'retired', note: expect.stringMatching(/nothing was done to the old token .*https:\/\/app\.fynn\.eu\/settings\/developer/) })
    expect(sandbox.requests.map((q) => q.route)).toEqual(['list'])
    // Still listed: not finished, and nothing deleted behind the user's back.
    const refused = await services.rotations.finish(r.id).catch((e: unknown) => e)
    expect(refused).toMatchObject({ kind: 'conflict', message: `Fynn still lists the old token ${old.id} as active: delete it on Fynn’s page (https://app.fynn.eu/settings/developer) first.` })
    expect(record('fynn', old.id)).toBeDefined()
    expect((await services.rotations.list())[0]).toMatchObject({ state: 'retired', note: (refused as Error).message })
    // The user deletes it on Fynn's page; now it finishes.
    const tokens = sandbox.data.fynn[0]!.tokens
    tokens.splice(tokens.findIndex((t) => t.id === old.id), 1)
    expect((await services.rotations.finish(r.id)).state).toBe('finished')
  })

  it('keeps no secret in the rotation record, and refuses a second rotation of the same token', async () => {
    const c = conns.prefactor
    const old = pick('prefactor')
    const r = await services.rotations.start(c.id, old.id, { secretTo: 'keychain' })
    const secret = record('prefactor', r.successorId!)!.secret
    expect(JSON.stringify(await services.rotations.list())).not.toContain(secret)
    expect((await readFile(`${dir}/rotations.sealed`)).includes(Buffer.from(secret))).toBe(false)
    await expect(services.rotations.start(c.id, old.id, { secretTo: 'keychain' })).rejects.toMatchObject({ kind: 'conflict' })
  })

  it('hands the secret to the caller only (a file or fd in the CLI), never to the keychain', async () => {
    const c = conns.prefactor
    const handed: string[] = []
    const r = await services.rotations.start(c.id, pick('prefactor').id, { secretTo: 'handed-over', handOver: async (s) => void handed.push(s) })
    expect(handed).toEqual([record('prefactor', r.successorId!)!.secret])
    expect([...keychain.entries.values()]).not.toContain(handed[0])
    await expect(services.tokenSecrets.read(c.id, r.successorId!)).rejects.toMatchObject({ kind: 'not_found' })
  })
})

describe('the window’s channels', () => {
  it('rotation:start never returns the secret; declined for the keychain, it is held for the one-time Show / Copy', async () => {
    const handlers = createHandlers(services, { version: 't', platform: 'linux', packaged: false } as never)
    const c = conns.prefactor
    const r = await handlers['rotation:start'](c.id, pick('prefactor').id, { saveToKeychain: false, overlapUntil: null })
    const secret = record('prefactor', r.successorId!)!.secret
    expect(JSON.stringify(r)).not.toContain(secret)
    expect([...keychain.entries.values()]).not.toContain(secret)
    expect(await handlers['secret:reveal'](c.id, r.successorId!)).toBe(secret)
    expect((await handlers['rotation:advance'](r.id)).state).toBe('retired')
    expect((await handlers['rotation:list']()).map((x) => x.id)).toEqual([r.id])
  })
})

describe('the connection’s own credential', () => {
  it('switches the keychain credential to the successor, tested, before the old token is retired', async () => {
    const c = conns.mpt
    const own = services.inventory.tokens(c.id).find((t) => t.isOwnCredential)!
    const r = await services.rotations.start(c.id, own.id, { secretTo: 'keychain' })
    expect(r.selfRotation).toBe(true)
    const secret = record('mpt', r.successorId!)!.secret
    expect(keychain.entries.get(c.id)).toBe(secret)
    expect(services.inventory.tokens(c.id).find((t) => t.isOwnCredential)!.id).toBe(r.successorId)
    await services.rotations.retire(r.id)
    expect(record('mpt', own.id)!.status).toBe('Disabled')
    // The old credential no longer opens the account; the connection still works.
    await services.inventory.test(c.id)
    await services.rotations.finish(r.id)
    await services.inventory.test(c.id)
    sandbox.data.mpt[0]!.credential = secret // later tests' seeded credential
  })

  it('a switch the vendor refuses leaves the old credential in place and the successor removed', async () => {
    const c = conns.mpt
    const own = services.inventory.tokens(c.id).find((t) => t.isOwnCredential)!
    const before = keychain.entries.get(c.id)
    sandbox.faults.set('mpt:list', { kind: 'status', status: 403, times: 1 })
    const error = await services.rotations.start(c.id, own.id, { secretTo: 'keychain' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ message: expect.stringMatching(/could not switch.*was removed; the old token is untouched/) })
    const [r] = await services.rotations.list()
    expect(r).toMatchObject({ state: 'rolled-back' })
    expect(record('mpt', r!.successorId!)!.status).toBe('Deleted')
    expect(keychain.entries.get(c.id)).toBe(before)
    await services.inventory.test(c.id)
  })
})

describe('a failure at each step leaves one working token and says so', () => {
  it('create fails: nothing changed, the record says why', async () => {
    const c = conns.prefactor
    const old = pick('prefactor')
    const count = tokenCount('prefactor')
    sandbox.faults.set('prefactor:create', { kind: 'status', status: 400, times: 1 })
    await expect(services.rotations.start(c.id, old.id, { secretTo: 'keychain' })).rejects.toMatchObject({ kind: 'validation' })
    expect(tokenCount('prefactor')).toBe(count)
    expect(await services.rotations.list()).toEqual([expect.objectContaining({ state: 'rolled-back', successorId: null, note: expect.stringMatching(/^Creating the successor failed/) })])
    expect(record('prefactor', old.id)!.status).toBe('active')
  })

  it.each(['mpt', 'prefactor'] as const)('%s: the keychain refuses the secret → the successor is removed, the old token untouched', async (provider) => {
    const c = conns[provider]
    const old = pick(provider)
    keychain.tokenWrites = 'fail'
    await expect(services.rotations.start(c.id, old.id, { secretTo: 'keychain' })).rejects.toMatchObject({ message: expect.stringMatching(/^Saving the new secret failed/) })
    const [r] = await services.rotations.list()
    expect(r!.state).toBe('rolled-back')
    expect(record(provider, r!.successorId!)?.status ?? 'gone').toMatch(/Deleted|gone/)
    expect(record(provider, old.id)!.status).toMatch(/^(Active|active)$/)
  })

  it('Fynn: a successor that cannot be removed by API is named, with the page to delete it on', async () => {
    keychain.tokenWrites = 'fail'
    await expect(services.rotations.start(conns.fynn.id, pick('fynn').id, { secretTo: 'keychain' })).rejects.toThrow(/cannot be removed through Fynn’s API: delete it on Fynn’s page \(https:\/\/app\.fynn\.eu.*its secret .* lost/i)
  })

  it('retire fails: both tokens keep working, the note says so, and a retry goes through', async () => {
    const c = conns.mpt
    const old = pick('mpt')
    const r = await services.rotations.start(c.id, old.id, { secretTo: 'keychain' })
    sandbox.faults.set('mpt:disable', { kind: 'status', status: 500, times: 1 })
    await expect(services.rotations.retire(r.id)).rejects.toBeTruthy()
    expect(await services.rotations.list()).toEqual([expect.objectContaining({ state: 'overlap', step: null, note: expect.stringMatching(/Both tokens still work/) })])
    expect(record('mpt', old.id)!.status).toBe('Active')
    expect((await services.rotations.retire(r.id)).state).toBe('retired')
  })

  it('never retires the old token when the successor is gone at the vendor', async () => {
    const c = conns.prefactor
    const old = pick('prefactor')
    const r = await services.rotations.start(c.id, old.id, { secretTo: 'keychain' })
    // Revoked at the vendor by someone else meanwhile.
    sandbox.data.prefactor[0]!.tokens.find((t) => t.id === r.successorId)!.status = 'revoked'
    await expect(services.rotations.retire(r.id)).rejects.toMatchObject({ kind: 'conflict' })
    expect(record('prefactor', old.id)!.status).toBe('active')
  })

  it('undo during the overlap removes the successor', async () => {
    const c = conns.prefactor
    const old = pick('prefactor')
    const r = await services.rotations.start(c.id, old.id, { secretTo: 'keychain' })
    expect((await services.rotations.rollBack(r.id)).state).toBe('rolled-back')
    expect(record('prefactor', r.successorId!)).toBeUndefined()
    expect(keychain.entries.has(TokenSecrets.account(c.id, r.successorId!))).toBe(false)
  })
})

describe('a process that stops in the middle', () => {
  /** Start a rotation whose secret write never returns (the process stopped there); a second process opens the folder. */
  async function stopWhileSaving(provider: ProviderId): Promise<{ second: Services; stuck: Rotation }> {
    keychain.tokenWrites = 'hang'
    void services.rotations.start(conns[provider].id, pick(provider).id, { secretTo: 'keychain' })
    await keychain.hung
    const stuck = (await services.rotations.list())[0]!
    expect(stuck).toMatchObject({ state: 'created', step: 'save' })
    keychain.tokenWrites = 'ok'
    const second = await open()
    await second.inventory.refreshAll()
    return { second, stuck }
  }

  it('MPT: the secret can be read again from the vendor, so the rotation goes on to its overlap', async () => {
    const { second, stuck } = await stopWhileSaving('mpt')
    const [resumed] = await second.rotations.resume()
    expect(resumed).toMatchObject({ id: stuck.id, state: 'overlap', step: null })
    expect(keychain.entries.get(TokenSecrets.account(conns.mpt.id, stuck.successorId!))).toBe(record('mpt', stuck.successorId!)!.secret)
  })

  it('Prefactor: the secret is lost with the process, so the successor is revoked and deleted', async () => {
    const { second, stuck } = await stopWhileSaving('prefactor')
    const [resumed] = await second.rotations.resume()
    expect(resumed).toMatchObject({ id: stuck.id, state: 'rolled-back', note: expect.stringMatching(/stopped before the new secret was kept.*was removed/) })
    expect(record('prefactor', stuck.successorId!)).toBeUndefined()
    expect(record('prefactor', stuck.oldId)!.status).toBe('active')
  })

  it('a create under way when the process stopped: rolled back, the user told to look for a token made then', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!
    const old = pick('prefactor')
    const at = new Date().toISOString()
    const plan = { retire: 'suspend', finish: 'delete', byHand: false, portalUrl: 'x' } as const
    const base = { connectionId: conns.prefactor.id, oldId: old.id, oldName: null, successorId: null, state: 'creating', step: 'create', selfRotation: false, secretTo: 'keychain', overlapUntil: null, plan, startedAt: at, updatedAt: at, note: null } as const
    const store = (services.rotations as unknown as { deps: { store: { put(id: string, f: () => Rotation): Promise<Rotation> } } }).deps.store
    await store.put('gone', () => ({ ...base, id: 'gone', pid: dead }))
    // A step another live process is running is left alone.
    await store.put('live', () => ({ ...base, id: 'live', pid: process.ppid }))
    const second = await open()
    const touched = await second.rotations.resume()
    expect(touched.map((r) => [r.id, r.state])).toEqual([['gone', 'rolled-back']])
    expect(touched[0]!.note).toMatch(/stopped while creating a successor/)
  })

  it('a retire that reached the vendor before the process stopped is recognised as done', async () => {
    const c = conns.mpt
    const old = pick('mpt')
    const r = await services.rotations.start(c.id, old.id, { secretTo: 'keychain' })
    const store = (services.rotations as unknown as { deps: { store: { put(id: string, f: (r?: Rotation) => Rotation): Promise<Rotation> } } }).deps.store
    sandbox.data.mpt[0]!.tokens.find((t) => t.id === old.id)!.status = 'Disabled'
    await store.put(r.id, (cur) => ({ ...cur!, step: 'retire', pid: spawnSync(process.execPath, ['-e', '']).pid! }))
    const second = await open()
    expect(await second.rotations.resume()).toEqual([expect.objectContaining({ id: r.id, state: 'retired', step: null })])
  })
})

describe('the window: events, the overlap’s end, bulk', () => {
  /** The next change that brings rotation `id` to `state` (an event, not a poll). */
  const reaches = (s: Services, id: string, state: Rotation['state']): Promise<Rotation> =>
    new Promise((resolve) => {
      const stop = s.rotations.onChanged((changed) => {
        const r = changed.find((x) => x.id === id && x.state === state)
        if (!r) return
        stop()
        resolve(r)
      })
    })

  it('tells each change, with no secret in it; a declined secret is reported as held, for the lock-guarded Show', async () => {
    const c = conns.prefactor
    const seen: Rotation[] = []
    services.rotations.onChanged((changed) => seen.push(...changed))
    const r = await services.rotations.start(c.id, pick('prefactor').id, { secretTo: 'memory' })
    expect(seen.map((x) => x.state)).toEqual(['creating', 'created', 'overlap'])
    expect(JSON.stringify(seen)).not.toContain(record('prefactor', r.successorId!)!.secret)
    expect(await services.tokenSecrets.availability(c.id, r.successorId!)).toEqual({ available: true, source: 'held', reason: null })
  })

  it('the overlap timer retires the old token gently when the chosen time passes, and at start for one that passed meanwhile', async () => {
    const c = conns.mpt
    const [x, y, z] = services.inventory.tokens(c.id).filter((t) => t.status === 'active' && !t.isOwnCredential && t.createdAt)
    const passed = await services.rotations.start(c.id, x!.id, { secretTo: 'keychain', overlapUntil: new Date(Date.now() - 60_000).toISOString() })
    const soon = await services.rotations.start(c.id, y!.id, { secretTo: 'keychain', overlapUntil: new Date(Date.now() + 1500).toISOString() })
    const later = await services.rotations.start(c.id, z!.id, { secretTo: 'keychain', overlapUntil: new Date(Date.now() + 3_600_000).toISOString() })
    const retired = [reaches(services, passed.id, 'retired'), reaches(services, soon.id, 'retired')]
    services.overlapTimer.start()
    try {
      await Promise.all(retired)
      expect(record('mpt', passed.oldId)!.status).toBe('Disabled')
      expect(record('mpt', soon.oldId)!.status).toBe('Disabled')
      expect(record('mpt', later.oldId)!.status).toBe('Active')
      expect((await services.activity.forToken(c.id, soon.oldId)).find((e) => e.action === 'rotate-retire')!.detail).toMatch(/the overlap ended/)
    } finally {
      services.overlapTimer.stop()
    }
  })

  it('a timed retire that cannot confirm the successor leaves both tokens and says why', async () => {
    const c = conns.prefactor
    const r = await services.rotations.start(c.id, pick('prefactor').id, { secretTo: 'keychain', overlapUntil: new Date(Date.now() - 1000).toISOString() })
    sandbox.data.prefactor[0]!.tokens.find((t) => t.id === r.successorId)!.status = 'revoked'
    const noted = new Promise<Rotation>((resolve) => services.rotations.onChanged((changed) => changed.forEach((x) => x.id === r.id && x.note && resolve(x))))
    services.overlapTimer.start()
    try {
      expect(await noted).toMatchObject({ state: 'overlap', note: expect.stringMatching(/not in service at the vendor/) })
      expect(record('prefactor', r.oldId)!.status).toBe('active')
    } finally {
      services.overlapTimer.stop()
    }
  })

  it('bulk: a result per token, each new secret in the keychain only, a failure not stopping the others', async () => {
    const c = conns.prefactor
    const [a, b] = services.inventory.tokens(c.id).filter((t) => t.status === 'active' && !t.isOwnCredential && t.createdAt && t.expiresAt)
    const results = await services.rotations.startMany(c.id, [a!.id, 'no-such-token', b!.id])
    expect(results.map((x) => [x.tokenId, x.ok])).toEqual([[a!.id, true], ['no-such-token', false], [b!.id, true]])
    const rotations = await services.rotations.list()
    for (const old of [a!, b!]) {
      const r = rotations.find((x) => x.oldId === old.id)!
      expect(r).toMatchObject({ state: 'overlap', secretTo: 'keychain' })
      const secret = record('prefactor', r.successorId!)!.secret
      expect(keychain.entries.get(TokenSecrets.account(c.id, r.successorId!))).toBe(secret)
      expect(JSON.stringify(results)).not.toContain(secret)
    }
  })

  it('a rotation another process (a CLI) made reaches this one’s listeners on reload', async () => {
    const second = await open()
    await second.inventory.refreshAll()
    const seen: Rotation[][] = []
    services.rotations.onChanged((changed) => seen.push(changed))
    const r = await second.rotations.start(conns.prefactor.id, pick('prefactor', second).id, { secretTo: 'keychain' })
    await services.rotations.reload()
    expect(seen).toEqual([[expect.objectContaining({ id: r.id, state: 'overlap' })]])
    await services.rotations.reload()
    expect(seen).toHaveLength(1) // nothing new: nothing told
  })
})
