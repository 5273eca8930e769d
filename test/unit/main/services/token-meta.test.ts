/** Local token metadata: the no-secrets rule, and the sealed store (restart, concurrent writers, a damaged file). */
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Notice } from '../../../../electron/common/model'
import { looksLikeSecret } from '../../../../electron/common/token-meta'
import { createDispatcher } from '../../../../electron/main/ipc/dispatcher'
import { forwardEvents } from '../../../../electron/main/ipc/events'
import { createHandlers } from '../../../../electron/main/ipc/handlers'
import { createServices } from '../../../../electron/main/services'
import { DataLock } from '../../../../electron/main/services/data-lock'
import { silentLogger } from '../../../../electron/main/services/logger'
import { SealedFiles } from '../../../../electron/main/services/sealed-file'
import { TokenMetaStore } from '../../../../electron/main/services/token-meta-store'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

const C = '6f1c1c1e-1111-4111-8111-111111111111'
let dir: string
let secrets: MemorySecretStore
const notices: Notice[] = []

/** A store as one process has it: its own lock and sealed-file helper over the shared folder and keychain. */
function open(): TokenMetaStore {
  const lock = new DataLock(dir, { log: silentLogger })
  return new TokenMetaStore(dir, { sealed: new SealedFiles(secrets, lock), lock, log: silentLogger, post: (n) => void notices.push(n), now: () => new Date('2026-11-23T09:00:00Z') })
}

beforeEach(async () => {
  dir = await makeTempDir()
  secrets = new MemorySecretStore()
  notices.length = 0
})
afterEach(() => removeDir(dir))

describe('metadata never holds a secret', () => {
  it('refuses what looks like a credential', () => {
    for (const secret of [
      'idt:TKN-1234-5678:Qm9vZ1abCdEfGh2ijKlMnOpQrStUvWxYz0123456',
      'fynn_a8F3kLm2Qp9Zr7Tx1Vb5Nc4Hd6Jg0Ws8Ye2Ui3Oa',
      'pf_x7Kp2Lm9Qa4Zr1Tc6Vb3Nd8Hg5Jw0Ye',
      'the key is ghp_16C7e42F292c6912E7710c838347Ae178B4a',
      'Zx8Kq2Lm7Pa4Rt9Wc3Vb6Nd1Hg5Jy0Ue2',
      'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc',
    ]) expect(looksLikeSecret(secret), secret).toBe(true)
  })

  it('lets ordinary owners, notes and tags through', () => {
    for (const text of [
      'Platform team',
      'Rotated by the zebra pipeline every quarter',
      'see https://wiki.example.com/Tokens/Rotation2026-Q4ABCdef for the runbook',
      'jane.doe+tokens@example.com',
      'hostname-prod-eu-west-1.example.internal',
      'TKN-1234-5678',
      'ci-deploy',
    ]) expect(looksLikeSecret(text), text).toBe(false)
  })
})

describe('token metadata store', () => {
  it('keeps owner, notes, tags and display name sealed across a restart', async () => {
    const store = open()
    await store.load()
    await store.update(C, ['t1'], { owner: 'Jane Doe', notes: 'Used by the billing export', tags: ['billing', 'prod', 'billing'], displayName: 'Billing export' })
    const again = open()
    await again.load()
    expect(again.get(C, 't1')).toEqual({ owner: 'Jane Doe', notes: 'Used by the billing export', tags: ['billing', 'prod'], displayName: 'Billing export', updatedAt: '2026-11-23T09:00:00.000Z' })
    const raw = await readFile(path.join(dir, 'token-meta.sealed'))
    expect(raw.includes('Jane Doe')).toBe(false)
  })

  it('refuses a value that looks like a secret, and changes nothing', async () => {
    const store = open()
    await store.update(C, ['t1'], { owner: 'Ops' })
    await expect(store.update(C, ['t1'], { notes: 'pf_x7Kp2Lm9Qa4Zr1Tc6Vb3Nd8Hg5Jw0Ye' })).rejects.toMatchObject({ kind: 'validation', fields: { notes: expect.stringContaining('looks like a secret') } })
    expect(store.get(C, 't1')?.notes).toBeNull()
  })

  it('keeps both of two processes’ concurrent edits', async () => {
    const app = open()
    const cli = open()
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => app.update(C, [`a${i}`], { owner: `App ${i}` })),
      ...Array.from({ length: 10 }, (_, i) => cli.addTags(C, [`c${i}`, 'shared'], [`cli${i}`])),
    ])
    const fresh = open()
    await fresh.load()
    expect(fresh.all().size).toBe(21)
    expect(fresh.get(C, 'shared')?.tags.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `cli${i}`).sort())
    expect(fresh.get(C, 'a7')?.owner).toBe('App 7')
  })

  it('drops an entry when everything is cleared, and a removed connection’s entries', async () => {
    const store = open()
    await store.update(C, ['t1', 't2'], { owner: 'Ops' })
    await store.update(C, ['t1'], { owner: '' })
    expect(store.get(C, 't1')).toBeNull()
    await store.forgetConnection(C)
    expect(store.all().size).toBe(0)
  })

  it('sets a damaged file aside and says so, instead of overwriting it', async () => {
    await writeFile(path.join(dir, 'token-meta.sealed'), 'not sealed at all')
    const store = open()
    await store.load()
    expect(store.all().size).toBe(0)
    expect((await readdir(dir)).some((f) => f.startsWith('token-meta.sealed.corrupt-'))).toBe(true)
    expect(notices[0]?.message).toMatch(/Owners, notes and tags could not be read/)
  })
})

describe('token metadata over IPC', () => {
  it('updates through the dispatcher, tells the window, and refuses a secret with a field error', async () => {
    const services = await createServices({ dataDir: dir, secrets, log: silentLogger })
    const events: unknown[] = []
    const stopEvents = forwardEvents(services, (event, payload) => void events.push({ event, payload }))
    const dispatch = createDispatcher(createHandlers(services, { version: '0', platform: 'linux' }), { trustedOrigins: ['app://tokendesk/'], log: silentLogger })
    const call = (channel: string, ...args: unknown[]) => dispatch({ url: 'app://tokendesk/index.html', isMainFrame: true }, channel, args)
    try {
      expect(await call('meta:update', C, ['t1', 't2'], { owner: 'Ops' })).toEqual({ ok: true })
      expect(await call('meta:addTags', C, ['t2'], ['billing'])).toEqual({ ok: true })
      expect(events.at(-1)).toEqual({ event: 'meta:changed', payload: { metas: [expect.objectContaining({ owner: 'Ops', tags: ['billing'] })], connections: [{ connectionId: C, tokenIds: ['t2'], metas: [0] }] } })
      const all = await call('meta:all')
      expect(Object.keys((all as { value: object }).value).sort()).toEqual([`${C}/t1`, `${C}/t2`])
      const refused = await call('meta:update', C, ['t1'], { owner: 'fynn_a8F3kLm2Qp9Zr7Tx1Vb5Nc4Hd6Jg0Ws8Ye2Ui3Oa' })
      expect(refused).toMatchObject({ ok: false, error: { kind: 'validation', fields: { owner: expect.stringContaining('looks like a secret') } } })
      expect(JSON.stringify(refused)).not.toContain('fynn_a8F3')

      // Another process (a CLI) annotates: the window hears of that entry, and only that one.
      events.length = 0
      await open().update(C, ['t3'], { owner: 'From the CLI' })
      await vi.waitFor(() => expect(events).toContainEqual({ event: 'meta:changed', payload: { metas: [expect.objectContaining({ owner: 'From the CLI' })], connections: [{ connectionId: C, tokenIds: ['t3'], metas: [0] }] } }), { timeout: 5000 })
      expect(services.meta.get(C, 't3')?.owner).toBe('From the CLI')
    } finally {
      stopEvents()
    }
  })
})
