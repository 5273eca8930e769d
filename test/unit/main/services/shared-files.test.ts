/**
 * Every file in the data folder that is rewritten is changed read-merge-write under the folder's
 * lock: two instances over one folder (as two processes would be, each with its own stale copy
 * in memory) never overwrite each other's changes.
 */
import { spawnSync } from 'node:child_process'
import { readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ActivityLog } from '../../../../electron/main/services/activity-log'
import { ConnectionStore } from '../../../../electron/main/services/connection-store'
import { silentLogger } from '../../../../electron/main/services/logger'
import { SealedFiles } from '../../../../electron/main/services/sealed-file'
import { SettingsStore } from '../../../../electron/main/services/settings-store'
import { createServices } from '../../../../electron/main/services'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

let dir: string
let secrets: MemorySecretStore
beforeEach(async () => {
  dir = await makeTempDir()
  secrets = new MemorySecretStore()
})
afterEach(() => removeDir(dir))

const fynn = (label: string) => ({ provider: 'fynn' as const, label, client: '', baseUrl: 'https://coreapi.io', accountId: null, credential: `fynn-credential-${label}` })

async function twoConnectionStores(): Promise<[ConnectionStore, ConnectionStore]> {
  const a = new ConnectionStore({ dataDir: dir, secrets, log: silentLogger })
  const b = new ConnectionStore({ dataDir: dir, secrets, log: silentLogger })
  await Promise.all([a.init(), b.init()])
  return [a, b]
}

describe('shared files, two processes', () => {
  it('connections: adds from both are kept, and a remove is not undone by the other’s next add', async () => {
    const [a, b] = await twoConnectionStores()
    const onDisk = async () => {
      const fresh = new ConnectionStore({ dataDir: dir, secrets, log: silentLogger })
      await fresh.init()
      return fresh.list()
    }
    const x = await a.add(fynn('X'))
    await b.add(fynn('Y')) // b never saw X
    expect((await onDisk()).map((c) => c.label).sort()).toEqual(['X', 'Y'])
    await a.remove(x.id)
    await b.add(fynn('Z')) // b last saw X
    const fresh = await onDisk()
    expect(fresh.map((c) => c.label).sort()).toEqual(['Y', 'Z'])
    expect(b.list().map((c) => c.label).sort()).toEqual(['Y', 'Z'])
    expect([...secrets.entries.keys()].sort()).toEqual(fresh.map((c) => c.id).sort())
  })

  it('connections: the label check sees what the other process added', async () => {
    const [a, b] = await twoConnectionStores()
    await a.add(fynn('Same'))
    await expect(b.add(fynn('same'))).rejects.toMatchObject({ kind: 'conflict' })
    expect(secrets.entries.size).toBe(1)
  })

  it('connections: a remove the keychain refuses changes nothing, and leaves no credential behind', async () => {
    const [a] = await twoConnectionStores()
    const x = await a.add(fynn('X'))
    secrets.unavailable = true
    await expect(a.remove(x.id)).rejects.toMatchObject({ kind: 'keychain_unavailable' })
    secrets.unavailable = false
    const fresh = new ConnectionStore({ dataDir: dir, secrets, log: silentLogger })
    await fresh.init()
    expect(fresh.list().map((c) => c.id)).toEqual([x.id])
    expect(secrets.entries.has(x.id)).toBe(true)
  })

  it('settings: a change keeps what the other process changed meanwhile', async () => {
    const a = new SettingsStore(dir, silentLogger)
    const b = new SettingsStore(dir, silentLogger)
    await Promise.all([a.init(), b.init()])
    await a.update({ theme: 'dark' })
    await b.update({ clipboardClearSec: 60 })
    const fresh = new SettingsStore(dir, silentLogger)
    await fresh.init()
    expect(fresh.get()).toMatchObject({ theme: 'dark', clipboardClearSec: 60 })
  })

  it('activity log: entries recorded by both are kept', async () => {
    const a = new ActivityLog(dir, new SealedFiles(secrets), silentLogger)
    const b = new ActivityLog(dir, new SealedFiles(secrets), silentLogger)
    await b.forToken('c', 't') // b has read the (empty) log
    await a.record({ connectionId: 'c', tokenId: 't', action: 'reveal', outcome: 'ok', detail: null })
    await b.record({ connectionId: 'c', tokenId: 't', action: 'copy', outcome: 'ok', detail: null })
    const entries = await new ActivityLog(dir, new SealedFiles(secrets), silentLogger).forToken('c', 't')
    expect(entries.map((e) => e.action)).toEqual(['copy', 'reveal'])
  })

  it('snapshots: a temp file of a writer still running is left alone; one of a dead writer is swept', async () => {
    const snapshots = path.join(dir, 'snapshots')
    await createServices({ dataDir: dir, secrets, log: silentLogger })
    const { mkdir } = await import('node:fs/promises')
    await mkdir(snapshots, { recursive: true })
    const dead = spawnSync(process.execPath, ['-e', '']).pid!
    const live = `00000000-0000-4000-8000-000000000001.sealed.tmp-${process.pid}-0a0b0c0d`
    const gone = `00000000-0000-4000-8000-000000000001.sealed.tmp-${dead}-0a0b0c0d`
    await writeFile(path.join(snapshots, live), 'being written')
    await writeFile(path.join(snapshots, gone), 'left by a crash')
    await writeFile(path.join(dir, 'connections.json'), JSON.stringify({ version: 1, connections: [{ id: '00000000-0000-4000-8000-000000000001', provider: 'fynn', label: 'F', client: '', baseUrl: 'https://coreapi.io', accountId: null, createdAt: new Date().toISOString(), credentialLast4: null }] }))
    await createServices({ dataDir: dir, secrets, log: silentLogger })
    expect(await readdir(snapshots)).toEqual([live])
  })
})
