/**
 * What changed since the last review: tokens added, removed, and changed in status, expiry or
 * last use. Each token is named with the user's owner and display name too, so a token that
 * disappeared says whose it was.
 */
import type { QueryToken } from './token-query'

/** What a review keeps of each token (metadata only). */
export interface ReviewedToken {
  key: string
  connectionId: string
  id: string
  name: string | null
  status: string
  expiresAt: string | null
  lastUsedAt: string | null
  /** The user's owner and display name (common/token-meta); absent in reviews kept before they existed. */
  owner?: string | null
  displayName?: string | null
}

export const REVIEWED_FIELDS = ['status', 'expiresAt', 'lastUsedAt'] as const
export type ReviewedField = (typeof REVIEWED_FIELDS)[number]

export interface TokenChange {
  field: ReviewedField
  before: string | null
  after: string | null
}

export interface ReviewDiff {
  reviewedAt: string
  added: ReviewedToken[]
  removed: ReviewedToken[]
  changed: Array<{ token: ReviewedToken; changes: TokenChange[] }>
}

export function toReviewed(t: QueryToken): ReviewedToken {
  return { key: t.key, connectionId: t.connectionId, id: t.id, name: t.name, status: t.status, expiresAt: t.expiresAt, lastUsedAt: t.lastUsedAt, owner: t.owner ?? null, displayName: t.displayName ?? null }
}

/**
 * Compare the kept review with the current inventory. `connectionIds` limits the comparison to
 * connections that exist now and have been refreshed (a connection never refreshed since is not
 * "all removed").
 */
export function diffInventories(reviewedAt: string, before: ReviewedToken[], now: QueryToken[], connectionIds: ReadonlySet<string>, labels?: (key: string) => { owner: string | null; displayName: string | null } | null): ReviewDiff {
  const previous = new Map(before.filter((t) => connectionIds.has(t.connectionId)).map((t) => [t.key, t]))
  const current = new Map(now.filter((t) => connectionIds.has(t.connectionId)).map((t) => [t.key, toReviewed(t)]))
  const added: ReviewedToken[] = []
  const changed: ReviewDiff['changed'] = []
  for (const [key, t] of current) {
    const old = previous.get(key)
    if (!old) {
      added.push(t)
      continue
    }
    const changes = REVIEWED_FIELDS.filter((f) => old[f] !== t[f]).map((field) => ({ field, before: old[field], after: t[field] }))
    if (changes.length) changed.push({ token: t, changes })
  }
  // A token gone since: named with its owner and display name as kept now (metadata outlives the
  // token), else as they were at the review.
  const removed = [...previous.values()]
    .filter((t) => !current.has(t.key))
    .map((t) => {
      const kept = labels?.(t.key)
      return { ...t, owner: kept?.owner ?? t.owner ?? null, displayName: kept?.displayName ?? t.displayName ?? null }
    })
  const byName = (a: ReviewedToken, b: ReviewedToken) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') || a.id.localeCompare(b.id)
  return { reviewedAt, added: added.sort(byName), removed: removed.sort(byName), changed: changed.sort((a, b) => byName(a.token, b.token)) }
}
