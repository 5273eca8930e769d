/**
 * What was done to each token from this app (the Details → Activity tab). Kept sealed on disk
 * (token ids are not to be readable in files), newest first, bounded. Read fresh each time and
 * changed read-merge-write under the data folder's lock, so no process overwrites another's entries.
 * A log that cannot be read is set aside (kept, never overwritten) and the user told once, on the
 * notice board (the window's notice, the CLI's stderr): never a silently empty Activity tab.
 */
import path from 'node:path'
import { z } from 'zod'
import type { Notice } from '../../common/model'
import type { ActivityEntry } from '../../common/tokens'
import { setAside } from './atomic-file'
import { DataLock } from './data-lock'
import type { Logger } from './logger'
import type { SealedFiles } from './sealed-file'

const MAX_ENTRIES = 5000
const fileSchema = z.object({
  version: z.literal(1),
  entries: z.array(
    z.object({
      at: z.string(),
      connectionId: z.string(),
      tokenId: z.string(),
      action: z.string(),
      outcome: z.enum(['ok', 'error']),
      detail: z.string().nullable(),
    }),
  ),
})

export class ActivityLog {
  readonly file: string

  constructor(
    dataDir: string,
    private readonly sealed: SealedFiles,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
    private readonly lock: DataLock = new DataLock(dataDir, { log }),
    private readonly post?: (notice: Notice) => void,
  ) {
    this.file = path.join(dataDir, 'activity.sealed')
  }

  private async open(): Promise<ActivityEntry[] | { unreadable: string }> {
    const result = await this.sealed.open(this.file, (json) => {
      const parsed = fileSchema.safeParse(json)
      return parsed.success ? parsed.data : null
    })
    if (result.status === 'ok') return result.value.entries as ActivityEntry[]
    return result.status === 'missing' ? [] : { unreadable: result.reason }
  }

  /** The entries on disk; an unreadable log is set aside and told, under the lock (re-entrant). */
  private async read(): Promise<ActivityEntry[]> {
    const first = await this.open()
    if (Array.isArray(first)) return first
    const setAsideNow = async (): Promise<ActivityEntry[]> => {
      const again = await this.open() // a writer may just have replaced it
      if (Array.isArray(again)) return again
      const kept = await setAside(this.file, this.now())
      this.log.warn('activity: log unreadable, set aside; starting a new one', { reason: again.unreadable, kept: kept && path.basename(kept) })
      if (kept) {
        this.post?.({
          id: `activity-corrupt-${path.basename(kept)}`,
          severity: 'warning',
          message:
            `The activity log (what was done to each token from Tokendesk) could not be read because ${again.unreadable}; Tokendesk starts a new one and kept the old file as ${path.basename(kept)}. ` +
            'A token’s Activity shows only what is done from now on.',
        })
      }
      return []
    }
    return this.lock.run(setAsideNow)
  }

  /** Read-merge-write under the data folder's lock; an unreadable log is set aside, never overwritten. */
  private change(edit: (entries: ActivityEntry[]) => ActivityEntry[]): Promise<void> {
    return this.lock.run(async () => {
      const entries = await this.read()
      await this.sealed.seal(this.file, { version: 1, entries: edit(entries).slice(0, MAX_ENTRIES) })
    })
  }

  async record(entry: Omit<ActivityEntry, 'at'>): Promise<ActivityEntry> {
    const full: ActivityEntry = { at: this.now().toISOString(), ...entry }
    // A failed save is logged, never a reason to fail the action itself.
    await this.change((entries) => [full, ...entries]).catch((error: unknown) => this.log.warn('activity: could not save the log', { error }))
    return full
  }

  async forToken(connectionId: string, tokenId: string): Promise<ActivityEntry[]> {
    const entries = await this.read().catch((error: unknown) => {
      this.log.warn('activity: could not open the log', { error })
      return []
    })
    return entries.filter((e) => e.connectionId === connectionId && e.tokenId === tokenId)
  }

  async forgetConnection(connectionId: string): Promise<void> {
    await this.change((entries) => entries.filter((e) => e.connectionId !== connectionId)).catch(() => undefined)
  }
}
