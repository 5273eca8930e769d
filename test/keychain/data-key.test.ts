/**
 * The data key that seals the offline copies is made exactly once, in the real keychain: several
 * refreshes finishing together on a fresh data folder, or two processes sealing at once, all use
 * the one stored key, and every snapshot opens afterwards.
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROVIDER_IDS } from '../../electron/common/providers'
import { createServices } from '../../electron/main/services'
import { DataLock } from '../../electron/main/services/data-lock'
import { KeytarSecretStore } from '../../electron/main/services/keytar-secret-store'
import { silentLogger } from '../../electron/main/services/logger'
import { DATA_KEY_ACCOUNT, SealedFiles } from '../../electron/main/services/sealed-file'
import { startSandbox, type Sandbox } from '../../electron/main/sandbox/server'
import { exactData } from '../support/sandbox-data'
import { testHttp } from '../support/sandbox-fixture'
import { makeTempDir, removeDir } from '../support/temp-dir'

let sandbox: Sandbox
const services: string[] = []

/** A keychain service of its own per test: the data key starts out missing, as on a new machine. */
function freshKeychain(): KeytarSecretStore {
  const name = `tokendesk-test-${randomUUID()}`
  services.push(name)
  return new KeytarSecretStore(silentLogger, name)
}

beforeAll(async () => {
  sandbox = await startSandbox({ data: exactData(150, 2) })
})
afterAll(async () => {
  await sandbox.stop()
  for (const name of services) {
    const store = new KeytarSecretStore(silentLogger, name)
    for (const account of await store.list()) await store.delete(account)
  }
})

describe('the data key (real gnome-keyring)', () => {
  it('first refresh of six connections at once on a fresh folder: every snapshot opens offline', async () => {
    const dir = await makeTempDir()
    try {
      const secrets = freshKeychain()
      sandbox.latencyMs = 30 // as over a network: the six refreshes end within moments of each other
      const first = await createServices({ dataDir: dir, secrets, log: silentLogger, http: testHttp() })
      for (const provider of PROVIDER_IDS) {
        for (const account of [0, 1]) {
          await first.connections.add({ provider, label: `${provider}-${account}`, client: 'Acme', baseUrl: sandbox.urls[provider], accountId: null, credential: sandbox.data[provider][account]!.credential })
        }
      }
      expect((await first.inventory.refreshAll()).map((s) => s.state)).toEqual(Array(6).fill('ok'))
      await first.snapshots.flush()
      sandbox.latencyMs = 0

      const offline = await createServices({ dataDir: dir, secrets: freshStoreFor(secrets), log: silentLogger, http: testHttp(), forceOffline: true })
      expect(offline.notices).toEqual([])
      expect(offline.inventory.statuses().map((s) => s.tokenCount)).toEqual(first.inventory.statuses().map((s) => s.tokenCount))
      expect(offline.inventory.tokens().length).toBe(first.inventory.tokens().length)
    } finally {
      await removeDir(dir)
    }
  })

  it('two processes sealing at once on one folder share one key, and an existing key is never replaced', async () => {
    const dir = await makeTempDir()
    try {
      const name = freshKeychain()
      // Two "processes": separate keychain clients, separate lock queues, one folder.
      const a = new SealedFiles(name, new DataLock(dir))
      const b = new SealedFiles(freshStoreFor(name), new DataLock(dir))
      const files = Array.from({ length: 8 }, (_, i) => path.join(dir, `f${i}.sealed`))
      await Promise.all(files.map((f, i) => (i % 2 ? a : b).seal(f, { i })))
      const stored = await name.get(DATA_KEY_ACCOUNT)
      const reader = new SealedFiles(freshStoreFor(name))
      for (const [i, f] of files.entries()) expect(await reader.open(f, (j) => j)).toEqual({ status: 'ok', value: { i } })
      // A third process asking for the key later finds it: the stored key stays as it is.
      await new SealedFiles(freshStoreFor(name), new DataLock(dir)).seal(path.join(dir, 'later.sealed'), { later: true })
      expect(await name.get(DATA_KEY_ACCOUNT)).toBe(stored)
    } finally {
      await removeDir(dir)
    }
  })
})

/** Another client of the same keychain service (as another process would have). */
function freshStoreFor(store: KeytarSecretStore): KeytarSecretStore {
  return new KeytarSecretStore(silentLogger, (store as unknown as { service: string }).service)
}
