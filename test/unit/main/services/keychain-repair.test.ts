/**
 * A corrupt connections.json: set aside, said at every start until the user acts, a later add
 * says so too, and the credentials still in the keychain can be re-attached from the set-aside
 * file (or deleted). Entries unknown to this data folder are never deleted unnamed.
 */
import { readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../electron/main/services'
import { silentLogger } from '../../../../electron/main/services/logger'
import { salvageConnections } from '../../../../electron/main/services/keychain-repair'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

let dir: string
let secrets: MemorySecretStore
beforeEach(async () => {
  dir = await makeTempDir()
  secrets = new MemorySecretStore()
})
afterEach(() => removeDir(dir))

const start = () => createServices({ dataDir: dir, secrets, log: silentLogger })
const fynn = (label: string) => ({ provider: 'fynn' as const, label, client: 'Acme', baseUrl: 'https://coreapi.io', accountId: null, credential: `fynn-credential-${label}-0123456789` })
const setAsideNotice = (s: Services) => s.notices.find((n) => n.id === 'connections-set-aside')

/** Three connections, then the file is damaged (cut off in the middle of the third). */
async function damaged(): Promise<{ ids: string[] }> {
  const s = await start()
  const ids = []
  for (const label of ['Billing', 'Payroll', 'Sales']) ids.push((await s.connections.add(fynn(label))).id)
  const file = path.join(dir, 'connections.json')
  const text = await import('node:fs/promises').then((fs) => fs.readFile(file, 'utf8'))
  await writeFile(file, text.slice(0, text.lastIndexOf('"label"')))
  return { ids }
}

describe('keychain repair after a corrupt connections.json', () => {
  it('says so at every start, and on the run of a later add, until the user acts', async () => {
    await damaged()
    const first = await start()
    expect(first.connections.list()).toEqual([])
    expect(setAsideNotice(first)?.message).toMatch(/could not be read because it is not valid JSON.*kept as connections\.json\.corrupt-/)
    expect(setAsideNotice(first)?.message).toMatch(/credentials of 2 connections listed in it \(“Billing”, “Payroll”\)/)
    expect(setAsideNotice(first)?.actions?.map((a) => a.id)).toEqual(['orphans:reattach', 'orphans:delete'])
    const second = await start()
    expect(setAsideNotice(second)?.message).toMatch(/kept as connections\.json\.corrupt-/)
    await second.connections.add(fynn('Fresh'))
    expect(setAsideNotice(await start())).toBeDefined()
  })

  it('re-attaches what the set-aside file still describes, with the same ids and credentials; then the notice stops', async () => {
    const { ids } = await damaged()
    const s = await start()
    await s.connections.add(fynn('Billing')) // the same label, added again meanwhile
    const orphans = await s.repair.orphans()
    // The third connection's entry was cut off: its id is still found, its details are not.
    expect(orphans.map((o) => [o.connectionId, o.recoverable?.label ?? null, o.credential])).toEqual([
      [ids[0], 'Billing', true],
      [ids[1], 'Payroll', true],
      [ids[2], null, true],
    ])
    const attached = await s.repair.reattach()
    expect(attached.map((c) => [c.id, c.label])).toEqual([
      [ids[0], 'Billing (recovered)'],
      [ids[1], 'Payroll'],
    ])
    expect(await s.connections.credentialFor(ids[1]!)).toBe('fynn-credential-Payroll-0123456789')
    // One entry is left that cannot be re-attached: the notice now offers to delete it.
    expect((await start()).notices.find((n) => n.id === 'connections-set-aside')?.actions?.map((a) => a.id)).toEqual(['orphans:delete'])
    await s.repair.delete()
    expect(secrets.entries.has(ids[2]!)).toBe(false)
    expect(setAsideNotice(await start())).toBeUndefined()
    expect((await readdir(dir)).filter((n) => n.includes('corrupt')).every((n) => n.endsWith('.resolved'))).toBe(true)
  })

  it('the window’s action does the same and says what it did', async () => {
    await damaged()
    const s = await start()
    expect((await s.repair.act('orphans:reattach')).message).toMatch(/^Re-attached 2 connections: “Billing”, “Payroll”/)
    expect(s.connections.list()).toHaveLength(2)
  })

  it('a file too damaged to name its connections: says how many entries are left, Dismiss deletes none of them', async () => {
    const s = await start()
    for (const label of ['Billing', 'Payroll']) await s.connections.add(fynn(label))
    await writeFile(path.join(dir, 'connections.json'), '{"version":1,"connections":[{"id":')
    const notice = setAsideNotice(await start())
    expect(notice?.message).toMatch(/Nothing in it can be re-attached\. 2 keychain entries belong to no connection this folder can name: see “tokendesk connections orphans”/)
    expect(notice?.actions).toEqual([{ id: 'orphans:delete', label: 'Dismiss' }])
    const again = await start()
    await again.repair.act('orphans:delete')
    expect(secrets.entries.size).toBe(2)
    expect(setAsideNotice(await start())).toBeUndefined()
  })

  it('never deletes, unnamed, an entry this data folder knows nothing about', async () => {
    await damaged()
    secrets.entries.set('11111111-1111-4111-8111-111111111111', 'another-folders-credential')
    const s = await start()
    const deleted = await s.repair.delete()
    expect(deleted).toHaveLength(3)
    expect(secrets.entries.has('11111111-1111-4111-8111-111111111111')).toBe(true)
    await s.repair.delete(['11111111-1111-4111-8111-111111111111'])
    expect(secrets.entries.has('11111111-1111-4111-8111-111111111111')).toBe(false)
    await expect(s.repair.delete(['22222222-2222-4222-8222-222222222222'])).rejects.toMatchObject({ kind: 'not_found' })
  })

  it('an add that fails after storing its credential takes it out again', async () => {
    const s = await start()
    // connections.json cannot be replaced: a directory stands in its place.
    const { mkdir } = await import('node:fs/promises')
    await mkdir(path.join(dir, 'connections.json', 'blocker'), { recursive: true })
    await expect(s.connections.add(fynn('Billing'))).rejects.toThrow()
    expect([...secrets.entries.keys()].filter((k) => k !== 'tokendesk:data-key')).toEqual([])
  })

  it('salvages each intact connection from a damaged file', () => {
    const good = { id: '0b7f8a34-3f7e-4a77-9d1c-2f7f0d1f9a11', provider: 'mpt', label: 'P', client: '', baseUrl: 'https://x.io', accountId: null, createdAt: 'x', credentialLast4: null }
    expect(salvageConnections(`{"version":1,"connections":[${JSON.stringify(good)},{"id":"0b7f`)).toEqual([good])
    expect(salvageConnections('garbage')).toEqual([])
  })
})
