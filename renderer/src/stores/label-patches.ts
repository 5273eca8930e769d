/**
 * A metadata change as patches of the inventory's lists: the labels of the rows it names, per
 * connection, at most `maxRows` a patch, so that a change of 50,000 rows can be applied a few
 * thousand at a time, a task each.
 */
import type { MetaChanges } from '@common/meta-changes'
import { labelsOf, type TokenLabels, type TokenRow } from '@common/token-meta'
import { markRaw } from 'vue'

export interface LabelPatch {
  connectionId: string
  /** How many rows it names. */
  size: number
  /** Token id → its labels now (made when the patch is applied, not when the change arrives). */
  labels(): Map<string, TokenLabels>
}

export function labelPatches(changes: MetaChanges, maxRows = Number.POSITIVE_INFINITY): LabelPatch[] {
  // One labels object per distinct entry (a bulk change gives 50,000 rows the same one).
  const labels = changes.metas.map((meta) => labelsOf(meta))
  const none = labelsOf(null)
  const patches: LabelPatch[] = []
  for (const { connectionId, tokenIds, metas } of changes.connections) {
    for (let from = 0; from < tokenIds.length; from += maxRows) {
      const to = Math.min(tokenIds.length, from + maxRows)
      patches.push({
        connectionId,
        size: to - from,
        labels: () => {
          const map = new Map<string, TokenLabels>()
          for (let i = from; i < to; i++) map.set(tokenIds[i]!, labels[metas[i]!] ?? none)
          return map
        },
      })
    }
  }
  return patches
}

function sameLabels(t: TokenRow, l: TokenLabels): boolean {
  return t.owner === l.owner && t.notes === l.notes && t.displayName === l.displayName && t.tags.length === l.tags.length && t.tags.every((tag, i) => tag === l.tags[i])
}

/**
 * The lists with the patches applied, or the same map when nothing changed. Only the lists of the
 * connections named are copied; a row whose labels are already these (an echo of this window's own
 * change, a token already owned so) stays the same object, which sorts and searches as before.
 */
export function patchLists(lists: Map<string, TokenRow[]>, patches: readonly LabelPatch[]): Map<string, TokenRow[]> {
  let next: Map<string, TokenRow[]> | null = null
  for (const patch of patches) {
    const list = (next ?? lists).get(patch.connectionId)
    if (!list) continue
    const labels = patch.labels()
    let copied = false
    const rows = list.map((t) => {
      const l = labels.get(t.id)
      if (!l || sameLabels(t, l)) return t
      copied = true
      return { ...t, ...l }
    })
    if (!copied) continue
    next ??= new Map(lists)
    next.set(patch.connectionId, markRaw(rows))
  }
  return next ? markRaw(next) : lists
}
