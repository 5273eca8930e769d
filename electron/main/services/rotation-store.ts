/**
 * The rotations under way and done, sealed on disk (`rotations.sealed`: token ids and names are
 * not to be readable in files; never a secret) and changed read-merge-write under the data
 * folder's lock, so the app and a CLI rotating at the same time keep each other's records.
 * A record is written before each vendor call and after it, so a crash leaves a state to resume.
 */
import path from 'node:path'
import { z } from 'zod'
import type { Notice } from '../../common/model'
import { ROTATION_STATES, ROTATION_STEPS, type Rotation } from '../../common/rotation'
import { VENDOR_ACTIONS } from '../../common/vendors/descriptor'
import { AppError } from '../app-error'
import { setAside } from './atomic-file'
import type { DataLock } from './data-lock'
import type { Logger } from './logger'
import type { OpenResult, SealedFiles } from './sealed-file'

export const ROTATIONS_FILE = 'rotations.sealed'

/** Finished and rolled-back rotations kept for the record (newest first). */
const MAX_CLOSED = 500

const action = z.enum(VENDOR_ACTIONS as [string, ...string[]])
const rotationSchema = z.object({
  id: z.string(),
  connectionId: z.string(),
  oldId: z.string(),
  oldName: z.string().nullable(),
  successorId: z.string().nullable(),
  state: z.enum(ROTATION_STATES),
  step: z.enum(ROTATION_STEPS).nullable(),
  pid: z.number().int().nullable(),
  selfRotation: z.boolean(),
  secretTo: z.enum(['keychain', 'handed-over', 'memory']).nullable(),
  overlapUntil: z.string().nullable(),
  plan: z.object({ retire: action.nullable(), finish: action.nullable(), byHand: z.boolean(), portalUrl: z.string() }),
  startedAt: z.string(),
  updatedAt: z.string(),
  note: z.string().nullable(),
  // Added later: records written before load without them.
  handedOverTo: z.string().nullable().default(null),
  leftBehind: z.object({ tokenId: z.string().nullable(), createdAround: z.string() }).nullable().default(null),
})
const fileSchema = z.object({ version: z.literal(1), rotations: z.array(rotationSchema) })

export class RotationStore {
  readonly file: string

  constructor(
    dataDir: string,
    private readonly deps: { sealed: SealedFiles; lock: DataLock; log: Logger; post?: (notice: Notice) => void; now?: () => Date },
  ) {
    this.file = path.join(dataDir, ROTATIONS_FILE)
  }

  private open(): Promise<OpenResult<z.infer<typeof fileSchema>>> {
    return this.deps.sealed.open(this.file, (json) => {
      const parsed = fileSchema.safeParse(json)
      return parsed.success ? parsed.data : null
    })
  }

  /**
   * The records on disk. A file that cannot be read is set aside (re-read under the lock first: a
   * writer may just have replaced it) and the user told — never a silent empty list, since an open
   * rotation may have a live successor, or an old token not yet retired, at the vendor.
   */
  private async read(): Promise<Rotation[]> {
    const records = (r: OpenResult<z.infer<typeof fileSchema>>): Rotation[] => (r.status === 'ok' ? (r.value.rotations as Rotation[]) : [])
    const first = await this.open()
    if (first.status !== 'unreadable') return records(first)
    return this.deps.lock.run(async () => {
      const result = await this.open()
      if (result.status !== 'unreadable') return records(result)
      const kept = await setAside(this.file, this.deps.now?.() ?? new Date())
      this.deps.log.warn('rotations: file unreadable, set aside', { reason: result.reason, kept: kept && path.basename(kept) })
      if (kept) {
        this.deps.post?.({
          id: `rotations-corrupt-${path.basename(kept)}`,
          severity: 'warning',
          message:
            `The record of rotations could not be read because ${result.reason}; Tokendesk starts a new one and kept the old file as ${path.basename(kept)}. ` +
            'A rotation that was under way is no longer tracked: check its connection for a new token nothing uses, or an old token still to retire.',
        })
      }
      return []
    })
  }

  /** Every rotation, newest first (none from a file that could not be read: set aside, and the user told). */
  list(): Promise<Rotation[]> {
    return this.read()
  }

  async get(id: string): Promise<Rotation> {
    const found = (await this.list()).find((r) => r.id === id)
    if (!found) throw new AppError('not_found', 'No such rotation: it may have been removed with its connection.')
    return found
  }

  /**
   * Add or change one record, read-merge-write under the lock; returns it as stored. `change` sees
   * every record as the file has it now (a check made there, e.g. "no other open rotation of this
   * token", holds against another process too); an error it throws writes nothing.
   */
  async put(id: string, change: (current: Rotation | undefined, all: readonly Rotation[]) => Rotation): Promise<Rotation> {
    return this.deps.lock.run(async () => {
      // An unreadable file is never overwritten: read() set it aside and told the user.
      const all = await this.read()
      const current = all.find((r) => r.id === id)
      const next = { ...change(current, all), updatedAt: (this.deps.now?.() ?? new Date()).toISOString() }
      const others = all.filter((r) => r.id !== id)
      const open = others.filter((r) => r.state !== 'finished' && r.state !== 'rolled-back')
      const closed = others.filter((r) => r.state === 'finished' || r.state === 'rolled-back').slice(0, MAX_CLOSED)
      await this.deps.sealed.seal(this.file, { version: 1, rotations: [next, ...open, ...closed] })
      return next
    })
  }

  async forgetConnection(connectionId: string): Promise<void> {
    await this.deps.lock.run(async () => {
      const all = await this.read()
      if (!all.some((r) => r.connectionId === connectionId)) return
      await this.deps.sealed.seal(this.file, { version: 1, rotations: all.filter((r) => r.connectionId !== connectionId) })
    })
  }
}
