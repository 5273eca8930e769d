/**
 * The streamed sealed format ("TDSEAL2": tag last, header authenticated) and the first format
 * ("TDSEAL1": tag after the iv), which snapshots written by earlier versions still use.
 */
import { createCipheriv, randomBytes } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Token } from '../../../../electron/common/tokens'
import { DATA_KEY_ACCOUNT, SealedFiles } from '../../../../electron/main/services/sealed-file'
import { snapshotJson } from '../../../../electron/main/services/snapshot-store'
import { useSealedFiles } from '../../../support/sealed-fixture'

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
  const fx = useSealedFiles()

  it('writes the streamed format: magic, iv, ciphertext, tag', async () => {
    await fx.sealed.seal(fx.file, VALUE)
    const bytes = await readFile(fx.file)
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('TDSEAL2\n')
    expect(bytes.length).toBe(8 + 12 + Buffer.byteLength(JSON.stringify(VALUE)) + 16)
  })

  it('still opens files of the first format', async () => {
    await fx.sealed.seal(path.join(fx.dir, 'makes-the-key.sealed'), {})
    const key = Buffer.from(fx.secrets.entries.get(DATA_KEY_ACCOUNT)!, 'base64')
    await writeFile(fx.file, sealV1(VALUE, key))
    expect(await new SealedFiles(fx.secrets).open(fx.file, parse)).toEqual({ status: 'ok', value: VALUE })
  })

  it('authenticates the header: a streamed file relabelled as the first format does not open', async () => {
    await fx.sealed.seal(fx.file, VALUE)
    const bytes = await readFile(fx.file)
    bytes.write('TDSEAL1\n', 0, 'latin1')
    await writeFile(fx.file, bytes)
    expect((await fx.sealed.open(fx.file, parse)).status).toBe('unreadable')
  })

  it('does not open a first-format file whose tag or data were changed', async () => {
    await fx.sealed.seal(path.join(fx.dir, 'makes-the-key.sealed'), {})
    const key = Buffer.from(fx.secrets.entries.get(DATA_KEY_ACCOUNT)!, 'base64')
    const bytes = sealV1(VALUE, key)
    bytes[bytes.length - 1]! ^= 1
    await writeFile(fx.file, bytes)
    expect((await fx.sealed.open(fx.file, parse)).status).toBe('unreadable')
  })

  it('opens with the key the keychain holds when the one it had read was replaced meanwhile', async () => {
    await fx.sealed.seal(fx.file, VALUE)
    // Another process: the key deleted and a fresh one made, this file sealed again with it.
    fx.secrets.entries.delete(DATA_KEY_ACCOUNT)
    const other = new SealedFiles(fx.secrets)
    await other.seal(fx.file, { ...VALUE, version: 2 })
    // The first try (the stale cached key) decrypts over what it read; the second must re-read.
    expect(await fx.sealed.open(fx.file, parse)).toEqual({ status: 'ok', value: { ...VALUE, version: 2 } })
  })

  it('seals JSON handed over in pieces exactly as the whole', async () => {
    await fx.sealed.sealJson(fx.file, ['{"version":1,', '"names":["Billing export – SAP",', '"TKN-1234-5678","\u202Egnp.exe"]}'])
    expect(await fx.sealed.open(fx.file, parse)).toEqual({ status: 'ok', value: VALUE })
  })

  it('leaves the file it replaces, and no temp file, when the JSON fails part-way', async () => {
    await fx.sealed.seal(fx.file, VALUE)
    function* failing(): Generator<string> {
      yield '{"version":2,'
      throw new Error('serialising failed')
    }
    await expect(fx.sealed.sealJson(fx.file, failing())).rejects.toThrow('serialising failed')
    expect(await readdir(fx.dir)).toEqual(['x.sealed'])
    expect(await fx.sealed.open(fx.file, parse)).toEqual({ status: 'ok', value: VALUE })
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
