/**
 * What was done to each token from this app (the Details → Activity tab). Kept sealed on disk
 * (token ids are not to be readable in files), newest first, bounded. Read fresh each time and
 * changed read-merge-write under the data folder's lock, so no process overwrites another's entries.
 */
import path from 'node:path'
import { z } from 'zod'
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
  ) {
    this.file = path.join(dataDir, 'activity.sealed')
  }

  private async read(): Promise<ActivityEntry[] | 'unreadable'> {
    const result = await this.sealed.open(this.file, (json) => {
      const parsed = fileSchema.safeParse(json)
      return parsed.success ? parsed.data : null
    })
    if (result.status === 'ok') return result.value.entries as ActivityEntry[]
    return result.status === 'missing' ? [] : 'unreadable'
  }

  /** Read-merge-write under the data folder's lock; an unreadable log is set aside, never overwritten. */
  private change(edit: (entries: ActivityEntry[]) => ActivityEntry[]): Promise<void> {
    return this.lock.run(async () => {
      let entries = await this.read()
      if (entries === 'unreadable') {
        const kept = await setAside(this.file, this.now())
        this.log.warn('activity: log unreadable, set aside; starting a new one', { kept: kept && path.basename(kept) })
        entries = []
      }
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
    return entries === 'unreadable' ? [] : entries.filter((e) => e.connectionId === connectionId && e.tokenId === tokenId)
  }

  async forgetConnection(connectionId: string): Promise<void> {
    await this.change((entries) => entries.filter((e) => e.connectionId !== connectionId)).catch(() => undefined)
  }
}
