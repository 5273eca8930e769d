import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import TokenTable from '@/components/inventory/TokenTable.vue'
import { CONNECTIONS, DAY, NOW, token } from './fixtures'

const connections = new Map(Object.values(CONNECTIONS).map((c) => [c.id, c] as const))

function mountTable(rows = [token('mpt', 'TKN-0001-0001'), token('fynn', 'FYNN1'), token('prefactor', 'pf0000000000000000000000000000001')], props: Record<string, unknown> = {}) {
  return mount(TokenTable, {
    props: { rows, connections, sort: { key: 'name', dir: 1 }, selectedKey: null, checked: new Set<string>(), now: NOW, ...props },
    global: { directives: { tooltip: {} } },
  })
}

// happy-dom does no layout: give the scroller the size of a window (TanStack reads clientHeight).
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(640)
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000)
})
afterEach(() => vi.restoreAllMocks())

describe('TokenTable', () => {
  it('renders only the rows in view for a large list', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => token('mpt', `TKN-${String(i).padStart(9, '0')}`))
    const wrapper = mountTable(rows)
    await wrapper.vm.$nextTick()
    const shown = wrapper.findAll('.td-grid__row').length
    expect(shown).toBeGreaterThan(10)
    expect(shown).toBeLessThan(60)
    expect(wrapper.find('[role=grid]').attributes('aria-rowcount')).toBe('50001')
  })

  it('shows name and id, scope, creator, usage and expiry the way a person reads them', () => {
    const wrapper = mountTable([
      token('mpt', 'TKN-1', { lastUsedAt: null, isOwnCredential: true }),
      token('fynn', 'F1', { expiresAt: new Date(NOW - DAY).toISOString() }),
      token('prefactor', 'p1', { lastUsedAt: new Date(NOW - 3 * DAY).toISOString(), status: 'suspended' }),
    ])
    const [mpt, fynn, pf] = wrapper.findAll('.td-grid__row').map((r) => r.text())
    expect(mpt).toContain('Token TKN-1')
    expect(mpt).toContain('TKN-1')
    expect(mpt).toContain('2 modules')
    expect(mpt).toContain('Ana Ruiz')
    expect(mpt).toContain('Never')
    expect(mpt).toContain('No expiry')
    expect(wrapper.findAll('.td-grid__row')[0]!.find('.td-own').exists()).toBe(true)
    expect(fynn).toContain('Not reported') // Fynn does not report last use
    expect(fynn).toContain('Creator’s rights')
    expect(fynn).toContain('Expired')
    expect(pf).toContain('Suspended')
    expect(pf).toContain('3 days ago')
    expect(pf).toContain('Agents · Globex')
  })

  it('sorts from the headers and says so to screen readers', async () => {
    const wrapper = mountTable(undefined, { sort: { key: 'expiresAt', dir: -1 } })
    expect(wrapper.find('[aria-sort=descending]').text()).toContain('Expires')
    await wrapper.findAll('.td-sort').find((b) => b.text().includes('Last access'))!.trigger('click')
    expect(wrapper.emitted('sort')).toEqual([['lastUsedAt']])
  })

  it('moves the selection with the keyboard, opens with Enter and checks with Space', async () => {
    const rows = [token('mpt', 'A'), token('mpt', 'B'), token('mpt', 'C')]
    const wrapper = mountTable(rows, { selectedKey: rows[0]!.key })
    const body = wrapper.find('[data-testid=token-rows]')
    await body.trigger('keydown', { key: 'ArrowDown' })
    expect(wrapper.emitted('select')?.[0]?.[0]).toMatchObject({ id: 'B' })
    await body.trigger('keydown', { key: 'End' })
    expect(wrapper.emitted('select')?.[1]?.[0]).toMatchObject({ id: 'C' })
    await body.trigger('keydown', { key: 'Enter' })
    expect(wrapper.emitted('open')?.[0]?.[0]).toMatchObject({ id: 'A' })
    await body.trigger('keydown', { key: ' ' })
    expect(wrapper.emitted('toggle')?.[0]?.[0]).toMatchObject({ id: 'A' })
  })

  it('selects on click, opens from the name, and checks all shown', async () => {
    const wrapper = mountTable()
    await wrapper.findAll('.td-grid__row')[1]!.trigger('click')
    expect(wrapper.emitted('select')?.[0]?.[0]).toMatchObject({ id: 'FYNN1' })
    await wrapper.findAll('.td-token__name')[0]!.trigger('click')
    expect(wrapper.emitted('open')?.[0]?.[0]).toMatchObject({ id: 'TKN-0001-0001' })
    const all = wrapper.find('input[aria-label="Select all shown tokens"]')
    ;(all.element as HTMLInputElement).checked = true
    await all.trigger('change')
    expect(wrapper.emitted('toggleAll')).toEqual([[true]])
  })
})
