/**
 * The inventory's filter and sort, kept in the route's query (the mapping: @common/query-url) so
 * that a filtered view can be linked to (insights click-through) and survives navigation. The search text filters at once
 * from a local ref (no debounce between a keystroke and the rows); the URL follows lazily.
 */
import { filterFromQuery, queryFromFilter, sortFromQuery } from '@common/query-url'
import { SearchTexts } from '@common/search-texts'
import { EMPTY_FILTER, TokenFilterer, TokenSorter, filterTokens, firstDirection, type ConnectionLabel, type QueryToken, type SortKey, type TokenFilter, type TokenSort } from '@common/token-query'
import type { TokenRow } from '@common/token-meta'
import { computed, onScopeDispose, ref, watch, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null)

const stamps = new WeakMap<object, number>()
let stampCounter = 0
/** A value that changes whenever any of these objects is replaced (for the filterer's cache). */
function sortedStamp(...objects: unknown[]): string {
  return objects
    .map((o) => {
      if (typeof o !== 'object' || o === null) return String(o)
      let id = stamps.get(o)
      if (id === undefined) stamps.set(o, (id = ++stampCounter))
      return `#${id}`
    })
    .join(',')
}

/** Run `work` in the browser's next idle period, with a way to ask whether time is left in it. */
function whenIdle(work: (more: () => boolean) => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback((deadline) => work(() => deadline.timeRemaining() > 2))
  else
    setTimeout(() => {
      const until = performance.now() + 8
      work(() => performance.now() < until)
    }, 50)
}

/**
 * `lists`: the same tokens as the inventory keeps them, a list per connection (each replaced
 * whole when it changes): the sort looks only at the lists that changed. Without it, one list.
 * `findings`: the policy's masks by token key (the findings store), for the Findings filter and
 * sort; a new Map re-sorts only under the findings sort and re-filters only under the findings filter.
 */
export function useTokenQuery(
  tokens: Ref<TokenRow[]>,
  connections: Ref<ReadonlyMap<string, ConnectionLabel>>,
  now: Ref<number>,
  findings?: Ref<ReadonlyMap<string, number>>,
  lists: Ref<ReadonlyArray<readonly TokenRow[]>> = computed(() => [tokens.value]),
) {
  const route = useRoute()
  const router = useRouter()
  const text = ref(str(route.query.q) ?? '')
  // The URL's filters and sort keep their previous object while their content is the same: the
  // URL follows the search text, and a new sort object there would re-sort 50,000 tokens after
  // every typed word, new filter arrays re-render the toolbar's selects on every keystroke.
  const urlFilter = computed<Omit<TokenFilter, 'text'>>((old) => {
    const { text: _fromUrl, ...next } = filterFromQuery(route.query)
    return old && JSON.stringify(old) === JSON.stringify(next) ? old : next
  })
  const filter = computed<TokenFilter>(() => ({ ...urlFilter.value, text: text.value }))
  const sort = computed<TokenSort>((old) => {
    const next = sortFromQuery(route.query)
    return old && old.key === next.key && old.dir === next.dir ? old : next
  })

  // Search texts are made per token object when a search needs them, and ahead of it in idle
  // time: a refresh replaces a connection's tokens at a time, a bulk label change 50,000 rows at
  // once, and making every new object's text in the same task as the grid's update took hundreds
  // of ms (the wheel's steps during a refresh; a bulk Set owner).
  const texts = new SearchTexts()
  let warming = 0
  onScopeDispose(() => void warming++)
  watch(
    tokens,
    (list) => {
      const mine = ++warming
      let from = 0
      const step = (more: () => boolean): void => {
        if (mine !== warming) return
        from = texts.warm(list, from, more)
        if (from < list.length) whenIdle(step)
      }
      whenIdle(step)
    },
    { immediate: true },
  )
  const findingsOf = (map: ReadonlyMap<string, number> | undefined) => (key: string): number => map?.get(key) ?? 0
  // Read only under the findings sort / filter: a new findings Map leaves every other view alone.
  const sortFindings = computed(() => (sort.value.key === 'findings' ? findings?.value : undefined))
  const filterFindings = computed(() => (filter.value.findings ? findings?.value : undefined))
  const sorter = new TokenSorter<TokenRow>()
  const sortFindingsOf = computed(() => (sortFindings.value ? findingsOf(sortFindings.value) : undefined))
  const sorted = computed(() => sorter.sort(lists.value, sort.value, connections.value, sortFindingsOf.value))
  const filterer = new TokenFilterer<TokenRow>()
  // The filterer's first stage is reused while the sorted rows, the minute, the connections (and the findings it filters on) stay the same.
  const rows = computed(() =>
    filterer.run(
      sorted.value,
      filter.value,
      { now: now.value, textOf: texts.of, connections: connections.value, findingsOf: findingsOf(filterFindings.value) },
      sortedStamp(sorted.value, now.value, connections.value, filterFindings.value),
    ),
  )

  let urlTimer: ReturnType<typeof setTimeout> | undefined
  onScopeDispose(() => clearTimeout(urlTimer))
  // A navigation (a link, Insights, a notification) sets the search, and wins over one still
  // waiting to reach the URL. Our own URL updates carry the current text, so they change nothing.
  watch(
    () => route.fullPath,
    () => {
      clearTimeout(urlTimer)
      const q = str(route.query.q) ?? ''
      if (q !== text.value) text.value = q
    },
  )

  function update(patch: Partial<TokenFilter>, nextSort: TokenSort = sort.value): void {
    if ('text' in patch) text.value = patch.text ?? ''
    const onlyText = Object.keys(patch).every((k) => k === 'text') && nextSort === sort.value
    clearTimeout(urlTimer)
    const apply = (): void => void router.replace({ query: queryFromFilter({ ...filter.value, ...patch, text: text.value }, nextSort) })
    if (onlyText) urlTimer = setTimeout(apply, 300)
    else apply()
  }
  function sortBy(key: SortKey): void {
    const dir = sort.value.key === key ? (sort.value.dir === 1 ? -1 : 1) : firstDirection(key)
    update({}, { key, dir })
  }
  function clear(): void {
    update({ ...EMPTY_FILTER, client: filter.value.client, connectionId: filter.value.connectionId })
  }
  const active = computed(() => {
    const f = filter.value
    return !!f.text || f.statuses.length > 0 || f.providers.length > 0 || f.expiry !== 'any' || f.usage !== 'any' || f.owners.length > 0 || f.noOwner || f.tag !== null || !!f.olderThanDays || !!f.findings
  })
  /** Whether one token passes the current filter and search (cheap: for a handful of tokens). */
  function matches(t: QueryToken): boolean {
    return filterTokens([t], filter.value, { now: now.value, textOf: texts.of, connections: connections.value, findingsOf: findingsOf(findings?.value) }).length === 1
  }
  return { filter, sort, sorted, rows, update, sortBy, clear, active, matches }
}
