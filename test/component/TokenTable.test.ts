import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import TokenTable from '@/features/inventory/TokenTable.vue'
import { CONNECTIONS, DAY, NOW, token } from './fixtures'

const connections = new Map(Object.values(CONNECTIONS).map((c) => [c.id, c] as const))
let width = 2000

/** Mounted and measured (the width is read once mounted, then the columns that fit render). */
async function mountTable(rows = [token('mpt', 'TKN-0001-0001'), token('fynn', 'FYNN1'), token('prefactor', 'pf0000000000000000000000000000001')], props: Record<string, unknown> = {}) {
  const wrapper = mount(TokenTable, {
    props: { rows, connections, sort: { key: 'createdAt', dir: -1 }, activeIndex: -1, checked: new Set<string>(), now: NOW, ...props },
  })
  await nextTick()
  return wrapper
}

// happy-dom does no layout: give the scroller the size of a window (TanStack reads clientHeight).
beforeEach(() => {
  localStorage.clear()
  width = 2000
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(640)
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(() => width)
  vi.stubGlobal('ResizeObserver', undefined) // the width comes from clientWidth here
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

const headers = (wrapper: Awaited<ReturnType<typeof mountTable>>) => wrapper.findAll('[role=columnheader]').map((h) => h.text()).filter(Boolean)

describe('TokenTable', () => {
  it('renders only the rows in view for a large list', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => token('mpt', `TKN-${String(i).padStart(9, '0')}`))
    const wrapper = await mountTable(rows)
    const shown = wrapper.findAll('.td-grid__row').length
    expect(shown).toBeGreaterThan(10)
    expect(shown).toBeLessThan(60)
    expect(wrapper.find('[role=grid]').attributes('aria-rowcount')).toBe('50001')
  })

  it('shows each row’s own token, check and active state after scrolling far and back (row elements are reused)', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => token('mpt', `TKN-${String(i).padStart(5, '0')}`))
    const wrapper = await mountTable(rows, { checked: new Set([rows[1]!.key, rows[1003]!.key]), activeIndex: 1 })
    const scroller = wrapper.find('[data-testid=token-rows]').element as HTMLElement
    const scrollTo = async (top: number): Promise<void> => {
      scroller.scrollTop = top
      scroller.dispatchEvent(new Event('scroll'))
      await nextTick()
      await nextTick()
    }
    const shown = () =>
      wrapper.findAll('.td-grid__row').map((r) => ({
        index: Number(r.attributes('aria-rowindex')) - 2,
        id: r.find('.td-token__id').text(),
        checked: (r.find('input[type=checkbox]').element as HTMLInputElement).checked,
        active: r.classes().includes('is-selected'),
      }))
    const consistent = (list: ReturnType<typeof shown>, checked: number[], active: number) => {
      for (const row of list) expect(row).toEqual({ index: row.index, id: rows[row.index]!.id, checked: checked.includes(row.index), active: row.index === active })
    }
    consistent(shown(), [1, 1003], 1)
    await scrollTo(1000 * 32)
    expect(shown().map((r) => r.index)).toContain(1003)
    consistent(shown(), [1, 1003], 1)
    await scrollTo(0)
    expect(shown().map((r) => r.index)).toContain(1)
    consistent(shown(), [1, 1003], 1)
  })

  it('shows name and id, client, scope, creator, usage and expiry the way a person reads them, each with a tooltip', async () => {
    const wrapper = await mountTable([
      token('mpt', 'TKN-1', { lastUsedAt: null, isOwnCredential: true }),
      token('fynn', 'F1', { name: null, expiresAt: new Date(NOW - DAY).toISOString() }),
      token('prefactor', 'p1', { name: null, lastUsedAt: new Date(NOW - 3 * DAY).toISOString(), status: 'suspended' }),
    ])
    const [mpt, fynn, pf] = wrapper.findAll('.td-grid__row')
    expect(mpt!.text()).toContain('Token TKN-1')
    expect(mpt!.text()).toContain('2 modules')
    expect(mpt!.text()).toContain('Ana Ruiz')
    expect(mpt!.text()).toContain('Never')
    expect(mpt!.text()).toContain('No expiry')
    expect(mpt!.find('[data-col=client]').text()).toBe('Acme Corp')
    expect(mpt!.find('.td-own').exists()).toBe(true)
    expect(fynn!.find('.td-token__name').text()).toBe('Unnamed')
    expect(fynn!.text()).toContain('Not reported') // Fynn does not report last use
    expect(fynn!.text()).toContain('Creator’s rights')
    expect(fynn!.text()).toContain('Expired')
    expect(pf!.text()).toContain('Suspended')
    expect(pf!.text()).toContain('3 days ago')
    expect(pf!.find('[data-col=connection]').text()).toContain('Agents')
    expect(pf!.find('[data-col=client]').text()).toBe('Globex')
    for (const cell of wrapper.findAll('.td-grid__row [data-col]').filter((c) => c.attributes('data-col') !== 'select')) expect(cell.attributes('title'), cell.attributes('data-col')).toBeTruthy()
  })

  it('shows a hostile name isolated, with its hidden characters as markers, and flags a lookalike', async () => {
    const rows = [token('mpt', 'TKN-1', { name: 'Payroll \u202Efdp.exe' }), token('mpt', 'TKN-2', { name: 'Audit\u200Bscript' })]
    const wrapper = await mountTable(rows, { lookalikes: new Map([[rows[1]!.key, 'Auditscript']]) })
    const name = wrapper.findAll('.td-token__name')[0]!
    expect(name.find('bdi').attributes('dir')).toBe('auto')
    expect(name.text()).toBe('Payroll U+202Efdp.exe')
    expect(name.html()).not.toContain('\u202E')
    expect(wrapper.findAll('.td-grid__row')[1]!.find('[data-testid=lookalike]').attributes('title')).toMatch(/Looks like another token’s name \(“Auditscript”\)/)
  })

  it('shows the owner in its own column and an unnamed token by the name the user gave it, marked as local', async () => {
    const rows = [
      token('mpt', 'TKN-1', { owner: 'Ops \u202Eteam', displayName: 'ignored: the vendor names it' }),
      token('prefactor', 'pf1', { name: null, displayName: 'CI deploy key' }),
      token('fynn', 'F1', { name: null }),
    ]
    const wrapper = await mountTable(rows)
    const [named, local, unnamed] = wrapper.findAll('.td-grid__row')
    const owner = named!.find('[data-col=owner]')
    expect(owner.find('bdi').attributes('dir')).toBe('auto')
    expect(owner.text()).toBe('Ops U+202Eteam')
    expect(owner.attributes('title')).toBe('Owner: Ops <U+202E>team')
    expect(named!.find('.td-token__name').text()).toBe('Token TKN-1')
    expect(local!.find('.td-token__name').text()).toBe('CI deploy key')
    expect(local!.find('.td-token__name').classes()).toEqual(expect.arrayContaining(['is-local']))
    expect(local!.find('[data-col=name]').attributes('title')).toMatch(/^CI deploy key \(your name for it; the vendor gives none\) · pf1$/)
    expect(local!.find('[data-col=owner]').text()).toBe('—')
    // Plain strings too are isolated runs, their direction from their own text: the element that
    // holds the string is the run (td-iso: unicode-bidi plaintext, as <bdi dir=auto> would be),
    // with no element more per cell, since the grid renders a screen of rows a frame while scrolling.
    for (const cell of [local!.find('.td-token__name'), local!.find('.td-token__id'), named!.find('[data-col=client]'), local!.find('[data-col=owner]')]) {
      expect(cell.classes()).toContain('td-iso')
      expect(cell.element.children.length).toBe(0)
      expect(cell.find('.td-cp').exists()).toBe(false)
    }
    expect(unnamed!.find('.td-token__name').classes()).toEqual(expect.arrayContaining(['is-unnamed']))

    // A change of metadata reaches rows already shown: the store replaces the row with its new labels.
    await wrapper.setProps({ rows: [rows[0]!, rows[1]!, { ...rows[2]!, owner: 'Billing', displayName: 'Invoice bot' }] })
    expect(wrapper.findAll('.td-grid__row')[2]!.find('.td-token__name').text()).toBe('Invoice bot')
    expect(wrapper.findAll('.td-grid__row')[2]!.find('[data-col=owner]').text()).toBe('Billing')
  })

  it('lets lower-priority columns give way in a narrow window, never the client or status', async () => {
    width = 700
    const wrapper = await mountTable()
    const narrow = headers(wrapper)
    expect(narrow).toEqual(expect.arrayContaining(['Token', 'Client', 'Status']))
    expect(narrow).not.toContain('Scope')
    expect(narrow).not.toContain('Created by')
    width = 2000
    expect(headers(await mountTable())).toEqual(['Token', 'Client', 'Owner', 'Connection', 'Scope', 'Created by', 'Created', 'Last access', 'Expires', 'Status'])
  })

  it('keeps the user’s hidden columns and widths across windows', async () => {
    const wrapper = await mountTable()
    const box = wrapper.findAll('[data-testid=columns-menu] input, .td-columns-menu input')
    expect(box.length).toBe(0) // the menu opens on demand
    await wrapper.find('[data-testid=choose-columns]').trigger('click')
    await wrapper.find('[data-col=expiresAt] .td-resize').trigger('keydown', { key: 'ArrowRight' })
    expect(JSON.parse(localStorage.getItem('tokendesk.grid.v1')!).sizing.expiresAt).toBe(120)
    expect((await mountTable()).find('.td-grid').attributes('style')).toContain('120px')
  })

  it('sorts from the headers and says so to screen readers', async () => {
    const wrapper = await mountTable(undefined, { sort: { key: 'expiresAt', dir: -1 } })
    expect(wrapper.find('[aria-sort=descending]').text()).toContain('Expires')
    await wrapper.findAll('.td-sort').find((b) => b.text().includes('Last access'))!.trigger('click')
    expect(wrapper.emitted('sort')).toEqual([['lastUsedAt']])
  })

  it('moves the active row with the keyboard', async () => {
    const rows = [token('mpt', 'A'), token('mpt', 'B'), token('mpt', 'C')]
    const wrapper = await mountTable(rows, { activeIndex: 0 })
    const body = wrapper.find('[data-testid=token-rows]')
    await body.trigger('keydown', { key: 'ArrowDown' })
    await body.trigger('keydown', { key: 'End' })
    await body.trigger('keydown', { key: 'Home' })
    // The selection model moves the active row: it knows where a token that left the view was.
    expect(wrapper.emitted('move')).toEqual([[1], [3], [-3]])
  })

  it('activates on click, opens from the name, and checks all shown', async () => {
    const wrapper = await mountTable()
    await wrapper.findAll('.td-grid__row')[1]!.trigger('click')
    expect(wrapper.emitted('activate')).toEqual([[1]])
    await wrapper.findAll('.td-token__name')[0]!.trigger('click')
    expect(wrapper.emitted('open')?.[0]?.[0]).toMatchObject({ id: 'TKN-0001-0001' })
    const all = wrapper.find('input[aria-label="Select all shown tokens"]')
    ;(all.element as HTMLInputElement).checked = true
    await all.trigger('change')
    expect(wrapper.emitted('toggleAll')).toEqual([[true]])
  })
})
