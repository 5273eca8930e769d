/** Crash-safe file writes and the "set aside, never overwrite" rule for unreadable files. */
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { z } from 'zod'

/** Test seam: runs between the temp file's fsync and the rename (simulates a crash there). */
export const atomicWriteHooks: { beforeRename?: (temp: string, target: string) => void | Promise<void> } = {}

/**
 * `mkdir -p` that always ends: Node's own recursive mkdir loops forever where a parent exists
 * but refuses new entries with ENOENT (e.g. under /proc).
 */
export async function ensureDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') {
      if ((await fs.stat(dir)).isDirectory()) return
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR', syscall: 'mkdir', path: dir })
    }
    const parent = path.dirname(dir)
    if (code !== 'ENOENT' || parent === dir) throw error
    await ensureDir(parent)
    await fs.mkdir(dir).catch(async (again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST' || !(await fs.stat(dir)).isDirectory()) throw again
    })
  }
}

/** The temp files of writes in progress: `<file>.tmp-<pid>-<random>`. */
export const TEMP_NAME = /\.tmp-(\d+)-[0-9a-f]+$/

/**
 * Write to a temp file in the same directory, fsync it, then rename over the target. The folder
 * is created when missing, except for `createDir: false` (a target the user chose must exist).
 * `data` may be a generator of chunks: each is written before the next is asked for, so a large
 * file is never whole in memory. A write that fails part-way removes its temp file.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array | readonly Uint8Array[] | Generator<Uint8Array>, options: { createDir?: boolean } = {}): Promise<void> {
  if (options.createDir !== false) await ensureDir(path.dirname(file))
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
  const handle = await fs.open(temp, 'w', 0o600)
  try {
    // Several buffers go out as one vectored write, without first copying them into one.
    if (Array.isArray(data)) await handle.writev(data as Uint8Array[])
    else if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data)
    else for (const chunk of data as Generator<Uint8Array>) await handle.write(chunk)
    await handle.sync()
  } catch (error) {
    await handle.close()
    await fs.rm(temp, { force: true })
    throw error
  }
  await handle.close()
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

/**
 * Temp files left in `dir` by writes that never finished: their process is gone (a crash). A
 * temp file of a live process is another writer's work in progress and is left alone.
 */
export async function sweepTemps(dir: string): Promise<void> {
  let names: string[]
  try {
    names = await fs.readdir(dir)
  } catch {
    return
  }
  const dead = names.filter((n) => {
    const pid = Number(TEMP_NAME.exec(n)?.[1] ?? NaN)
    return Number.isInteger(pid) && !processAlive(pid)
  })
  await Promise.all(dead.map((n) => fs.rm(path.join(dir, n), { force: true })))
}

/** Whether a process runs (this one always does); a temp file of a live one is work in progress. */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' // alive, someone else's
  }
}

/**
 * Rename an unreadable file to `<name>.corrupt-<time>` so it is kept for the user. Null when it
 * is already gone (another process set it aside first).
 */
export async function setAside(file: string, now: Date = new Date()): Promise<string | null> {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const target = `${file}.corrupt-${stamp}`
  try {
    await fs.rename(file, target)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
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
