/**
 * Files whose contents must not be readable on disk (token names, ids, descriptions): JSON
 * sealed with AES-256-GCM under a random key kept in the keychain, written atomically. The GCM
 * tag detects any change, truncation or wrong key. Layout: "TDSEAL1\n" | iv(12) | tag(16) | data.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { AppError } from '../app-error'
import { writeFileAtomic } from './atomic-file'
import type { DataLock } from './data-lock'
import type { SecretStore } from './secret-store'

const MAGIC = Buffer.from('TDSEAL1\n', 'ascii')
const IV_BYTES = 12
const TAG_BYTES = 16
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
  async seal(file: string, value: unknown): Promise<void> {
    const key = await this.storedKey()
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    const data = cipher.update(Buffer.from(JSON.stringify(value), 'utf8'))
    const tail = cipher.final() // empty for GCM; kept for correctness
    // Header and ciphertext as separate buffers: no copy of a multi-MB payload.
    await writeFileAtomic(file, [MAGIC, iv, cipher.getAuthTag(), data, tail])
  }

  async open<T>(file: string, parse: (json: unknown) => T | null): Promise<OpenResult<T>> {
    let bytes: Buffer
    try {
      bytes = await fs.readFile(file)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' }
      throw error
    }
    if (bytes.length < MAGIC.length + IV_BYTES + TAG_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
      return { status: 'unreadable', reason: 'it is not a Tokendesk sealed file (truncated or overwritten)' }
    }
    const cached = this.cached
    let text = cached ? decrypt(bytes, cached) : null
    if (text === null) {
      // Not yet read, or changed since (a deleted key replaced by another process): ask again.
      const stored = await this.readStored()
      if (!stored) return { status: 'unreadable', reason: 'its key is no longer in the keychain' }
      this.cached = stored
      text = cached?.equals(stored) ? null : decrypt(bytes, stored)
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

/** The plaintext, or null when the GCM tag does not verify (changed, truncated, another key). */
function decrypt(bytes: Buffer, key: Buffer): string | null {
  const iv = bytes.subarray(MAGIC.length, MAGIC.length + IV_BYTES)
  const tag = bytes.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv)
    decipher.setAuthTag(tag)
    const plain = decipher.update(bytes.subarray(MAGIC.length + IV_BYTES + TAG_BYTES))
    const tail = decipher.final() // verifies the tag; empty for GCM
    return tail.length ? Buffer.concat([plain, tail]).toString('utf8') : plain.toString('utf8')
  } catch {
    return null
  }
}

export function sealedUnavailable(cause: unknown): AppError {
  return cause instanceof AppError ? cause : new AppError('internal', 'Could not read or write an encrypted data file.', { cause })
}
