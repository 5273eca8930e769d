/** The owners and tags the user has given tokens in view, for the toolbar's filters and the bulk dialog's suggestions. */
import type { TokenLabels } from '@common/token-meta'
import { computed, type Ref } from 'vue'

type Labelled = Partial<TokenLabels> & { createdAt?: string | null }

/**
 * Spellings that differ only in case (or surrounding blanks) are one choice, shown as the spelling
 * most tokens carry; a tie goes to the spelling of the newest token (the inventory's default order,
 * newest first), so the choice does not depend on which connection was loaded first. Sorted as a
 * person reads them.
 */
export function mergeSpellings(values: Iterable<{ value: string; createdAt?: string | null }>): string[] {
  const groups = new Map<string, Map<string, { count: number; newest: string }>>()
  for (const { value, createdAt } of values) {
    const spelling = value.trim()
    if (!spelling) continue
    const key = spelling.toLowerCase()
    let group = groups.get(key)
    if (!group) groups.set(key, (group = new Map()))
    const seen = group.get(spelling)
    const at = createdAt ?? ''
    if (seen) {
      seen.count += 1
      if (at > seen.newest) seen.newest = at
    } else group.set(spelling, { count: 1, newest: at })
  }
  const chosen: string[] = []
  for (const group of groups.values()) {
    let best: [string, { count: number; newest: string }] | null = null
    for (const entry of group) {
      if (!best || entry[1].count > best[1].count || (entry[1].count === best[1].count && entry[1].newest > best[1].newest)) best = entry
    }
    chosen.push(best![0])
  }
  return chosen.sort(new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }).compare)
}

export function useLabelChoices(rows: Ref<readonly Labelled[]>) {
  return computed(() => {
    const owners: Array<{ value: string; createdAt?: string | null }> = []
    const tags: Array<{ value: string; createdAt?: string | null }> = []
    for (const r of rows.value) {
      if (r.owner) owners.push({ value: r.owner, createdAt: r.createdAt })
      if (r.tags?.length) for (const tag of r.tags) tags.push({ value: tag, createdAt: r.createdAt })
    }
    return { owners: mergeSpellings(owners), tags: mergeSpellings(tags) }
  })
}
