import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import type { TokenRow } from '@common/token-meta'
import { computed, defineComponent, nextTick, ref, type Ref } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { useTokenQuery } from '@/features/inventory/useTokenQuery'
import { CONNECTIONS, NOW, token } from './fixtures'

async function mountQuery(tokens = ref([token('mpt', 'TKN-2', { name: 'beta' }), token('mpt', 'TKN-1', { name: 'alpha' })]), lists?: Ref<TokenRow[][]>) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => null } }] })
  await router.push('/')
  const connections = ref(new Map(Object.values(CONNECTIONS).map((c) => [c.id, c] as const)))
  let query!: ReturnType<typeof useTokenQuery>
  mount(defineComponent({ setup: () => ((query = useTokenQuery(tokens, connections, ref(NOW), undefined, lists)), () => null) }), { global: { plugins: [router] } })
  return { router, query }
}

describe('useTokenQuery', () => {
  it('keeps the sorted rows when the URL changes only the search text (no re-sort of the inventory per typed word)', async () => {
    const { router, query } = await mountQuery()
    const sorted = query.sorted.value
    const filter = query.filter.value
    await router.replace({ query: { ...router.currentRoute.value.query, unrelated: '1' } })
    await flushPromises()
    expect(query.sorted.value).toBe(sorted)
    expect(query.filter.value).toBe(filter)

    query.update({ text: 'alp' })
    await router.replace({ query: { q: 'alp' } }) // what the URL timer does 300 ms later
    await flushPromises()
    expect(query.rows.value.map((t) => t.name)).toEqual(['alpha'])
    expect(query.sorted.value).toBe(sorted)
  })

  it('sorts again when the sort changes', async () => {
    const { query } = await mountQuery()
    const sorted = query.sorted.value
    query.sortBy('name')
    await flushPromises()
    expect(query.sorted.value).not.toBe(sorted)
    expect(query.sorted.value.map((t) => t.name)).toEqual(['alpha', 'beta'])
  })

  it('a refresh replacing one connection’s tokens sorts and indexes only those, not the whole inventory again', async () => {
    const list = (provider: 'mpt' | 'fynn' | 'prefactor', round: number) =>
      Array.from({ length: 300 }, (_, i) => token(provider, `T${i}`, { name: `token ${(i + round) % 40}`, createdAt: new Date(NOW - ((i * 7 + round) % 500) * 3_600_000).toISOString() }))
    const byConnection = { mpt: list('mpt', 0), fynn: list('fynn', 0), prefactor: list('prefactor', 0) }
    const lists = ref([byConnection.mpt, byConnection.fynn, byConnection.prefactor])
    const tokens = computed(() => lists.value.flat())
    const { query } = await mountQuery(tokens as unknown as Ref<TokenRow[]>, lists)
    expect(query.rows.value).toHaveLength(900)

    byConnection.fynn = list('fynn', 1)
    const lower = vi.spyOn(String.prototype, 'toLowerCase')
    const parse = vi.spyOn(Date, 'parse') // the default sort's key: a creation date parsed per token sorted
    try {
      lists.value = [byConnection.mpt, byConnection.fynn, byConnection.prefactor]
      await flushPromises()
      const rows = query.rows.value
      expect(parse.mock.calls.length).toBeLessThan(400) // 900 with the whole inventory sorted again
      expect(lower.mock.calls.length).toBeLessThan(400) // a search text made per new token (900: all again)
      expect(rows.filter((t) => t.provider === 'fynn')).toEqual([...byConnection.fynn].sort((a, b) => Date.parse(b.createdAt!) - Date.parse(a.createdAt!) || a.name!.localeCompare(b.name!, undefined, { numeric: true }) || a.id.localeCompare(b.id)))
    } finally {
      parse.mockRestore()
      lower.mockRestore()
    }
  })

  it('a label change of every token makes no search text in the change’s own task, and the search finds the new labels', async () => {
    const all = Array.from({ length: 900 }, (_, i) => token((['mpt', 'fynn', 'prefactor'] as const)[i % 3]!, `T${i}`, { name: `token ${i % 40}`, createdAt: new Date(NOW - i * 3_600_000).toISOString() }))
    const tokens = ref(all)
    const { query } = await mountQuery(tokens)
    const before = query.rows.value.map((t) => t.key)
    const lower = vi.spyOn(String.prototype, 'toLowerCase')
    try {
      tokens.value = all.map((t, i) => ({ ...t, owner: i % 2 ? 'Platform team' : 'Billing' })) // 900 new row objects
      const rows = query.rows.value
      expect(rows.map((t) => t.key)).toEqual(before)
      await nextTick() // the change's own flush (watchers, the grid's render)
      expect(lower.mock.calls.length).toBeLessThan(10) // the filter's own; 900 more with every new row's search text made at once
    } finally {
      lower.mockRestore()
    }
    query.update({ text: 'platform' })
    await flushPromises()
    expect(query.rows.value).toHaveLength(450)
    expect(query.rows.value.every((t) => t.owner === 'Platform team')).toBe(true)
  })
})
