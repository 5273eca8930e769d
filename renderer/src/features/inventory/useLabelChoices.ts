/** The owners and tags the user has given tokens in view, for the toolbar's filters and the bulk dialog's suggestions. */
import type { TokenLabels } from '@common/token-meta'
import { computed, type Ref } from 'vue'

/** Unique in any case (the first spelling met wins), sorted as a person reads them. */
function distinct(values: Iterable<string>): string[] {
  const seen = new Map<string, string>()
  for (const v of values) if (!seen.has(v.toLowerCase())) seen.set(v.toLowerCase(), v)
  return [...seen.values()].sort(new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }).compare)
}

export function useLabelChoices(rows: Ref<readonly Partial<TokenLabels>[]>) {
  return computed(() => {
    const owners: string[] = []
    const tags: string[] = []
    for (const r of rows.value) {
      if (r.owner) owners.push(r.owner)
      if (r.tags?.length) tags.push(...r.tags)
    }
    return { owners: distinct(owners), tags: distinct(tags) }
  })
}
