/**
 * The Findings filter and sort in the window's query (useTokenQuery over the findings store's Map):
 * the URL carries them, a new findings Map (a policy change) re-filters at once, and a new Map
 * leaves the sorted rows alone unless they are sorted by findings (no re-sort of 50,000 tokens).
 */
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, ref, shallowRef } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { RULES } from '@common/policy'
import { useTokenQuery } from '@/features/inventory/useTokenQuery'
import { findingsCell } from '@/features/inventory/findings-cell'
import { CONNECTIONS, NOW, token } from './fixtures'

const bit = (id: string): number => 1 << RULES.findIndex((r) => r.id === id)

async function mountQuery(path = '/') {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => null } }] })
  await router.push(path)
  const tokens = ref([token('mpt', 'TKN-1', { name: 'alpha' }), token('mpt', 'TKN-2', { name: 'beta' }), token('mpt', 'TKN-3', { name: 'gamma' })])
  const connections = ref(new Map(Object.values(CONNECTIONS).map((c) => [c.id, c] as const)))
  const findings = shallowRef<ReadonlyMap<string, number>>(new Map())
  let query!: ReturnType<typeof useTokenQuery>
  mount(defineComponent({ setup: () => ((query = useTokenQuery(tokens, connections, ref(NOW), findings)), () => null) }), { global: { plugins: [router] } })
  const keyOf = (name: string): string => tokens.value.find((t) => t.name === name)!.key
  return { router, query, findings, keyOf }
}

describe('the Findings filter and sort in the window', () => {
  it('reads the filter from the URL and follows a new findings Map at once', async () => {
    const { query, findings, keyOf } = await mountQuery('/?findings=error')
    expect(query.filter.value.findings).toBe('error')
    expect(query.active.value).toBe(true)
    expect(query.rows.value).toEqual([]) // no policy yet: nothing has an error
    findings.value = new Map([[keyOf('beta'), bit('no-owner')], [keyOf('gamma'), bit('unused')]])
    await flushPromises()
    expect(query.rows.value.map((t) => t.name)).toEqual(['beta'])
    expect(query.matches(query.rows.value[0]!)).toBe(true)
  })

  it('writes the filter and the findings sort to the URL', async () => {
    const { router, query } = await mountQuery()
    query.update({ findings: 'no-owner' })
    await flushPromises()
    query.sortBy('findings')
    await flushPromises()
    expect(router.currentRoute.value.query).toMatchObject({ findings: 'no-owner', sort: '-findings' })
    query.clear()
    await flushPromises()
    expect(router.currentRoute.value.query.findings).toBeUndefined()
  })

  it('re-sorts on a new findings Map only under the findings sort', async () => {
    const { query, findings, keyOf } = await mountQuery()
    const sorted = query.sorted.value
    findings.value = new Map([[keyOf('gamma'), bit('max-age') | bit('no-owner')]])
    await flushPromises()
    expect(query.sorted.value).toBe(sorted)
    query.sortBy('findings')
    await flushPromises()
    expect(query.sorted.value[0]!.name).toBe('gamma')
    findings.value = new Map([[keyOf('alpha'), bit('no-owner')]])
    await flushPromises()
    expect(query.sorted.value[0]!.name).toBe('alpha')
  })
})

describe('the Findings cell', () => {
  it('says the count, the worst severity and every rule; one object per mask', () => {
    const cell = findingsCell(bit('unused') | bit('no-owner'))
    expect(cell).toMatchObject({ count: 2, severity: 'error', title: '2 findings: Unused (unused, warning); No owner (no-owner, error)' })
    expect(findingsCell(bit('unused') | bit('no-owner'))).toBe(cell)
    expect(findingsCell(bit('expiring'))).toMatchObject({ count: 1, severity: 'warning' })
  })
})
