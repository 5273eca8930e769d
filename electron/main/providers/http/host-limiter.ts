/**
 * At most N requests in flight per host (origin), shared by every connection to that host, so a
 * refresh of many accounts of one vendor stays polite (the vendors ask for about 6 at a time).
 */
import pLimit, { type LimitFunction } from 'p-limit'

export const DEFAULT_PER_HOST = 6

export class HostLimiter {
  private readonly limits = new Map<string, LimitFunction>()

  constructor(readonly perHost: number = DEFAULT_PER_HOST) {}

  run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const origin = new URL(url).origin
    let limit = this.limits.get(origin)
    if (!limit) {
      limit = pLimit(this.perHost)
      this.limits.set(origin, limit)
    }
    return limit(task)
  }

  /** Requests running now against `url`'s host (for tests and diagnostics). */
  active(url: string): number {
    return this.limits.get(new URL(url).origin)?.activeCount ?? 0
  }
}
