/** Crash-safe file writes and the "set aside, never overwrite" rule for unreadable files. */
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { z } from 'zod'

/** Test seam: runs between the temp file's fsync and the rename (simulates a crash there). */
export const atomicWriteHooks: { beforeRename?: (temp: string, target: string) => void | Promise<void> } = {}

/** Write to a temp file in the same directory, fsync it, then rename over the target. */
export async function writeFileAtomic(file: string, data: string | Uint8Array | readonly Uint8Array[]): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true })
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
  const handle = await fs.open(temp, 'w', 0o600)
  try {
    // Several buffers go out as one vectored write, without first copying them into one.
    if (Array.isArray(data)) await handle.writev(data as Uint8Array[])
    else await handle.writeFile(data as string | Uint8Array)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await atomicWriteHooks.beforeRename?.(temp, file)
  try {
    await fs.rename(temp, file)
  } catch (error) {
    await fs.rm(temp, { force: true })
    throw error
  }
  // Make the rename itself durable where the platform allows syncing a directory.
  if (process.platform !== 'win32') {
    const dir = await fs.open(path.dirname(file), 'r').catch(() => null)
    await dir?.sync().catch(() => undefined)
    await dir?.close()
  }
}

/** Rename an unreadable file to `<name>.corrupt-<time>` so it is kept for the user. */
export async function setAside(file: string, now: Date = new Date()): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const target = `${file}.corrupt-${stamp}`
  await fs.rename(file, target)
  return target
}

export type ReadResult<T> =
  | { status: 'missing' }
  | { status: 'ok'; value: T }
  | { status: 'corrupt'; reason: string }

/** Read and validate a JSON file. Never throws for bad content: it reports it. */
export async function readJsonFile<T>(file: string, schema: z.ZodType<T>): Promise<ReadResult<T>> {
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' }
    throw error
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { status: 'corrupt', reason: 'it is not valid JSON' }
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const version = (json as { version?: unknown } | null)?.version
    if (typeof version === 'number' && version > 1) {
      return { status: 'corrupt', reason: `it was written by a newer Tokendesk (format ${version})` }
    }
    return { status: 'corrupt', reason: 'its contents are not in the expected format' }
  }
  return { status: 'ok', value: parsed.data }
}
