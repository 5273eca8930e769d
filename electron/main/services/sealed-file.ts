/**
 * Files whose contents must not be readable on disk (token names, ids, descriptions): JSON
 * sealed with AES-256-GCM under a random key kept in the keychain, written atomically. The GCM
 * tag detects any change, truncation or wrong key.
 *
 * Written as "TDSEAL2\n" | iv(12) | data | tag(16), the header authenticated too (GCM's additional
 * data): the JSON is serialised, encrypted and written piece by piece, so a 50,000-token snapshot
 * never exists as one string or buffer (the tag, known only at the end, goes last). Read: the whole
 * file into one buffer, decrypted in place, and parsed only after the tag verified — nothing
 * unauthenticated reaches a caller. Files of the first format, "TDSEAL1\n" | iv | tag | data, are
 * still read.
 */
import { createCipheriv, createDecipheriv, randomBytes, type CipherGCM } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { AppError } from '../app-error'
import { writeFileAtomic } from './atomic-file'
import type { DataLock } from './data-lock'
import type { SecretStore } from './secret-store'

const MAGIC_V1 = Buffer.from('TDSEAL1\n', 'ascii')
const MAGIC = Buffer.from('TDSEAL2\n', 'ascii')
const IV_BYTES = 12
const TAG_BYTES = 16
/** Decrypted a slice at a time, each written back over its own ciphertext. */
const DECRYPT_SLICE = 1 << 20
/** Keychain account of the data key (beside the connection credentials). */
export const DATA_KEY_ACCOUNT = 'tokendesk:data-key'

export type OpenResult<T> =
  | { status: 'missing' }
  | { status: 'ok'; value: T }
  | { status: 'unreadable'; reason: string }

export class SealedFiles {
  /** The stored key as last read from the keychain. */
  private cached: Buffer | null = null
  /** Single flight: concurrent callers share one keychain read, and one creation. */
  private reading: Promise<Buffer | null> | null = null
  private creating: Promise<Buffer> | null = null

  /**
   * `lock`: the data folder's lock, under which a missing key is created, so that processes
   * sharing the folder cannot each make (and seal with) a key of their own.
   */
  constructor(
    private readonly secrets: SecretStore,
    private readonly lock?: DataLock,
  ) {}

  private readStored(): Promise<Buffer | null> {
    this.reading ??= this.secrets
      .get(DATA_KEY_ACCOUNT)
      .then((stored) => {
        const key = stored ? Buffer.from(stored, 'base64') : null
        return key && key.length === 32 ? key : null
      })
      .finally(() => (this.reading = null))
    return this.reading
  }

  /**
   * The key as stored in the keychain now. Made exactly once when there is none: under the data
   * folder's lock, after a second look (another process may have just made it), and re-read after
   * storing, so what seals is what the keychain holds. An existing key is never replaced.
   */
  private async storedKey(): Promise<Buffer> {
    const stored = await this.readStored()
    if (stored) return (this.cached = stored)
    // A caller already holding the folder's lock must not join a creation started outside it:
    // that one waits for the lock this caller holds. It creates (or finds) the key itself, under
    // the lock it has; the other then finds the key on its second look.
    if (this.lock?.holding()) return this.createKey()
    this.creating ??= this.createKey().finally(() => (this.creating = null))
    return this.creating
  }

  private async createKey(): Promise<Buffer> {
    const create = async (): Promise<Buffer> => {
      const existing = await this.readStored()
      if (existing) return existing
      await this.secrets.set(DATA_KEY_ACCOUNT, randomBytes(32).toString('base64'))
      const back = await this.readStored()
      if (!back) throw new AppError('keychain_unavailable', 'The keychain did not keep the key that protects the offline copies; nothing was saved.')
      return back
    }
    const key = await (this.lock ? this.lock.run(create) : create())
    return (this.cached = key)
  }

  /** True when the keychain holds no data key (it was deleted, or never made). */
  async keyMissing(): Promise<boolean> {
    return (await this.readStored()) === null
  }

  /** Forget the cached key (after it was found missing, so a fresh one is made). */
  resetKey(): void {
    this.cached = null
  }

  /** Seal `value` into `file` with the key the keychain holds right now (never a stale copy). */
  seal(file: string, value: unknown): Promise<void> {
    return this.sealJson(file, [JSON.stringify(value)])
  }

  /**
   * Seal JSON given as consecutive pieces of its text (see `jsonPieces`), each encrypted and
   * written as it is produced: memory holds one piece, never the whole document.
   */
  async sealJson(file: string, pieces: Iterable<string>): Promise<void> {
    const key = await this.storedKey()
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    cipher.setAAD(MAGIC)
    await writeFileAtomic(file, sealedChunks(cipher, iv, pieces))
  }

  async open<T>(file: string, parse: (json: unknown) => T | null): Promise<OpenResult<T>> {
    const read = async (): Promise<Buffer | null> => {
      try {
        return await fs.readFile(file)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    }
    let bytes = await read()
    if (!bytes) return { status: 'missing' }
    if (!layoutOf(bytes)) return { status: 'unreadable', reason: 'it is not a Tokendesk sealed file (truncated or overwritten)' }
    const cached = this.cached
    let text = cached ? decryptInPlace(bytes, cached) : null
    if (text === null) {
      // Not yet read, or changed since (a deleted key replaced by another process): ask again.
      const stored = await this.readStored()
      if (!stored) return { status: 'unreadable', reason: 'its key is no longer in the keychain' }
      this.cached = stored
      if (cached && !cached.equals(stored)) {
        // The first try decrypted over the bytes it read: read them again for the second key.
        bytes = await read()
        if (!bytes) return { status: 'missing' }
      }
      text = cached?.equals(stored) ? null : decryptInPlace(bytes, stored)
    }
    if (text === null) return { status: 'unreadable', reason: 'it was changed, damaged, or sealed with another key' }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      return { status: 'unreadable', reason: 'its contents are not valid' }
    }
    const value = parse(json)
    return value === null ? { status: 'unreadable', reason: 'it has an unknown format or version' } : { status: 'ok', value }
  }
}

/** Header, ciphertext piece by piece, tag: produced lazily, as the atomic writer asks for them. */
function* sealedChunks(cipher: CipherGCM, iv: Buffer, pieces: Iterable<string>): Generator<Uint8Array> {
  yield Buffer.concat([MAGIC, iv])
  for (const piece of pieces) {
    const data = cipher.update(piece, 'utf8')
    if (data.length) yield data
  }
  const tail = cipher.final() // empty for GCM; kept for correctness
  if (tail.length) yield tail
  yield cipher.getAuthTag()
}

interface Layout {
  aad: Buffer | null
  iv: Buffer
  tag: Buffer
  start: number
  end: number
}

/** Where iv, tag and ciphertext sit, by the file's magic; null for anything else. */
function layoutOf(bytes: Buffer): Layout | null {
  if (bytes.length < MAGIC.length + IV_BYTES + TAG_BYTES) return null
  const magic = bytes.subarray(0, MAGIC.length)
  const ivAt = MAGIC.length
  if (magic.equals(MAGIC)) {
    return { aad: MAGIC, iv: bytes.subarray(ivAt, ivAt + IV_BYTES), tag: bytes.subarray(bytes.length - TAG_BYTES), start: ivAt + IV_BYTES, end: bytes.length - TAG_BYTES }
  }
  if (magic.equals(MAGIC_V1)) {
    return { aad: null, iv: bytes.subarray(ivAt, ivAt + IV_BYTES), tag: bytes.subarray(ivAt + IV_BYTES, ivAt + IV_BYTES + TAG_BYTES), start: ivAt + IV_BYTES + TAG_BYTES, end: bytes.length }
  }
  return null
}

/**
 * The plaintext, or null when the GCM tag does not verify (changed, truncated, another key).
 * Decrypts over the ciphertext in `bytes` (no second file-sized buffer); the text is made only
 * once the tag has verified, so no unauthenticated byte is ever returned.
 */
function decryptInPlace(bytes: Buffer, key: Buffer): string | null {
  const layout = layoutOf(bytes)
  if (!layout) return null
  // The tag is copied: in the second format it sits right after the text being overwritten.
  const tag = Buffer.from(layout.tag)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, layout.iv)
    if (layout.aad) decipher.setAAD(layout.aad)
    decipher.setAuthTag(tag)
    let written = layout.start
    for (let at = layout.start; at < layout.end; at += DECRYPT_SLICE) {
      written += decipher.update(bytes.subarray(at, Math.min(layout.end, at + DECRYPT_SLICE))).copy(bytes, written)
    }
    const tail = decipher.final() // verifies the tag; empty for GCM
    written += tail.copy(bytes, written)
    return bytes.toString('utf8', layout.start, written)
  } catch {
    return null
  }
}
