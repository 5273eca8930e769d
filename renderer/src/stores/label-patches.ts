/**
 * A metadata change as patches of the inventory's lists: the labels of the rows it names, grouped
 * by connection (a token key is `<connectionId>/<tokenId>`), at most `maxRows` a group, so that a
 * change of 50,000 rows can be applied a few thousand at a time, a task each.
 */
import { labelsOf, type TokenLabels, type TokenMeta, type TokenRow } from '@common/token-meta'
import { markRaw } from 'vue'

export interface LabelPatch {
  connectionId: string
  labels: Map<string, TokenLabels>
}

export function labelPatches(changes: ReadonlyArray<{ key: string; meta: TokenMeta | null }>, maxRows = Number.POSITIVE_INFINITY): LabelPatch[] {
  const patches: LabelPatch[] = []
  const open = new Map<string, LabelPatch>()
  for (const { key, meta } of changes) {
    const connectionId = key.slice(0, key.indexOf('/'))
    let patch = open.get(connectionId)
    if (!patch || patch.labels.size >= maxRows) {
      patch = { connectionId, labels: new Map() }
      open.set(connectionId, patch)
      patches.push(patch)
    }
    patch.labels.set(key, labelsOf(meta))
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
  for (const { connectionId, labels } of patches) {
    const list = (next ?? lists).get(connectionId)
    if (!list) continue
    let copied = false
    const rows = list.map((t) => {
      const l = labels.get(t.key)
      if (!l || sameLabels(t, l)) return t
      copied = true
      return { ...t, ...l }
    })
    if (!copied) continue
    next ??= new Map(lists)
    next.set(connectionId, markRaw(rows))
  }
  return next ? markRaw(next) : lists
}
