/** The inventory store over the real preload bridge: first screen, whole inventory, events, token changes. */
import { createPinia, setActivePinia } from 'pinia'
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SORT, EMPTY_FILTER } from '@common/token-query'
import type { InventoryStatus } from '@common/tokens'
import type { TokenRow } from '@common/token-meta'
import { SLICE_ROWS, useInventoryStore } from '@/stores/inventory'
import { CONNECTIONS, token } from './fixtures'
import { packMetaChanges as pack } from '@common/meta-changes'
import { installFakeBridge } from './fake-bridge'

const MPT = CONNECTIONS.mpt!.id
const FYNN = CONNECTIONS.fynn!.id
const status = (connectionId: string, patch: Partial<InventoryStatus> = {}): InventoryStatus => ({ connectionId, state: 'ok', refreshedAt: '2026-11-23T10:00:00.000Z', tokenCount: 2, error: null, progress: null, ...patch })

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => vi.unstubAllGlobals())

function bridge(lists: Record<string, TokenRow[]>) {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  const fake = installFakeBridge({
    'inventory:status': () => [status(MPT), status(FYNN)],
    'tokens:window': () => ({ rows: [lists[MPT]![0]], total: 3 }),
    'tokens:list': async (id: string | null) => {
      if (id === null) await gate
      return id === null ? Object.values(lists).flat() : lists[id]!
    },
    'inventory:refresh': (id: string | null) => [status(id ?? MPT, { state: 'refreshing' })],
  })
  return { ...fake, release }
}

describe('inventory store', () => {
  it('shows the first screen of the view, then the whole inventory grouped by connection', async () => {
    const lists = { [MPT]: [token('mpt', 'A'), token('mpt', 'B')], [FYNN]: [token('fynn', 'F')] }
    const b = bridge(lists)
    const store = useInventoryStore()
    await store.load({ filter: EMPTY_FILTER, sort: DEFAULT_SORT })
    expect(store.preview).toMatchObject({ total: 3, rows: [{ id: 'A' }] })
    expect(store.loaded).toBe(false)
    b.release()
    await flushPromises()
    expect([store.loaded, store.preview]).toEqual([true, null])
    expect(store.byConnection.get(MPT)!.map((t) => t.id)).toEqual(['A', 'B'])
    expect(store.tokens.map((t) => t.id)).toEqual(['A', 'B', 'F'])
    expect(Object.keys(store.statuses)).toEqual([MPT, FYNN])
  })

  it('follows progress, and reloads a connection’s tokens when its refresh completes', async () => {
    const frames: Array<() => void> = []
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb))
    const lists = { [MPT]: [token('mpt', 'A')], [FYNN]: [token('fynn', 'F')] }
    const b = bridge(lists)
    b.release()
    const store = useInventoryStore()
    await store.load()
    await store.refresh(MPT)
    expect(store.refreshing).toBe(1)
    b.emit('inventory:progress', { connectionId: MPT, pagesDone: 1, pagesTotal: 3, tokens: 100 })
    expect(store.overall).toEqual({ running: 1, pagesDone: 1, pagesTotal: 3, tokens: 100 })
    lists[MPT] = [token('mpt', 'A'), token('mpt', 'NEW')]
    b.emit('inventory:status', status(MPT, { refreshedAt: '2026-11-23T11:00:00.000Z' }))
    await flushPromises()
    expect(store.progress).toEqual({})
    // The new list goes in after the frame that took in its reply, in a task of its own.
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(store.byConnection.get(MPT)!.map((t) => t.id)).toEqual(['A'])
    frames.shift()!()
    expect(store.byConnection.get(MPT)!.map((t) => t.id)).toEqual(['A'])
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(store.byConnection.get(MPT)!.map((t) => t.id)).toEqual(['A', 'NEW'])
    expect(b.calls.filter((c) => c.channel === 'tokens:list').map((c) => c.args)).toEqual([[null], [MPT]])
  })

  it('does not bring back a connection removed while its reloaded tokens waited for a frame', async () => {
    const frames: Array<() => void> = []
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb))
    const b = bridge({ [MPT]: [token('mpt', 'A')], [FYNN]: [token('fynn', 'F')] })
    b.release()
    const store = useInventoryStore()
    await store.load()
    b.emit('inventory:status', status(MPT, { refreshedAt: '2026-11-23T11:00:00.000Z' }))
    await flushPromises()
    b.emit('inventory:forgotten', { connectionId: MPT })
    for (const cb of frames.splice(0)) cb()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect([...store.byConnection.keys()]).toEqual([FYNN])
    expect(store.tokens.map((t) => t.id)).toEqual(['F'])
  })

  it('applies a changed token, removes a deleted one, and forgets a connection main says was removed', async () => {
    const b = bridge({ [MPT]: [token('mpt', 'A'), token('mpt', 'B')], [FYNN]: [token('fynn', 'F')] })
    b.release()
    const store = useInventoryStore()
    await store.load()
    store.applyToken(token('mpt', 'A', { status: 'disabled' }))
    store.applyToken(token('mpt', 'C'))
    expect(store.byConnection.get(MPT)!.map((t) => [t.id, t.status])).toEqual([['A', 'disabled'], ['B', 'active'], ['C', 'active']])
    store.removeToken(MPT, 'B')
    expect(store.byConnection.get(MPT)!.map((t) => t.id)).toEqual(['A', 'C'])
    b.emit('inventory:forgotten', { connectionId: FYNN })
    expect(store.tokens.map((t) => t.id)).toEqual(['A', 'C'])
    expect(Object.keys(store.statuses)).toEqual([MPT])
  })

  it('takes a metadata change into the rows it names only (the same join as main’s)', async () => {
    const b = bridge({ [MPT]: [token('mpt', 'A'), token('mpt', 'B')], [FYNN]: [token('fynn', 'F')] })
    b.release()
    const store = useInventoryStore()
    await store.load()
    const fynnBefore = store.byConnection.get(FYNN)
    const untouched = store.byConnection.get(MPT)![1]
    const updatedAt = '2026-11-23T12:00:00.000Z'
    b.emit('meta:changed', pack([{ key: `${MPT}/A`, meta: { owner: 'Platform team', tags: ['prod'], notes: 'n', displayName: 'Deployer', updatedAt } }]))
    expect(store.byConnection.get(MPT)![0]).toMatchObject({ id: 'A', owner: 'Platform team', tags: ['prod'], notes: 'n', displayName: 'Deployer' })
    expect(store.byConnection.get(MPT)![1]).toBe(untouched)
    expect(store.byConnection.get(FYNN)).toBe(fynnBefore)
    b.emit('meta:changed', pack([{ key: `${MPT}/A`, meta: null }]))
    expect(store.byConnection.get(MPT)![0]).toMatchObject({ owner: null, tags: [], notes: null, displayName: null })
  })

  it('keeps the row objects and the lists a metadata change does not change (an echo, the same owner again)', async () => {
    const b = bridge({ [MPT]: [token('mpt', 'A'), token('mpt', 'B')] })
    b.release()
    const store = useInventoryStore()
    await store.load()
    const updatedAt = '2026-11-23T12:00:00.000Z'
    b.emit('meta:changed', pack([{ key: `${MPT}/A`, meta: { owner: 'Platform team', tags: ['prod'], notes: null, displayName: null, updatedAt } }]))
    const lists = store.byConnection
    const row = lists.get(MPT)![0]
    // The same labels, another updatedAt: nothing to re-sort or search again.
    b.emit('meta:changed', pack([{ key: `${MPT}/A`, meta: { owner: 'Platform team', tags: ['prod'], notes: null, displayName: null, updatedAt: '2026-11-23T12:01:00.000Z' } }]))
    expect(store.byConnection).toBe(lists)
    expect(store.byConnection.get(MPT)![0]).toBe(row)
    b.emit('meta:changed', pack([{ key: `${MPT}/A`, meta: { owner: 'Platform team', tags: ['prod', 'eu'], notes: null, displayName: null, updatedAt } }]))
    expect(store.byConnection.get(MPT)![0]).toMatchObject({ owner: 'Platform team', tags: ['prod', 'eu'] })
  })

  it('re-labels a change of many rows a slice at a time, a task each, and a newer change wins over what is left of it', async () => {
    const many = (provider: 'mpt' | 'fynn', n: number) => Array.from({ length: n }, (_, i) => token(provider, `T${i}`))
    const b = bridge({ [MPT]: many('mpt', 7000), [FYNN]: many('fynn', 7000) })
    b.release()
    const store = useInventoryStore()
    await store.load()
    const updatedAt = '2026-11-23T12:00:00.000Z'
    const meta = (owner: string) => ({ owner, tags: [], notes: null, displayName: null, updatedAt })
    const owners = () => store.tokens.filter((t) => t.owner === 'Bulk owner').length
    b.emit('meta:changed', pack(store.tokens.map((t) => ({ key: t.key, meta: meta('Bulk owner') }))))
    expect(owners()).toBe(0) // nothing in the event's own task
    await vi.waitFor(() => expect(owners()).toBeGreaterThan(0), { interval: 1 })
    expect(owners()).toBe(SLICE_ROWS) // a slice a task
    expect(SLICE_ROWS).toBeLessThan(7000)
    await vi.waitFor(() => expect(owners()).toBe(14_000))

    b.emit('meta:changed', pack(store.tokens.map((t) => ({ key: t.key, meta: meta('Older') }))))
    await vi.waitFor(() => expect(store.tokens.filter((t) => t.owner === 'Older').length).toBeGreaterThan(0), { interval: 1 })
    expect(store.tokens.filter((t) => t.owner === 'Older').length).toBeLessThan(14_000)
    // A newer change of one row while the older one is under way: the older one is applied first, the newer over it.
    b.emit('meta:changed', pack([{ key: `${FYNN}/T6999`, meta: meta('Newest') }]))
    expect(store.tokens.filter((t) => t.owner === 'Older').length).toBe(13_999)
    await new Promise((resolve) => setTimeout(resolve, 300)) // every slice of the older change would have run
    expect(store.byConnection.get(FYNN)!.find((t) => t.id === 'T6999')!.owner).toBe('Newest')
  })
})
