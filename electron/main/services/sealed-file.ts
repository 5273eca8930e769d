/**
 * Files whose contents must not be readable on disk (token names, ids, descriptions): JSON
 * sealed with AES-256-GCM under a random key kept in the keychain, written atomically. The GCM
 * tag detects any change, truncation or wrong key. Layout: "TDSEAL1\n" | iv(12) | tag(16) | data.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { AppError } from '../app-error'
import { writeFileAtomic } from './atomic-file'
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
  private key: Promise<Buffer> | null = null

  constructor(private readonly secrets: SecretStore) {}

  /** The data key; created on first use. A key that was deleted is replaced by a fresh one. */
  private dataKey(createIfMissing: boolean): Promise<Buffer | null> {
    if (this.key) return this.key
    return (async () => {
      const stored = await this.secrets.get(DATA_KEY_ACCOUNT)
      if (stored && Buffer.from(stored, 'base64').length === 32) {
        this.key = Promise.resolve(Buffer.from(stored, 'base64'))
        return this.key
      }
      if (!createIfMissing) return null
      const fresh = randomBytes(32)
      await this.secrets.set(DATA_KEY_ACCOUNT, fresh.toString('base64'))
      this.key = Promise.resolve(fresh)
      return this.key
    })()
  }

  /** True when the keychain holds no data key (it was deleted, or never made). */
  async keyMissing(): Promise<boolean> {
    return (await this.dataKey(false)) === null
  }

  /** Forget the cached key (after it was found missing, so a fresh one is made). */
  resetKey(): void {
    this.key = null
  }

  async seal(file: string, value: unknown): Promise<void> {
    const key = (await this.dataKey(true))!
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
    const key = await this.dataKey(false)
    if (!key) return { status: 'unreadable', reason: 'its key is no longer in the keychain' }
    const iv = bytes.subarray(MAGIC.length, MAGIC.length + IV_BYTES)
    const tag = bytes.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES)
    let text: string
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv)
      decipher.setAuthTag(tag)
      const plain = decipher.update(bytes.subarray(MAGIC.length + IV_BYTES + TAG_BYTES))
      const tail = decipher.final() // verifies the tag; empty for GCM
      text = tail.length ? Buffer.concat([plain, tail]).toString('utf8') : plain.toString('utf8')
    } catch {
      return { status: 'unreadable', reason: 'it was changed, damaged, or sealed with another key' }
    }
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

export function sealedUnavailable(cause: unknown): AppError {
  return cause instanceof AppError ? cause : new AppError('internal', 'Could not read or write an encrypted data file.', { cause })
}
