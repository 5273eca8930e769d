/**
 * The inventory's one selection model: the active row (what ↑/↓ move, Enter opens, Space checks,
 * Delete and Ctrl+Shift+C act on) and the checked set (for bulk actions).
 *
 * - The active row is always a visible row. A new search, filter, sort or scope moves it to the
 *   first visible row (or none) — unless the details are open on a token still in view, which
 *   then stays active; the details of a token that left the view close.
 * - The details always show the active row, so they follow ↑/↓.
 * - Checked rows stay checked when a search hides them (building a selection by searching is a
 *   real workflow), but they are counted as hidden and bulk actions wait until they have been
 *   reviewed ("Show selected") or dropped: an action never touches a row the user cannot see.
 */
import type { Token } from '@common/tokens'
import { computed, ref, shallowRef, watch, type Ref } from 'vue'

export function useSelection(options: {
  /** The rows the search and filters give, in order. */
  filtered: Ref<readonly Token[]>
  /** Every token in the current sort (for "Show selected"). */
  sorted: Ref<readonly Token[]>
  /** Changes whenever the search, filters, sort or scope change. */
  view: Ref<string>
  /** Every token by key (to resolve checked keys). */
  byKey: Ref<ReadonlyMap<string, Token>>
  /** Whether a token passes the current search and filters. */
  matches: (t: Token) => boolean
}) {
  const { filtered, sorted, view, byKey, matches } = options
  const activeKey = ref<string | null>(null)
  const detailsOpen = ref(false)
  const checked = shallowRef(new Set<string>())
  /** "Show selected": the view is the checked rows, whatever the filters say. */
  const reviewing = ref(false)
  /** The rows in view. */
  const rows = computed<readonly Token[]>(() => (reviewing.value ? sorted.value.filter((t) => checked.value.has(t.key)) : filtered.value))
  let lastIndex = 0

  /** Where the active row is; cheap when it is where it was (the usual case on every keystroke). */
  const activeIndex = computed(() => {
    const key = activeKey.value
    if (key === null) return -1
    const list = rows.value
    if (list[lastIndex]?.key === key) return lastIndex
    const i = list.findIndex((t) => t.key === key)
    if (i >= 0) lastIndex = i
    return i
  })
  const active = computed<Token | null>(() => (activeIndex.value >= 0 ? rows.value[activeIndex.value]! : null))
  const openToken = computed(() => (detailsOpen.value ? active.value : null))

  function activate(index: number): void {
    const list = rows.value
    if (!list.length) {
      activeKey.value = null
      return
    }
    const i = Math.max(0, Math.min(list.length - 1, index))
    lastIndex = i
    activeKey.value = list[i]!.key
  }

  // A new view: the first row, unless the open details' token is still in view.
  watch(view, () => {
    reviewing.value = false
    if (detailsOpen.value && activeKey.value !== null && activeIndex.value >= 0) return
    detailsOpen.value = false
    activate(0)
  })
  // Same view, new rows (a refresh, a delete): an active row that went away gives way to its neighbour.
  watch(rows, () => {
    if (activeKey.value === null || activeIndex.value >= 0) return
    detailsOpen.value = false
    activate(lastIndex)
  })

  const checkedTokens = computed(() => [...checked.value].map((k) => byKey.value.get(k)).filter((t): t is Token => !!t))
  /** Checked rows the current view does not show. */
  const hiddenChecked = computed(() => (reviewing.value ? [] : checkedTokens.value.filter((t) => !matches(t))))

  function setChecked(next: Set<string>): void {
    checked.value = next
    if (next.size === 0) reviewing.value = false
  }
  function toggle(t: Token): void {
    const next = new Set(checked.value)
    if (next.has(t.key)) next.delete(t.key)
    else next.add(t.key)
    setChecked(next)
  }
  /** Check or uncheck every row in view; hidden checked rows are left as they are. */
  function toggleAll(on: boolean): void {
    const next = new Set(checked.value)
    for (const t of rows.value) {
      if (on) next.add(t.key)
      else next.delete(t.key)
    }
    setChecked(next)
  }
  function dropHidden(): void {
    const hidden = new Set(hiddenChecked.value.map((t) => t.key))
    setChecked(new Set([...checked.value].filter((k) => !hidden.has(k))))
  }

  return {
    rows,
    activeKey,
    activeIndex,
    active,
    detailsOpen,
    openToken,
    checked,
    checkedTokens,
    hiddenChecked,
    reviewing,
    activate,
    /** Make this token the active row (a click). */
    select: (t: Token) => {
      activeKey.value = t.key
    },
    open: (t?: Token) => {
      if (t) activeKey.value = t.key
      if (activeKey.value !== null && activeIndex.value >= 0) detailsOpen.value = true
    },
    close: () => {
      detailsOpen.value = false
    },
    toggle,
    toggleAll,
    clearChecked: () => setChecked(new Set()),
    dropHidden,
  }
}
