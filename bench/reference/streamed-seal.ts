/**
 * The snapshot reference: the least a sealed write and read can cost here. The JSON in batches of
 * tokens, each encrypted (AES-256-GCM) and written as it comes, the tag last, temp file + fsync +
 * rename; read back whole, decrypted in one call, parsed. No key handling, checks or set-aside.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'

const BATCH = 500

export async function streamedSeal(file: string, key: Buffer, head: Record<string, unknown>, tokens: unknown[]): Promise<void> {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const temp = `${file}.tmp`
  const handle = await fs.open(temp, 'w', 0o600)
  await handle.write(iv)
  await handle.write(cipher.update(`${JSON.stringify(head).slice(0, -1)},"tokens":[`, 'utf8'))
  for (let i = 0; i < tokens.length; i += BATCH) {
    await handle.write(cipher.update(`${i ? ',' : ''}${JSON.stringify(tokens.slice(i, i + BATCH)).slice(1, -1)}`, 'utf8'))
  }
  await handle.write(Buffer.concat([cipher.update(']}', 'utf8'), cipher.final(), cipher.getAuthTag()]))
  await handle.sync()
  await handle.close()
  await fs.rename(temp, file)
}

export async function streamedOpen(file: string, key: Buffer): Promise<unknown> {
  const bytes = await fs.readFile(file)
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12))
  decipher.setAuthTag(bytes.subarray(bytes.length - 16))
  const plain = decipher.update(bytes.subarray(12, bytes.length - 16))
  decipher.final()
  return JSON.parse(plain.toString('utf8'))
}
