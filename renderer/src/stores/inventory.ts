/**
 * The token inventory as the window sees it: every connection's last complete tokens, its
 * refresh status and progress. Tokens are replaced per connection when a refresh completes, so
 * the table keeps showing the previous inventory while one runs. Each row carries the user's
 * owner, tags, notes and display name (main joins them); a metadata change patches just the rows
 * it names (`meta:changed`), with the same join.
 */
import { metaChangeCount, type MetaChanges } from '@common/meta-changes'
import type { TokenRow } from '@common/token-meta'
import type { TokenFilter, TokenSort } from '@common/token-query'
import type { InventoryStatus, RefreshProgress } from '@common/tokens'
import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef } from 'vue'
import { call, onEvent } from '@/api'
import { labelPatches, patchLists, type LabelPatch } from './label-patches'
import { afterNextPaint, SLICE_ROWS, SlicedWork } from './sliced-work'

/** The rows a metadata change re-labels in one task, at most (see applyMeta). */
export { SLICE_ROWS }

export const useInventoryStore = defineStore('inventory', () => {
  /**
   * connectionId → its tokens. Kept raw (markRaw): the store is reactive, and 50,000 tokens behind
   * deep proxies cost every filter pass and hundreds of MB; they change only as whole lists.
   */
  const byConnection = shallowRef(new Map<string, TokenRow[]>())
  const statuses = ref<Record<string, InventoryStatus>>({})
  const progress = ref<Record<string, RefreshProgress>>({})
  const loaded = ref(false)
  /** The first screen of the view, from main, shown until the whole inventory has arrived. */
  const preview = shallowRef<{ rows: TokenRow[]; total: number } | null>(null)
  let unsubscribe: Array<() => void> | null = null

  /** A list per connection, as kept (the window's sort looks only at the lists that changed). */
  const lists = computed<ReadonlyArray<readonly TokenRow[]>>(() => markRaw([...byConnection.value.values()]))
  const tokens = computed<TokenRow[]>(() => markRaw(lists.value.flat()))
  const refreshing = computed(() => Object.values(statuses.value).filter((s) => s.state === 'refreshing').length)
  const overall = computed(() => {
    const running = Object.values(progress.value)
    return {
      running: refreshing.value,
      pagesDone: running.reduce((n, p) => n + p.pagesDone, 0),
      pagesTotal: running.reduce((n, p) => n + (p.pagesTotal ?? 0), 0),
      tokens: running.reduce((n, p) => n + p.tokens, 0),
    }
  })

  function setTokens(connectionId: string, list: TokenRow[]): void {
    const next = new Map(byConnection.value)
    next.set(connectionId, markRaw(list))
    byConnection.value = markRaw(next)
  }

  /**
   * Metadata changed (here, in another window or a CLI): the rows it names take their new labels.
   * A change of more than SLICE_ROWS rows (a bulk Set owner on 50,000) is applied SLICE_ROWS at a
   * time, a task each after the event's (nothing of it in the event's own task: taking in the
   * message is one already), so that the grid's re-sort and the owner choices never hold a frame
   * for all of it; a newer change first applies what is left of the older one, so the newest wins.
   */
  const metaWork = new SlicedWork()
  function applyMeta(changes: MetaChanges): void {
    metaWork.flush()
    if (metaChangeCount(changes) <= SLICE_ROWS) return void (byConnection.value = patchLists(byConnection.value, labelPatches(changes)))
    metaWork.later(slices(labelPatches(changes, SLICE_ROWS)).map((slice) => () => void (byConnection.value = patchLists(byConnection.value, slice))))
  }

  /**
   * A connection's tokens again, put in place after the frame that took in its reply: taking in a
   * reply of thousands of rows is a task already, and the re-sort and re-render it starts are
   * another (together, or a task apart in one frame, they held it for 150–180 ms while the user
   * scrolled through a refresh). A connection removed meanwhile stays removed.
   */
  async function reloadTokens(connectionId: string): Promise<void> {
    const list = await call('tokens:list', connectionId)
    await afterNextPaint()
    if (statuses.value[connectionId]) setTokens(connectionId, list)
  }

  function onStatus(status: InventoryStatus): void {
    const before = statuses.value[status.connectionId]
    statuses.value = { ...statuses.value, [status.connectionId]: status }
    if (status.state !== 'refreshing') {
      const { [status.connectionId]: _done, ...rest } = progress.value
      progress.value = rest
    }
    // A refresh completed: fetch the new inventory of that connection.
    if (status.state === 'ok' && before?.refreshedAt !== status.refreshedAt) void reloadTokens(status.connectionId)
  }

  /**
   * Statuses and the first screen of `view` now; the whole inventory in the background (with
   * 50,000 tokens it is tens of MB, and the first rows need not wait for it).
   */
  async function load(view?: { filter: TokenFilter; sort: TokenSort }): Promise<void> {
    unsubscribe ??= [
      onEvent('inventory:status', onStatus),
      onEvent('inventory:forgotten', ({ connectionId }) => forgetConnection(connectionId)),
      onEvent('inventory:progress', (p) => {
        progress.value = { ...progress.value, [p.connectionId]: p }
      }),
      onEvent('meta:changed', applyMeta),
    ]
    const list = await call('inventory:status')
    statuses.value = Object.fromEntries(list.map((s) => [s.connectionId, s]))
    if (view && !loaded.value) {
      const first = await call('tokens:window', view.filter, view.sort, 100)
      if (!loaded.value) preview.value = { rows: markRaw(first.rows), total: first.total }
    }
    const full = loadAll()
    if (!view) await full
  }

  async function loadAll(): Promise<void> {
    const all = await call('tokens:list', null)
    const grouped = new Map<string, TokenRow[]>()
    for (const t of all) {
      const g = grouped.get(t.connectionId)
      if (g) g.push(t)
      else grouped.set(t.connectionId, [t])
    }
    for (const [id, list] of grouped) grouped.set(id, markRaw(list))
    byConnection.value = markRaw(grouped)
    loaded.value = true
    preview.value = null
  }

  /** One connection, or all (null). Errors land in the statuses, not here. */
  async function refresh(connectionId: string | null): Promise<void> {
    const result = await call('inventory:refresh', connectionId)
    for (const s of result) onStatus(s)
  }

  /** Put the vendor's answer for one token in place. */
  function applyToken(token: TokenRow): void {
    const list = byConnection.value.get(token.connectionId) ?? []
    const i = list.findIndex((t) => t.id === token.id)
    setTokens(token.connectionId, i >= 0 ? list.map((t, j) => (j === i ? token : t)) : [...list, token])
  }

  function removeToken(connectionId: string, tokenId: string): void {
    setTokens(connectionId, (byConnection.value.get(connectionId) ?? []).filter((t) => t.id !== tokenId))
  }

  function forgetConnection(connectionId: string): void {
    const next = new Map(byConnection.value)
    next.delete(connectionId)
    byConnection.value = markRaw(next)
    const { [connectionId]: _gone, ...rest } = statuses.value
    statuses.value = rest
  }

  return { byConnection, lists, tokens, statuses, progress, overall, refreshing, loaded, preview, load, refresh, reloadTokens, applyToken, removeToken }
})

/** Whole patches (each at most SLICE_ROWS rows) together while they fit in SLICE_ROWS. */
function slices(patches: readonly LabelPatch[]): LabelPatch[][] {
  const out: LabelPatch[][] = []
  let rows = SLICE_ROWS
  for (const patch of patches) {
    if (rows + patch.size > SLICE_ROWS) {
      out.push([])
      rows = 0
    }
    out[out.length - 1]!.push(patch)
    rows += patch.size
  }
  return out
}
