/**
 * What was done to each token from this app (the Details → Activity tab). Kept sealed on disk
 * (token ids are not to be readable in files), newest first, bounded.
 */
import path from 'node:path'
import { z } from 'zod'
import type { ActivityEntry } from '../../common/tokens'
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
  private entries: ActivityEntry[] = []
  private loaded: Promise<void> | null = null
  private writing: Promise<void> = Promise.resolve()

  constructor(
    dataDir: string,
    private readonly sealed: SealedFiles,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.file = path.join(dataDir, 'activity.sealed')
  }

  private load(): Promise<void> {
    this.loaded ??= this.sealed
      .open(this.file, (json) => {
        const parsed = fileSchema.safeParse(json)
        return parsed.success ? parsed.data : null
      })
      .then((result) => {
        if (result.status === 'ok') this.entries = result.value.entries as ActivityEntry[]
        else if (result.status === 'unreadable') this.log.warn('activity: log unreadable, starting a new one', { reason: result.reason })
      })
      .catch((error: unknown) => this.log.warn('activity: could not open the log', { error }))
    return this.loaded
  }

  async record(entry: Omit<ActivityEntry, 'at'>): Promise<ActivityEntry> {
    await this.load()
    const full: ActivityEntry = { at: this.now().toISOString(), ...entry }
    this.entries = [full, ...this.entries].slice(0, MAX_ENTRIES)
    const snapshot = this.entries
    // Saved in order; a failed save is logged, never a reason to fail the action itself.
    this.writing = this.writing
      .then(() => this.sealed.seal(this.file, { version: 1, entries: snapshot }))
      .catch((error: unknown) => this.log.warn('activity: could not save the log', { error }))
    await this.writing
    return full
  }

  async forToken(connectionId: string, tokenId: string): Promise<ActivityEntry[]> {
    await this.load()
    return this.entries.filter((e) => e.connectionId === connectionId && e.tokenId === tokenId)
  }

  async forgetConnection(connectionId: string): Promise<void> {
    await this.load()
    this.entries = this.entries.filter((e) => e.connectionId !== connectionId)
    await this.sealed.seal(this.file, { version: 1, entries: this.entries }).catch(() => undefined)
  }
}
