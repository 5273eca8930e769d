/**
 * The data folder's cross-process lock: writers never interleave, a lock left by a killed process
 * is taken over, a live one is waited for and then reported, nested steps do not deadlock.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DataLock, LOCK_NAME } from '../../../../electron/main/services/data-lock'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

const LOCKFILE_MODULE = createRequire(import.meta.url).resolve('proper-lockfile')

/** Another process takes the lock exactly as Tokendesk does, then waits to be killed. */
function holdLockInChild(dir: string): Promise<{ kill: () => Promise<void> }> {
  const script = `require(${JSON.stringify(LOCKFILE_MODULE)}).lock(${JSON.stringify(dir)}, { lockfilePath: ${JSON.stringify(path.join(dir, LOCK_NAME))}, realpath: false, stale: 2000 }).then(() => { console.log('locked'); setInterval(() => {}, 1000) })`
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () =>
      resolve({
        kill: () =>
          new Promise((done) => {
            child.once('exit', () => done())
            child.kill('SIGKILL') // no exit handler runs: the lock directory stays behind
          }),
      }),
    )
    child.once('exit', (code) => reject(new Error(`lock holder exited early (${code})`)))
  })
}

describe('DataLock', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(() => removeDir(dir))

  it('lets one writer at a time through, across separate lock holders on one folder', async () => {
    const file = path.join(dir, 'counter')
    await writeFile(file, '0')
    // Two instances do not share the in-process queue: only the lock directory separates them.
    const a = new DataLock(dir)
    const b = new DataLock(dir)
    const increment = (lock: DataLock) =>
      lock.run(async () => {
        const n = Number(await readFile(file, 'utf8'))
        await new Promise((r) => setImmediate(r))
        await writeFile(file, String(n + 1))
      })
    await Promise.all(Array.from({ length: 20 }, (_, i) => increment(i % 2 ? a : b)))
    expect(await readFile(file, 'utf8')).toBe('20')
    expect(existsSync(path.join(dir, LOCK_NAME))).toBe(false)
  })

  it('takes over a lock left behind by a killed process', async () => {
    const holder = await holdLockInChild(dir)
    await holder.kill()
    expect(existsSync(path.join(dir, LOCK_NAME))).toBe(true)
    const ran = await new DataLock(dir, { staleMs: 2000 }).run(async () => 'ran')
    expect(ran).toBe('ran')
    expect(existsSync(path.join(dir, LOCK_NAME))).toBe(false)
  }, 20_000)

  it('waits for a live holder, then says the folder is busy and changes nothing', async () => {
    const holder = await holdLockInChild(dir)
    try {
      let ran = false
      const error = await new DataLock(dir, { staleMs: 2000, waitMs: 600 })
        .run(async () => {
          ran = true
        })
        .catch((e: unknown) => e)
      expect(ran).toBe(false)
      expect(error).toMatchObject({ kind: 'unavailable', message: expect.stringContaining(dir) })
    } finally {
      await holder.kill()
    }
  }, 20_000)

  it('runs a nested locked step at once instead of deadlocking', async () => {
    const lock = new DataLock(dir)
    expect(await lock.run(() => lock.run(async () => 'inner'))).toBe('inner')
  })

  it.runIf(existsSync('/sys/kernel'))('a folder that refuses writes fails at once, not after the wait for a busy lock', async () => {
    await expect(new DataLock('/sys/kernel', { waitMs: 60_000 }).run(async () => undefined)).rejects.toMatchObject({ code: expect.stringMatching(/^(EPERM|EACCES|EROFS)$/) })
  }, 5_000)

  it('reports a data folder that is a file as the operating system does', async () => {
    const file = path.join(dir, 'not-a-folder')
    await writeFile(file, '')
    await expect(new DataLock(file).run(async () => undefined)).rejects.toMatchObject({ code: 'ENOTDIR', path: file })
  })
})
