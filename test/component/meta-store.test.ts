/** The metadata store over the real preload bridge: changes announced by main reach what reads it. */
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { computed } from 'vue'
import { useMetaStore } from '@/stores/meta'
import { SLICE_ROWS } from '@/stores/sliced-work'
import { packMetaChanges as pack } from '@common/meta-changes'
import { installFakeBridge } from './fake-bridge'

beforeEach(() => setActivePinia(createPinia()))

describe('meta store', () => {
  it('takes a change into what reads it, without copying every token’s metadata', async () => {
    const updatedAt = '2026-11-23T12:00:00.000Z'
    const all = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`c/${i}`, { owner: 'Billing', tags: [], notes: null, displayName: null, updatedAt }]))
    const b = installFakeBridge({ 'meta:all': () => all })
    const store = useMetaStore()
    await store.load()
    const name = computed(() => store.byKey.get('c/7')?.displayName ?? null)
    expect(name.value).toBeNull()
    const map = store.byKey
    b.emit('meta:changed', pack([{ key: 'c/7', meta: { owner: 'Billing', tags: [], notes: null, displayName: 'Deployer', updatedAt } }]))
    expect(name.value).toBe('Deployer')
    b.emit('meta:changed', pack([{ key: 'c/7', meta: null }]))
    expect(name.value).toBeNull()
    expect(store.byKey.size).toBe(1999)
    expect(store.byKey).toBe(map) // changed in place: one entry, not 2,000 copied
  })

  it('takes a change of many tokens a slice a task, and a newer change wins over what is left of it', async () => {
    const updatedAt = '2026-11-23T12:00:00.000Z'
    const meta = (owner: string) => ({ owner, tags: [], notes: null, displayName: null, updatedAt })
    const b = installFakeBridge({ 'meta:all': () => ({}) })
    const store = useMetaStore()
    await store.load()
    const n = SLICE_ROWS * 2 + 500
    const owned = (owner: string) => [...store.byKey.values()].filter((m) => m.owner === owner).length
    b.emit('meta:changed', pack(Array.from({ length: n }, (_, i) => ({ key: `c/${i}`, meta: meta('Bulk owner') }))))
    expect(owned('Bulk owner')).toBe(0) // nothing in the event's own task
    await vi.waitFor(() => expect(owned('Bulk owner')).toBeGreaterThan(0), { interval: 1 })
    expect(owned('Bulk owner')).toBe(SLICE_ROWS)
    await vi.waitFor(() => expect(owned('Bulk owner')).toBe(n))

    b.emit('meta:changed', pack(Array.from({ length: n }, (_, i) => ({ key: `c/${i}`, meta: meta('Older') }))))
    await vi.waitFor(() => expect(owned('Older')).toBeGreaterThan(0), { interval: 1 })
    expect(owned('Older')).toBeLessThan(n)
    b.emit('meta:changed', pack([{ key: `c/${n - 1}`, meta: meta('Newest') }]))
    expect(owned('Older')).toBe(n - 1)
    await new Promise((resolve) => setTimeout(resolve, 300)) // every slice of the older change would have run
    expect(store.byKey.get(`c/${n - 1}`)?.owner).toBe('Newest')
  })
})
