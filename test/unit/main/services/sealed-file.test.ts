import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataLock } from '../../../../electron/main/services/data-lock'
import { DATA_KEY_ACCOUNT, SealedFiles } from '../../../../electron/main/services/sealed-file'
import { useSealedFiles } from '../../../support/sealed-fixture'

const VALUE = { version: 1, names: ['Billing export – SAP', 'TKN-1234-5678'] }
const parse = (json: unknown) => json as typeof VALUE

describe('SealedFiles', () => {
  const fx = useSealedFiles()

  it('makes the first key for a writer holding the lock while another is waiting for it (no deadlock)', async () => {
    // A background snapshot starts the first key's creation, which queues for the folder's lock;
    // meanwhile a record is sealed by a task that holds that lock. It must not wait for the first.
    const lock = new DataLock(fx.dir)
    const locked = new SealedFiles(fx.secrets, lock)
    let enter!: () => void
    const gate = new Promise<void>((resolve) => (enter = resolve))
    const holder = lock.run(async () => {
      await gate
      await locked.seal(path.join(fx.dir, 'inside.sealed'), VALUE)
    })
    const outside = locked.seal(fx.file, VALUE)
    enter()
    const stuck = new Promise((resolve) => setTimeout(() => resolve('deadlock'), 3000).unref())
    expect(await Promise.race([Promise.all([holder, outside]).then(() => 'done'), stuck])).toBe('done')
    expect(await locked.open(fx.file, parse)).toEqual({ status: 'ok', value: VALUE })
    expect(await locked.open(path.join(fx.dir, 'inside.sealed'), parse)).toEqual({ status: 'ok', value: VALUE })
  })

  it('round-trips, and nothing of the content is readable on disk', async () => {
    await fx.sealed.seal(fx.file, VALUE)
    expect(await fx.sealed.open(fx.file, parse)).toEqual({ status: 'ok', value: VALUE })
    const bytes = await readFile(fx.file)
    for (const needle of ['Billing', 'TKN-1234', 'names']) expect(bytes.includes(Buffer.from(needle))).toBe(false)
    expect(fx.secrets.entries.get(DATA_KEY_ACCOUNT)).toMatch(/^[A-Za-z0-9+/]{43}=$/)
  })

  it('reports a missing file as missing', async () => {
    expect(await fx.sealed.open(fx.file, parse)).toEqual({ status: 'missing' })
  })

  it.each([
    ['one flipped byte', (b: Buffer) => { b.writeUInt8(b.readUInt8(b.length - 3) ^ 1, b.length - 3); return b }],
    ['a truncated file', (b: Buffer) => b.subarray(0, b.length - 10)],
    ['a few bytes only', (b: Buffer) => b.subarray(0, 6)],
    ['plain JSON instead', () => Buffer.from(JSON.stringify(VALUE))],
  ])('detects %s', async (_name, damage) => {
    await fx.sealed.seal(fx.file, VALUE)
    await writeFile(fx.file, damage(await readFile(fx.file)))
    expect((await fx.sealed.open(fx.file, parse)).status).toBe('unreadable')
  })

  it('detects a deleted key, and makes a fresh one for the next write', async () => {
    await fx.sealed.seal(fx.file, VALUE)
    const oldKey = fx.secrets.entries.get(DATA_KEY_ACCOUNT)
    fx.secrets.entries.delete(DATA_KEY_ACCOUNT)
    const fresh = new SealedFiles(fx.secrets)
    expect(await fresh.keyMissing()).toBe(true)
    expect(await fresh.open(fx.file, parse)).toEqual({ status: 'unreadable', reason: expect.stringMatching(/key/) })
    await fresh.seal(fx.file, VALUE)
    expect(fx.secrets.entries.get(DATA_KEY_ACCOUNT)).not.toBe(oldKey)
    expect((await fresh.open(fx.file, parse)).status).toBe('ok')
  })
})
