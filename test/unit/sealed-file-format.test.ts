/**
 * The streamed sealed format ("TDSEAL2": tag last, header authenticated) and the first format
 * ("TDSEAL1": tag after the iv), which snapshots written by earlier versions still use.
 */
import { createCipheriv, randomBytes } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Token } from '../../electron/common/tokens'
import { DATA_KEY_ACCOUNT, SealedFiles } from '../../electron/main/services/sealed-file'
import { snapshotJson } from '../../electron/main/services/snapshot-store'
import { MemorySecretStore } from '../fakes/memory-secret-store'
import { makeTempDir, removeDir } from '../support/temp-dir'

const VALUE = { version: 1, names: ['Billing export – SAP', 'TKN-1234-5678', '\u202Egnp.exe'] }
const parse = (json: unknown) => json as typeof VALUE

/** A file as the first format wrote it: "TDSEAL1\n" | iv | tag | ciphertext, no additional data. */
function sealV1(value: unknown, key: Buffer): Buffer {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()])
  return Buffer.concat([Buffer.from('TDSEAL1\n'), iv, cipher.getAuthTag(), data])
}

describe('sealed file format', () => {
  let dir: string
  let file: string
  let secrets: MemorySecretStore
  let sealed: SealedFiles
  beforeEach(async () => {
    dir = await makeTempDir()
    file = path.join(dir, 'x.sealed')
    secrets = new MemorySecretStore()
    sealed = new SealedFiles(secrets)
  })
  afterEach(() => removeDir(dir))

  it('writes the streamed format: magic, iv, ciphertext, tag', async () => {
    await sealed.seal(file, VALUE)
    const bytes = await readFile(file)
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('TDSEAL2\n')
    expect(bytes.length).toBe(8 + 12 + Buffer.byteLength(JSON.stringify(VALUE)) + 16)
  })

  it('still opens files of the first format', async () => {
    await sealed.seal(path.join(dir, 'makes-the-key.sealed'), {})
    const key = Buffer.from(secrets.entries.get(DATA_KEY_ACCOUNT)!, 'base64')
    await writeFile(file, sealV1(VALUE, key))
    expect(await new SealedFiles(secrets).open(file, parse)).toEqual({ status: 'ok', value: VALUE })
  })

  it('authenticates the header: a streamed file relabelled as the first format does not open', async () => {
    await sealed.seal(file, VALUE)
    const bytes = await readFile(file)
    bytes.write('TDSEAL1\n', 0, 'latin1')
    await writeFile(file, bytes)
    expect((await sealed.open(file, parse)).status).toBe('unreadable')
  })

  it('does not open a first-format file whose tag or data were changed', async () => {
    await sealed.seal(path.join(dir, 'makes-the-key.sealed'), {})
    const key = Buffer.from(secrets.entries.get(DATA_KEY_ACCOUNT)!, 'base64')
    const bytes = sealV1(VALUE, key)
    bytes[bytes.length - 1]! ^= 1
    await writeFile(file, bytes)
    expect((await sealed.open(file, parse)).status).toBe('unreadable')
  })

  it('opens with the key the keychain holds when the one it had read was replaced meanwhile', async () => {
    await sealed.seal(file, VALUE)
    // Another process: the key deleted and a fresh one made, this file sealed again with it.
    secrets.entries.delete(DATA_KEY_ACCOUNT)
    const other = new SealedFiles(secrets)
    await other.seal(file, { ...VALUE, version: 2 })
    // The first try (the stale cached key) decrypts over what it read; the second must re-read.
    expect(await sealed.open(file, parse)).toEqual({ status: 'ok', value: { ...VALUE, version: 2 } })
  })

  it('seals JSON handed over in pieces exactly as the whole', async () => {
    await sealed.sealJson(file, ['{"version":1,', '"names":["Billing export – SAP",', '"TKN-1234-5678","\u202Egnp.exe"]}'])
    expect(await sealed.open(file, parse)).toEqual({ status: 'ok', value: VALUE })
  })

  it('leaves the file it replaces, and no temp file, when the JSON fails part-way', async () => {
    await sealed.seal(file, VALUE)
    function* failing(): Generator<string> {
      yield '{"version":2,'
      throw new Error('serialising failed')
    }
    await expect(sealed.sealJson(file, failing())).rejects.toThrow('serialising failed')
    expect(await readdir(dir)).toEqual(['x.sealed'])
    expect(await sealed.open(file, parse)).toEqual({ status: 'ok', value: VALUE })
  })
})

describe('snapshotJson', () => {
  const token = (i: number): Token => ({
    key: `c/${i}`, connectionId: 'c', provider: 'mpt', id: `TKN-${i}`, name: `n “${i}” \u2028 \\`, description: i % 2 ? null : 'd', status: 'active',
    createdAt: null, createdBy: null, updatedAt: null, lastUsedAt: null, expiresAt: null, scope: [], isOwnCredential: false, vendor: {},
  })

  it('is, joined, exactly JSON.stringify of the envelope, whatever the number of tokens', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom(499, 500, 501, 1000, 1001)), fc.string(), (n, refreshedAt) => {
        const tokens = Array.from({ length: n }, (_, i) => token(i))
        const whole = JSON.stringify({ version: 1, connectionId: 'c"\\', refreshedAt, tokens })
        expect([...snapshotJson('c"\\', refreshedAt, tokens)].join('')).toBe(whole)
      }),
      { numRuns: 60 },
    )
  })
})
