/**
 * The inventory's one selection model: the active row (what ↑/↓ move, Enter opens, Space checks,
 * Delete and Ctrl+Shift+C act on) and the checked set (for bulk actions).
 *
 * - The active row is a token (its key: connection and token id), never a position, and always a
 *   visible row. A new search, filter, sort or scope moves it to the first visible row (or none) —
 *   unless the details are open on a token still in view, which then stays active; the details of
 *   a token that left the view close.
 * - When the active token leaves the same view (a refresh or another process removed it, it no
 *   longer matches), nothing is active and `gone` says which token went and why: no shortcut acts
 *   on a row the user did not pick. ↑/↓ go on from where it was; a click, a new view or ↑/↓ clear it.
 * - The details always show the active row, so they follow ↑/↓.
 * - Checked rows stay checked when a search hides them (building a selection by searching is a
 *   real workflow), but they are counted as hidden and bulk actions wait until they have been
 *   reviewed ("Show selected") or dropped: an action never touches a row the user cannot see.
 */
import { connectionIdsOf, type RowLookup } from './row-index'
import type { Token } from '@common/tokens'
import { computed, ref, shallowRef, watch, type Ref } from 'vue'

/** The active token that left the view without the user moving: `removed` from the inventory, or no longer `filtered` in. */
export interface GoneToken {
  token: Token
  reason: 'removed' | 'filtered'
}

export function useSelection(options: {
  /** The rows the search and filters give, in order. */
  filtered: Ref<readonly Token[]>
  /** Every token in the current sort (for "Show selected"). */
  sorted: Ref<readonly Token[]>
  /** Changes whenever the search, filters, sort or scope change. */
  view: Ref<string>
  /** Every token by key (to resolve checked keys). */
  byKey: Ref<RowLookup<Token>>
  /** Whether a token passes the current search and filters. */
}) {
  const { filtered, sorted, view, byKey } = options
  const activeKey = ref<string | null>(null)
  /** The token that was active and left the view, and why; null once the user picks a row. */
  const gone = shallowRef<GoneToken | null>(null)
  /** Where the row that left was: ↓ picks the row now in its place, ↑ the one above. */
  let anchor: number | null = null
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

  function pick(key: string | null): void {
    activeKey.value = key
    gone.value = null
    anchor = null
  }

  function activate(index: number): void {
    const list = rows.value
    if (!list.length) return pick(null)
    const i = Math.max(0, Math.min(list.length - 1, index))
    lastIndex = i
    pick(list[i]!.key)
  }

  /** ↑/↓ (and page, home, end) by `delta` rows; from where a token that left was, when none is active. */
  function move(delta: number): void {
    const n = rows.value.length
    if (!n) return
    const at = activeIndex.value
    if (at >= 0) return activate(at + delta)
    if (anchor !== null) return activate(delta > 0 ? anchor + delta - 1 : anchor + delta)
    activate(delta > 0 ? delta - 1 : n + delta)
  }

  watch([view, rows], ([nextView], [lastView, lastRows]) => {
    if (nextView !== lastView) {
      // A new view: the first row, unless the open details' token is still in view.
      reviewing.value = false
      if (detailsOpen.value && activeKey.value !== null && activeIndex.value >= 0) return
      detailsOpen.value = false
      return activate(0)
    }
    // Same view, new rows (a refresh, a delete, another process's change): the active token is
    // kept wherever it moved; one that left is not replaced by whatever took its place.
    const key = activeKey.value
    if (key === null || activeIndex.value >= 0) return
    const was = lastRows ? lastRows.findIndex((t) => t.key === key) : -1
    const token = (was >= 0 ? lastRows![was] : byKey.value.get(key)) ?? null
    const stillThere = byKey.value.has(key)
    const place = was >= 0 ? was : lastIndex
    detailsOpen.value = false
    pick(null)
    anchor = place
    // Unchecked while reviewing the selection: the user's own doing, no notice.
    if (token && !(reviewing.value && stillThere && !checked.value.has(key))) gone.value = { token, reason: stillThere ? 'filtered' : 'removed' }
  })

  const checkedTokens = computed(() => byKey.value.rowsOf?.(checked.value) ?? [...checked.value].map((k) => byKey.value.get(k)).filter((t): t is Token => !!t))
  /** The connections of the checked rows (not of checked keys whose token has gone). */
  const checkedConnectionIds = computed(() => connectionIdsOf(checked.value, byKey.value))
  /**
   * Checked rows the current view does not show: those not among the filtered rows (one set of
   * keys, not the filter run again per checked token — 50,000 checked took 100 ms after every change).
   */
  const hiddenChecked = computed<Token[]>(() => {
    if (reviewing.value || checkedTokens.value.length === 0) return []
    // Every token shown (no filter, no search): none hidden.
    if (filtered.value.length === byKey.value.size) return []
    const shown = new Set(filtered.value.map((t) => t.key))
    return checkedTokens.value.filter((t) => !shown.has(t.key))
  })

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
    gone,
    move,
    active,
    detailsOpen,
    openToken,
    checked,
    checkedTokens,
    checkedConnectionIds,
    hiddenChecked,
    reviewing,
    activate,
    /** Make this token the active row (a click). */
    select: (t: Token) => pick(t.key),
    open: (t?: Token) => {
      if (t) pick(t.key)
      if (activeKey.value !== null && activeIndex.value >= 0) detailsOpen.value = true
    },
    dismissGone: () => {
      gone.value = null
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
