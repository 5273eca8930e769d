import { spawnSync } from 'node:child_process'
import { readdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { atomicWriteHooks } from '../../../../electron/main/services/atomic-file'
import { createServices, type Services } from '../../../../electron/main/services'
import { silentLogger } from '../../../../electron/main/services/logger'
import { DATA_KEY_ACCOUNT } from '../../../../electron/main/services/sealed-file'
import { startSandbox, type Sandbox } from '../../../../electron/main/sandbox/server'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { exactData } from '../../../support/sandbox-data'
import { testHttp } from '../../../support/sandbox-fixture'
import { filesContaining, listFiles, makeTempDir, removeDir } from '../../../support/temp-dir'

let sandbox: Sandbox
let dir: string
let secrets: MemorySecretStore

beforeAll(async () => {
  sandbox = await startSandbox({ data: exactData(120) })
})
afterAll(() => sandbox.stop())
beforeEach(async () => {
  dir = await makeTempDir()
  secrets = new MemorySecretStore()
  sandbox.faults.clear()
  sandbox.resetStats()
})
afterEach(() => {
  delete atomicWriteHooks.beforeRename
  return removeDir(dir)
})

const start = (extra: { forceOffline?: boolean } = {}) => createServices({ dataDir: dir, secrets, log: silentLogger, http: testHttp(), ...extra })

async function withThreeConnections(): Promise<Services> {
  const services = await start()
  for (const provider of ['mpt', 'fynn', 'prefactor'] as const) {
    await services.connections.add({ provider, label: provider, client: 'Acme', baseUrl: sandbox.urls[provider], accountId: null, credential: sandbox.data[provider][0]!.credential })
  }
  await services.inventory.refreshAll()
  await services.snapshots.flush()
  return services
}

const snapshotFile = (s: Services, provider: string) => s.snapshots.fileFor(s.connections.list().find((c) => c.label === provider)!.id)

describe('offline snapshots', () => {
  it('are written after a complete refresh and show at once on the next start', async () => {
    const first = await withThreeConnections()
    const again = await start()
    expect(again.notices).toEqual([])
    expect(again.inventory.tokens()).toHaveLength(360)
    expect(again.inventory.statuses().every((s) => s.state === 'ok' && s.refreshedAt)).toBe(true)
    expect(again.inventory.tokens(first.connections.list()[0]!.id)).toEqual(first.inventory.tokens(first.connections.list()[0]!.id))
  })

  it('keep token names, ids, descriptions and secrets out of every file', async () => {
    await withThreeConnections()
    const needles = [
      ...sandbox.data.mpt[0]!.tokens.flatMap((t) => [t.name, t.id, t.token]),
      ...sandbox.data.fynn[0]!.tokens.flatMap((t) => [t.id, t.secret, ...(t.description ? [t.description] : [])]),
      ...sandbox.data.prefactor[0]!.tokens.flatMap((t) => [t.id, t.secret]),
      ...(['mpt', 'fynn', 'prefactor'] as const).map((p) => sandbox.data[p][0]!.credential),
    ]
    expect((await listFiles(dir)).length).toBeGreaterThanOrEqual(4)
    expect(await filesContaining(dir, needles)).toEqual([])
  })

  it('are never replaced by a failed refresh', async () => {
    const services = await withThreeConnections()
    const file = snapshotFile(services, 'fynn')
    const before = await readFile(file)
    sandbox.faults.set('fynn:list', { kind: 'malformed' })
    const status = await services.inventory.refresh(services.connections.list().find((c) => c.label === 'fynn')!.id)
    expect(status.error?.kind).toBe('unexpected_response')
    await services.snapshots.flush()
    expect(await readFile(file)).toEqual(before)
  })

  const damages: Array<[string, (file: string) => Promise<void>]> = [
    ['truncated', async (f) => writeFile(f, (await readFile(f)).subarray(0, 40))],
    ['garbled', async (f) => { const b = await readFile(f); b.writeUInt8(b.readUInt8(100) ^ 0xff, 100); await writeFile(f, b) }],
    ['of another version', async () => undefined],
    ['sealed with another key', async () => undefined],
  ]
  it.each(damages)('set a %s snapshot aside, say so once, and load the rest', async (kind, damage) => {
    const services = await withThreeConnections()
    const file = snapshotFile(services, 'prefactor')
    if (kind === 'of another version') {
      const id = path.basename(file, '.sealed')
      await services.sealed.seal(file, { version: 99, connectionId: id, refreshedAt: 'x', tokens: [] })
    } else if (kind === 'sealed with another key') {
      const other = new (services.sealed.constructor as new (s: MemorySecretStore) => typeof services.sealed)(new MemorySecretStore())
      await other.seal(file, { version: 1, connectionId: path.basename(file, '.sealed'), refreshedAt: 'x', tokens: [] })
    } else {
      await damage(file)
    }
    const again = await start()
    expect(again.notices).toHaveLength(1)
    expect(again.notices[0]!.message).toMatch(/“prefactor”.*could not be opened.*kept aside/s)
    expect(again.inventory.tokens()).toHaveLength(240)
    expect((await readdir(path.dirname(file))).some((n) => n.startsWith(`${path.basename(file)}.corrupt-`))).toBe(true)
    // Reported once: the next start is quiet.
    expect((await start()).notices).toEqual([])
  })

  it('with the key deleted from the keychain: set aside, said once, a fresh key for what comes next', async () => {
    await withThreeConnections()
    const oldKey = secrets.entries.get(DATA_KEY_ACCOUNT)
    secrets.entries.delete(DATA_KEY_ACCOUNT)
    const again = await start()
    expect(again.notices).toHaveLength(1)
    expect(again.notices[0]!.message).toMatch(/key .* no longer in your keychain/)
    expect(again.inventory.tokens()).toEqual([])
    await again.inventory.refreshAll()
    await again.snapshots.flush()
    expect(secrets.entries.get(DATA_KEY_ACCOUNT)).toBeDefined()
    expect(secrets.entries.get(DATA_KEY_ACCOUNT)).not.toBe(oldKey)
    const third = await start()
    expect(third.notices).toEqual([])
    expect(third.inventory.tokens()).toHaveLength(360)
  })

  it('survive a crash in the middle of a write: the previous snapshot stays intact', async () => {
    const services = await withThreeConnections()
    const file = snapshotFile(services, 'mpt')
    const before = await readFile(file)
    atomicWriteHooks.beforeRename = () => {
      throw new Error('simulated crash after writing the temp file, before the rename')
    }
    sandbox.data.mpt[0]!.tokens[0]!.name = 'renamed since'
    await services.inventory.refresh(services.connections.list().find((c) => c.label === 'mpt')!.id)
    await services.snapshots.flush()
    delete atomicWriteHooks.beforeRename
    expect(await readFile(file)).toEqual(before)
    const temp = (await readdir(path.dirname(file))).find((n) => n.includes('.tmp-'))!
    expect(temp).toBeDefined()
    // The writer is gone (a crash): its temp file carries the id of a process that has ended.
    const dead = spawnSync(process.execPath, ['-e', '']).pid!
    await rename(path.join(path.dirname(file), temp), path.join(path.dirname(file), temp.replace(/\.tmp-\d+-/, `.tmp-${dead}-`)))
    const again = await start()
    expect(again.notices).toEqual([])
    expect(again.inventory.tokens()).toHaveLength(360)
    expect((await readdir(path.dirname(file))).some((n) => n.includes('.tmp-'))).toBe(false)
  })

  it('that could not be saved are said (a notice the window is sent), never silent', async () => {
    const services = await start()
    const posted: string[] = []
    services.board.onNotice((n) => posted.push(n.message))
    const c = await services.connections.add({ provider: 'fynn', label: 'Billing', client: 'Acme', baseUrl: sandbox.urls.fynn, accountId: null, credential: sandbox.data.fynn[0]!.credential })
    await writeFile(path.join(dir, 'snapshots'), 'a file where the snapshots folder belongs')
    expect((await services.inventory.refresh(c.id)).state).toBe('ok')
    await services.snapshots.flush()
    expect(posted).toEqual([expect.stringMatching(/^The offline copy of “Billing” could not be saved: not a directory \(ENOTDIR\)\. The refreshed inventory is shown/)])
    expect(services.notices.map((n) => n.id)).toContain(`snapshot-not-saved-${c.id}`)
    expect(services.snapshots.takeFailures()).toHaveLength(1)
  })

  it('are deleted with their connection', async () => {
    const services = await withThreeConnections()
    const file = snapshotFile(services, 'fynn')
    await services.connections.remove(services.connections.list().find((c) => c.label === 'fynn')!.id)
    await new Promise((r) => setTimeout(r, 20))
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe('work offline', () => {
  it('makes no network call at all — checked on a server that records every request', async () => {
    const online = await withThreeConnections()
    await online.settings.update({ workOffline: true })
    sandbox.resetStats()
    const services = await start()
    expect(services.offline()).toBe(true)
    expect(services.inventory.tokens()).toHaveLength(360)
    await services.inventory.refreshAll()
    const [c] = services.connections.list()
    const t = services.inventory.tokens(c!.id)[0]!
    await expect(services.inventory.test(c!.id)).rejects.toMatchObject({ kind: 'offline' })
    await expect(services.actions.run(c!.id, t.id, 'disable')).rejects.toMatchObject({ kind: 'offline' })
    await expect(services.tokenSecrets.read(c!.id, t.id)).rejects.toMatchObject({ kind: 'offline' })
    expect(sandbox.requests).toEqual([])
    expect(sandbox.stats().total).toBe(0)
  })
})
