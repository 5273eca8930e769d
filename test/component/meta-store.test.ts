/** The metadata store over the real preload bridge: changes announced by main reach what reads it. */
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { computed } from 'vue'
import { useMetaStore } from '@/stores/meta'
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
})
