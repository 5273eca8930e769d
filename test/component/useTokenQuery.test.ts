import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, ref } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { useTokenQuery } from '@/features/inventory/useTokenQuery'
import { CONNECTIONS, NOW, token } from './fixtures'

async function mountQuery() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => null } }] })
  await router.push('/')
  const tokens = ref([token('mpt', 'TKN-2', { name: 'beta' }), token('mpt', 'TKN-1', { name: 'alpha' })])
  const connections = ref(new Map(Object.values(CONNECTIONS).map((c) => [c.id, c] as const)))
  let query!: ReturnType<typeof useTokenQuery>
  mount(defineComponent({ setup: () => ((query = useTokenQuery(tokens, connections, ref(NOW))), () => null) }), { global: { plugins: [router] } })
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
})
