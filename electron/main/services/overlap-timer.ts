/**
 * The overlap's chosen end: when a rotation's `overlapUntil` passes, the old token is retired the
 * gentle way (Rotations.retire: disable or suspend, only once the successor is confirmed). One
 * timer, set for the next end and set again whenever a rotation changes; run at start too, so an
 * end that passed while the app was closed is acted on. A retire that fails (offline, the vendor
 * refuses) is tried again after a while, not in a loop; its note tells the window why.
 */
import { isOpen, type Rotation } from '../../common/rotation'
import type { Logger } from './logger'
import type { Rotations } from './rotations'

/** How long after a failed retire the timer tries that rotation again. */
const RETRY_MS = 5 * 60_000
/** setTimeout's longest delay; a later end is reached by setting the timer again. */
const MAX_DELAY_MS = 2 ** 31 - 1

export class OverlapTimer {
  private timer: ReturnType<typeof setTimeout> | undefined
  private stopChanges: (() => void) | null = null
  /** Rotations whose timed retire failed, and when to try again. */
  private readonly retryAt = new Map<string, number>()
  private checking: Promise<void> = Promise.resolve()
  private stopped = true

  constructor(private readonly deps: { rotations: Rotations; log: Logger; now?: () => number }) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now()
  }

  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.stopChanges = this.deps.rotations.onChanged(() => this.schedule())
    this.schedule()
  }

  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
    this.stopChanges?.()
    this.stopChanges = null
  }

  /** Retire what is due, then set the timer for the next end. One check at a time. */
  private schedule(): void {
    this.checking = this.checking.then(() => this.check()).catch((error: unknown) => this.deps.log.warn('rotation: the overlap timer failed', { error }))
  }

  private async check(): Promise<void> {
    if (this.stopped) return
    clearTimeout(this.timer)
    const now = this.now()
    for (const r of await this.deps.rotations.due()) {
      if ((this.retryAt.get(r.id) ?? 0) > now) continue
      try {
        await this.deps.rotations.retire(r.id, 'timer')
        this.retryAt.delete(r.id)
      } catch (error) {
        // The rotation's note says why; the window shows it. Tried again later.
        this.retryAt.set(r.id, now + RETRY_MS)
        this.deps.log.warn('rotation: the timed retire failed', { error })
      }
    }
    const next = this.nextEnd(await this.deps.rotations.list())
    if (next !== null && !this.stopped) this.timer = setTimeout(() => this.schedule(), Math.min(MAX_DELAY_MS, Math.max(0, next - this.now())))
  }

  /** The soonest moment something is due: an overlap's end, or a failed retire's retry. */
  private nextEnd(rotations: Rotation[]): number | null {
    const ends = rotations
      .filter((r) => isOpen(r) && r.state === 'overlap' && r.overlapUntil !== null)
      .map((r) => Math.max(Date.parse(r.overlapUntil!), this.retryAt.get(r.id) ?? 0))
    return ends.length ? Math.min(...ends) : null
  }
}
