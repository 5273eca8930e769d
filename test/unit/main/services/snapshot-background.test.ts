/**
 * Background copies after a refresh: they wait for the refreshes running beside them (so sealing
 * does not compete with those for the event loop), a newer inventory replaces one still waiting,
 * and a flush (quit, the end of a CLI command) writes whatever waits at once.
 */
import { existsSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Token } from '../../../../electron/common/tokens'
import { createServices } from '../../../../electron/main/services'
import { silentLogger } from '../../../../electron/main/services/logger'
import { SealedFiles } from '../../../../electron/main/services/sealed-file'
import { SnapshotStore } from '../../../../electron/main/services/snapshot-store'
import { startSandbox } from '../../../../electron/main/sandbox/server'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { exactData } from '../../../support/sandbox-data'
import { testHttp } from '../../../support/sandbox-fixture'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

const A = '00000000-0000-4000-8000-00000000000a'
const token = (name: string): Token => ({
  key: `${A}/1`, connectionId: A, provider: 'mpt', id: '1', name, description: null, status: 'active',
  createdAt: null, createdBy: null, updatedAt: null, lastUsedAt: null, expiresAt: null, scope: [], isOwnCredential: false, vendor: {},
})

describe('background snapshot copies', () => {
  let dir: string
  let store: SnapshotStore
  let sealed: SealedFiles
  let idle: () => void
  beforeEach(async () => {
    dir = await makeTempDir()
    sealed = new SealedFiles(new MemorySecretStore())
    store = new SnapshotStore(dir, sealed, silentLogger)
    // A refresh is running until the test says otherwise.
    const running = new Promise<void>((resolve) => (idle = resolve))
    store.whenIdle = () => running
  })
  afterEach(() => removeDir(dir))

  const written = (): boolean => existsSync(store.fileFor(A))
  const names = async (): Promise<Array<string | null>> => {
    const opened = await store.open(A)
    return opened.status === 'ok' ? opened.value.tokens.map((t) => t.name) : []
  }

  it('wait for the running refreshes to end, then write without being asked', async () => {
    const sealing: string[] = []
    const original = sealed.sealJson.bind(sealed)
    let sealed1!: () => void
    const sealedOnce = new Promise<void>((resolve) => (sealed1 = resolve))
    sealed.sealJson = async (file, pieces) => {
      sealing.push(file)
      await original(file, pieces)
      sealed1()
    }
    store.saveInBackground(A, [token('first')], '2026-01-01T00:00:00.000Z', () => undefined)
    await new Promise((resolve) => setImmediate(resolve))
    expect(sealing).toEqual([]) // not while a refresh runs
    idle()
    await sealedOnce
    expect(sealing).toEqual([store.fileFor(A)])
    expect(await names()).toEqual(['first'])
  })

  it('keep only the newest inventory of a connection while waiting', async () => {
    store.saveInBackground(A, [token('first')], '2026-01-01T00:00:00.000Z', () => undefined)
    store.saveInBackground(A, [token('second')], '2026-01-02T00:00:00.000Z', () => undefined)
    idle()
    await store.flush()
    expect(await names()).toEqual(['second'])
  })

  it('are written at once by a flush, though refreshes still run', async () => {
    store.saveInBackground(A, [token('first')], '2026-01-01T00:00:00.000Z', () => undefined)
    expect(written()).toBe(false)
    await store.flush() // never resolves `idle`: the flush alone must write it
    expect(await names()).toEqual(['first'])
    // A copy asked for after the flush waits again.
    store.saveInBackground(A, [token('second')], '2026-01-02T00:00:00.000Z', () => undefined)
    await store.flush()
    expect(await names()).toEqual(['second'])
  })
})

describe('a refresh and its copy, in the services', () => {
  it('seal a finished connection only once the refresh beside it has ended', async () => {
    const sandbox = await startSandbox({ data: exactData(150) })
    const dir = await makeTempDir()
    try {
      const services = await createServices({ dataDir: dir, secrets: new MemorySecretStore(), log: silentLogger, http: testHttp({ timeoutMs: 300 }) })
      const add = (provider: 'fynn' | 'prefactor') =>
        services.connections.add({ provider, label: provider, client: 'Acme', baseUrl: sandbox.urls[provider], accountId: null, credential: sandbox.data[provider][0]!.credential })
      const fynn = await add('fynn')
      const prefactor = await add('prefactor')
      const sealing: string[] = []
      const original = services.sealed.sealJson.bind(services.sealed)
      services.sealed.sealJson = (file, pieces) => (sealing.push(file), original(file, pieces))
      // Prefactor's first page hangs until its attempt deadline, then the retry answers.
      sandbox.faults.set('prefactor:list', { kind: 'hang', times: 1 })
      const slow = services.inventory.refresh(prefactor.id)
      expect((await services.inventory.refresh(fynn.id)).state).toBe('ok')
      let idle = false
      void services.inventory.idle().then(() => (idle = true))
      await new Promise((resolve) => setImmediate(resolve))
      expect(idle).toBe(false)
      expect(sealing).toEqual([])
      expect((await slow).state).toBe('ok')
      await services.snapshots.flush()
      expect(idle).toBe(true)
      expect(sealing.sort()).toEqual([services.snapshots.fileFor(fynn.id), services.snapshots.fileFor(prefactor.id)].sort())
    } finally {
      await sandbox.stop()
      await removeDir(dir)
    }
  })
})
