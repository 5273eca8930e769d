/** The owners and tags the user has given tokens in view, for the toolbar's filters and the bulk dialog's suggestions. */
import type { TokenLabels } from '@common/token-meta'
import { computed, type Ref } from 'vue'

type Labelled = Partial<TokenLabels> & { createdAt?: string | null }

/** How many tokens carry each exact value, and the newest of them: a map lookup a token, the rest per distinct value. */
class SpellingCounts {
  private readonly seen = new Map<string, { count: number; newest: string }>()

  add(value: string, createdAt?: string | null, count = 1): void {
    const at = createdAt ?? ''
    const s = this.seen.get(value)
    if (!s) this.seen.set(value, { count, newest: at })
    else {
      s.count += count
      if (at > s.newest) s.newest = at
    }
  }

  /** Another's counts added to these. */
  addAll(other: SpellingCounts): void {
    for (const [value, { count, newest }] of other.seen) this.add(value, newest, count)
  }

  /**
   * Spellings that differ only in case (or surrounding blanks) are one choice, shown as the
   * spelling most tokens carry; a tie goes to the spelling of the newest token (the inventory's
   * default order, newest first), so the choice does not depend on which connection was loaded
   * first. Sorted as a person reads them.
   */
  choices(): string[] {
    const groups = new Map<string, Map<string, { count: number; newest: string }>>()
    for (const [value, { count, newest }] of this.seen) {
      const spelling = value.trim()
      if (!spelling) continue
      const key = spelling.toLowerCase()
      let group = groups.get(key)
      if (!group) groups.set(key, (group = new Map()))
      const same = group.get(spelling)
      if (same) {
        same.count += count
        if (newest > same.newest) same.newest = newest
      } else group.set(spelling, { count, newest })
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
}

/** The choices for these values (SpellingCounts.choices). */
export function mergeSpellings(values: Iterable<{ value: string; createdAt?: string | null }>): string[] {
  const counts = new SpellingCounts()
  for (const { value, createdAt } of values) counts.add(value, createdAt)
  return counts.choices()
}

/** Each list's counts, kept while the list is the same array (lists are replaced, never changed in place). */
const perList = new WeakMap<readonly Labelled[], { owners: SpellingCounts; tags: SpellingCounts }>()

function countsOf(list: readonly Labelled[]): { owners: SpellingCounts; tags: SpellingCounts } {
  let counts = perList.get(list)
  if (!counts) {
    counts = { owners: new SpellingCounts(), tags: new SpellingCounts() }
    for (const r of list) {
      if (r.owner) counts.owners.add(r.owner, r.createdAt)
      if (r.tags?.length) for (const tag of r.tags) counts.tags.add(tag, r.createdAt)
    }
    perList.set(list, counts)
  }
  return counts
}

/**
 * Over the inventory's lists (a connection each): only a list that changed is counted again — a
 * change of one connection, or a slice of a bulk change, does not count 50,000 rows.
 */
export function useLabelChoices(lists: Ref<ReadonlyArray<readonly Labelled[]>>) {
  return computed(() => {
    const owners = new SpellingCounts()
    const tags = new SpellingCounts()
    for (const list of lists.value) {
      const counts = countsOf(list)
      owners.addAll(counts.owners)
      tags.addAll(counts.tags)
    }
    return { owners: owners.choices(), tags: tags.choices() }
  })
}
