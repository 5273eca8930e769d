/**
 * One writer at a time per data folder, across processes (the app and any number of CLIs).
 *
 * The lock is `tokendesk.lock` in the data folder, made and kept by proper-lockfile: a directory
 * created with mkdir (atomic on every file system we support), its mtime touched while held; a
 * lock whose owner died (not touched for `staleMs`) is taken over. Every change to a shared file is
 * read-merge-write inside the lock: re-read the file, apply the one change, write atomically.
 * Readers never take it: files are only ever replaced by an atomic rename.
 *
 * In one process, callers queue on a promise chain; a task already inside the lock (the same
 * async context, tracked by AsyncLocalStorage) runs at once, so nested locked steps (sealing a
 * file that first needs the data key) cannot deadlock.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import path from 'node:path'
import lockfile from 'proper-lockfile'
import { AppError } from '../app-error'
import { ensureDir } from './atomic-file'
import type { Logger } from './logger'

export const LOCK_NAME = 'tokendesk.lock'

export interface DataLockOptions {
  /** A lock not refreshed for this long belongs to a dead process and is taken over (≥ 2,000). */
  staleMs?: number
  /** How long to wait for a busy lock before giving up. */
  waitMs?: number
  log?: Logger
}

export const DEFAULT_STALE_MS = 10_000
const DEFAULT_WAIT_MS = 30_000

export class DataLock {
  readonly lockPath: string
  private chain: Promise<unknown> = Promise.resolve()
  private readonly inside = new AsyncLocalStorage<true>()

  constructor(
    readonly dir: string,
    private readonly options: DataLockOptions = {},
  ) {
    this.lockPath = path.join(dir, LOCK_NAME)
  }

  /** True inside a task that holds the lock (in this async context). */
  holding(): boolean {
    return this.inside.getStore() === true
  }

  /** Run `task` holding the data folder's lock. */
  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.inside.getStore()) return task()
    const turn = this.chain.then(() => this.hold(task))
    this.chain = turn.catch(() => undefined)
    return turn
  }

  /**
   * proper-lockfile takes the lock (or a stale one over); this loop waits while another process
   * holds it — short, growing, jittered waits: a writer holds it for milliseconds. Any other
   * error (the folder refuses writes) ends at once.
   */
  private async acquire(staleMs: number, waitMs: number): Promise<() => Promise<void>> {
    const deadline = Date.now() + waitMs
    for (let attempt = 0; ; attempt++) {
      try {
        return await lockfile.lock(this.dir, {
          lockfilePath: this.lockPath,
          realpath: false,
          stale: staleMs,
          // The default throws from a timer (a crash); a lost lock is logged, the write still atomic.
          onCompromised: (error) => this.options.log?.warn('data-lock: lock lost while held', { error }),
        })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
        if (Date.now() >= deadline) {
          throw new AppError('unavailable', `Another Tokendesk kept the data folder ${this.dir} busy for ${Math.round(waitMs / 1000)} s; nothing was changed. Try again.`)
        }
        const wait = Math.min(250, 10 * 1.4 ** attempt) * (1 + Math.random())
        await new Promise((resolve) => setTimeout(resolve, Math.min(wait, Math.max(1, deadline - Date.now()))))
      }
    }
  }

  private async hold<T>(task: () => Promise<T>): Promise<T> {
    await ensureDir(this.dir)
    const staleMs = this.options.staleMs ?? DEFAULT_STALE_MS
    const waitMs = this.options.waitMs ?? Math.max(DEFAULT_WAIT_MS, staleMs * 2)
    const release = await this.acquire(staleMs, waitMs)
    try {
      return await this.inside.run(true, task)
    } finally {
      await release().catch((error: unknown) => this.options.log?.warn('data-lock: release failed', { error }))
    }
  }
}
