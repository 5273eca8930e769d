import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../../electron/main/app-error'
import { ConnectionStore } from '../../../../electron/main/services/connection-store'
import { silentLogger } from '../../../../electron/main/services/logger'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { filesContaining, makeTempDir, removeDir } from '../../../support/temp-dir'

const CREDENTIAL = 'idt:TKN-1111-2222:s3cr3t-canary-A1b2C3d4E5'

function mpt(overrides: Record<string, unknown> = {}) {
  return {
    provider: 'mpt' as const,
    label: 'Production',
    client: 'Acme Corp',
    baseUrl: 'https://api.platform.softwareone.com/public/',
    accountId: 'ACC-1234-5678',
    credential: CREDENTIAL,
    ...overrides,
  }
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('ConnectionStore', () => {
  let dir: string
  let secrets: MemorySecretStore
  let store: ConnectionStore

  beforeEach(async () => {
    dir = await makeTempDir()
    secrets = new MemorySecretStore()
    store = new ConnectionStore({ dataDir: dir, secrets, log: silentLogger })
    expect(await store.init()).toEqual([])
  })
  afterEach(() => removeDir(dir))

  it('adds a connection: fields on disk, credential in the keychain only', async () => {
    const added = await store.add(mpt())
    expect(added).toMatchObject({
      provider: 'mpt',
      label: 'Production',
      client: 'Acme Corp',
      baseUrl: 'https://api.platform.softwareone.com/public',
      accountId: 'ACC-1234-5678',
      credentialLast4: 'd4E5',
    })
    expect(added).not.toHaveProperty('credential')
    expect(secrets.entries.get(added.id)).toBe(CREDENTIAL)
    expect(await filesContaining(dir, [CREDENTIAL])).toEqual([])
    const onDisk = JSON.parse(await readFile(store.file, 'utf8'))
    expect(onDisk.version).toBe(1)
    expect(onDisk.connections).toHaveLength(1)
  })

  it('reads back what it wrote in a new instance, and leaves no temp files', async () => {
    const a = await store.add(mpt())
    const b = await store.add(mpt({ provider: 'fynn', label: 'Billing', client: 'Globex', baseUrl: 'https://coreapi.io', accountId: null }))
    const again = new ConnectionStore({ dataDir: dir, secrets, log: silentLogger })
    await again.init()
    expect(again.list()).toEqual([a, b])
    expect(await readdir(dir)).toEqual(['connections.json'])
  })

  it('rejects bad input with field errors and changes nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ baseUrl: 'http://api.example.com' }, 'baseUrl'],
      [{ baseUrl: 'not a url' }, 'baseUrl'],
      [{ label: '   ' }, 'label'],
      [{ credential: '' }, 'credential'],
      [{ credential: 'two words' }, 'credential'],
      [{ accountId: 'nope' }, 'accountId'],
    ]
    for (const [overrides, field] of cases) {
      const error = await rejection(store.add(mpt(overrides)))
      expect(error.kind).toBe('validation')
      expect(Object.keys(error.fields ?? {}), JSON.stringify(overrides)).toContain(field)
    }
    expect(store.list()).toEqual([])
    expect(secrets.entries.size).toBe(0)
    expect(await readdir(dir)).toEqual([])
  })

  it('allows plain http only for loopback sandboxes', async () => {
    const local = await store.add(mpt({ baseUrl: 'http://127.0.0.1:8080/public' }))
    expect(local.baseUrl).toBe('http://127.0.0.1:8080/public')
  })

  it('refuses the same label twice in one client (case-insensitive), allows it in another', async () => {
    await store.add(mpt())
    const error = await rejection(store.add(mpt({ label: 'production ' })))
    expect(error.kind).toBe('conflict')
    expect(error.fields).toHaveProperty('label')
    await expect(store.add(mpt({ client: 'Globex' }))).resolves.toMatchObject({ client: 'Globex' })
    expect(store.list()).toHaveLength(2)
    expect(secrets.entries.size).toBe(2)
  })

  it('serialises concurrent adds so two equal labels cannot both pass', async () => {
    const results = await Promise.allSettled([store.add(mpt()), store.add(mpt())])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(store.list()).toHaveLength(1)
  })

  it('updates fields, keeps the id and the credential, and checks labels', async () => {
    const a = await store.add(mpt())
    await store.add(mpt({ label: 'Staging' }))
    const updated = await store.update(a.id, { label: 'Prod EU', client: 'Acme Corp' })
    expect(updated).toMatchObject({ id: a.id, label: 'Prod EU', accountId: 'ACC-1234-5678' })
    expect(secrets.entries.get(a.id)).toBe(CREDENTIAL)
    expect((await rejection(store.update(a.id, { label: 'Staging' }))).kind).toBe('conflict')
    expect((await rejection(store.update('6f1c1c1e-1111-4111-8111-111111111111', { label: 'x' }))).kind).toBe('not_found')
  })

  it('refuses a label with a hidden character, but keeps one stored before (older files) as it is', async () => {
    const refused = await rejection(store.add(mpt({ label: 'Prod\u202Egnp.exe' })))
    expect(refused).toMatchObject({ kind: 'validation', fields: { label: expect.stringContaining('U+202E RIGHT-TO-LEFT OVERRIDE') } })
    expect(store.list()).toEqual([])
    expect(secrets.entries.size).toBe(0)
    // A file written before the rule: it loads, and an edit of another field leaves the label alone.
    const old = { ...(await store.add(mpt())), label: 'Prod\u202Egnp.exe', client: 'Ac\u200Bme' }
    await writeFile(store.file, JSON.stringify({ version: 1, connections: [old] }))
    const reopened = new ConnectionStore({ dataDir: dir, secrets, log: silentLogger })
    expect(await reopened.init()).toEqual([])
    expect(reopened.list()).toEqual([old])
    const edited = await reopened.update(old.id, { baseUrl: 'https://api.platform.softwareone.com/v2' })
    expect(edited).toMatchObject({ label: 'Prod\u202Egnp.exe', client: 'Ac\u200Bme', baseUrl: 'https://api.platform.softwareone.com/v2' })
    expect(JSON.parse(await readFile(store.file, 'utf8')).connections[0].label).toBe('Prod\u202Egnp.exe')
    // Renaming it to another name with a hidden character is refused; to a clean one, kept.
    expect((await rejection(reopened.update(old.id, { label: 'Prod\u2066x' }))).kind).toBe('validation')
    await expect(reopened.update(old.id, { label: 'Prod' })).resolves.toMatchObject({ label: 'Prod' })
  })

  it('replaces a credential without writing it to disk', async () => {
    const a = await store.add(mpt())
    const next = 'idt:TKN-3333-4444:another-canary-ZZZZwxyz'
    const updated = await store.setCredential(a.id, next)
    expect(updated.credentialLast4).toBe('wxyz')
    expect(secrets.entries.get(a.id)).toBe(next)
    expect(await filesContaining(dir, [CREDENTIAL, next])).toEqual([])
  })

  it('removes a connection and its keychain entry', async () => {
    const a = await store.add(mpt())
    const b = await store.add(mpt({ label: 'Staging' }))
    await store.remove(a.id)
    expect(store.list().map((c) => c.id)).toEqual([b.id])
    expect(secrets.entries.has(a.id)).toBe(false)
    expect(secrets.entries.has(b.id)).toBe(true)
  })

  it('stores nothing at all when the keychain is unavailable', async () => {
    secrets.unavailable = true
    const error = await rejection(store.add(mpt()))
    expect(error.kind).toBe('keychain_unavailable')
    expect(error.message).toMatch(/gnome-keyring/)
    expect(error.message).not.toContain(CREDENTIAL)
    expect(store.list()).toEqual([])
    expect(await readdir(dir)).toEqual([])
  })

  it('shows no last-4 for short credentials', async () => {
    const a = await store.add(mpt({ credential: 'short-key-123' }))
    expect(a.credentialLast4).toBeNull()
  })

  describe('a corrupt connections.json', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['garbled bytes', '{"version":1,"connections":[{"id":', /not valid JSON/],
      ['a wrong shape', JSON.stringify({ version: 1, connections: [{ id: 'x' }] }), /expected format/],
      ['a newer format', JSON.stringify({ version: 7, connections: [] }), /newer Tokendesk/],
    ]
    for (const [name, content, reason] of cases) {
      it(`is set aside and reported, never overwritten: ${name}`, async () => {
        const file = path.join(dir, 'connections.json')
        await writeFile(file, content)
        const fresh = new ConnectionStore({
          dataDir: dir,
          secrets,
          log: silentLogger,
          now: () => new Date('2026-11-23T10:00:00.000Z'),
        })
        const notices = await fresh.init()
        expect(notices).toHaveLength(1)
        expect(notices[0]!.message).toMatch(reason)
        expect(notices[0]!.message).toContain('connections.json.corrupt-2026-11-23T10-00-00-000Z')
        expect(fresh.list()).toEqual([])
        const kept = path.join(dir, 'connections.json.corrupt-2026-11-23T10-00-00-000Z')
        expect(await readFile(kept, 'utf8')).toBe(content)
        // The next save writes a new file beside the kept one.
        await fresh.add(mpt())
        expect((await readdir(dir)).sort()).toEqual(['connections.json', path.basename(kept)])
      })
    }
  })
})
