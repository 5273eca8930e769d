/** "Mark as reviewed" keeps a sealed copy of the inventory's metadata; `diff()` compares with it. */
import path from 'node:path'
import { z } from 'zod'
import { diffInventories, toReviewed, type ReviewDiff, type ReviewedToken } from '../../common/review-diff'
import type { ConnectionStore } from './connection-store'
import type { DataLock } from './data-lock'
import type { SealedFiles } from './sealed-file'
import type { TokenQueries } from './token-queries'
import type { InventoryService } from './inventory'

const fileSchema = z.object({
  version: z.literal(1),
  reviewedAt: z.string(),
  tokens: z.array(
    z.object({
      key: z.string(),
      connectionId: z.string(),
      id: z.string(),
      name: z.string().nullable(),
      status: z.string(),
      expiresAt: z.string().nullable(),
      lastUsedAt: z.string().nullable(),
      owner: z.string().nullable().optional(),
      displayName: z.string().nullable().optional(),
    }),
  ),
})

export class ReviewStore {
  readonly file: string

  constructor(
    dataDir: string,
    private readonly deps: { sealed: SealedFiles; inventory: InventoryService; queries: TokenQueries; connections: ConnectionStore; lock?: DataLock; now?: () => Date },
  ) {
    this.file = path.join(dataDir, 'review.sealed')
  }

  async mark(): Promise<{ reviewedAt: string }> {
    const reviewedAt = (this.deps.now?.() ?? new Date()).toISOString()
    const write = () => this.deps.sealed.seal(this.file, { version: 1, reviewedAt, tokens: this.deps.queries.rows().map(toReviewed) })
    // One writer at a time in the data folder (the whole file is replaced, atomically).
    await (this.deps.lock ? this.deps.lock.run(write) : write())
    return { reviewedAt }
  }

  /** Null when nothing was ever marked as reviewed (or the kept copy cannot be read). */
  async diff(): Promise<ReviewDiff | null> {
    const kept = await this.deps.sealed.open(this.file, (json) => {
      const parsed = fileSchema.safeParse(json)
      return parsed.success ? parsed.data : null
    })
    if (kept.status !== 'ok') return null
    const refreshed = new Set(
      this.deps.inventory.statuses().filter((s) => s.refreshedAt !== null).map((s) => s.connectionId),
    )
    return diffInventories(kept.value.reviewedAt, kept.value.tokens as ReviewedToken[], this.deps.queries.rows(), refreshed, (key) => this.deps.queries.labelsOf(key))
  }
}
