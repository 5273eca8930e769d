import { mount } from '@vue/test-utils'
import { EMPTY_FILTER, type TokenFilter } from '@common/token-query'
import { describe, expect, it } from 'vitest'
import FilterWithDays from '@/features/inventory/FilterWithDays.vue'
import InventoryToolbar from '@/features/inventory/InventoryToolbar.vue'
import LabelFilters from '@/features/inventory/LabelFilters.vue'

function mountToolbar(filter: TokenFilter) {
  return mount(InventoryToolbar, { props: { filter, active: false, labels: { owners: ['Ana'], tags: ['ci'] } } })
}

describe('InventoryToolbar', () => {
  it('leaves the day and label filters alone while only the search changes (each keystroke makes a new filter)', async () => {
    const base: TokenFilter = { ...EMPTY_FILTER, statuses: ['active'], owners: ['Ana'] }
    const wrapper = mountToolbar({ ...base, text: '' })
    // The same object, so Vue skips their re-render (a new one re-rendered their PrimeVue selects).
    const labels = wrapper.findComponent(LabelFilters)
    const given = labels.props('filter')
    for (const text of ['a', 'ab', 'a', '']) await wrapper.setProps({ filter: { ...base, text } })
    expect(labels.props('filter')).toBe(given)
    for (const days of wrapper.findAllComponents(FilterWithDays)) expect(days.props('filter')).toBe(given)
    expect(wrapper.find('[data-testid=search] input, input[data-testid=search]').element).toHaveProperty('value', '')
  })

  it('passes on a change to any other filter', async () => {
    const wrapper = mountToolbar({ ...EMPTY_FILTER, text: 'ab' })
    await wrapper.setProps({ filter: { ...EMPTY_FILTER, text: 'ab', owners: ['Ana'] } })
    expect(wrapper.findComponent(LabelFilters).props('filter')).toMatchObject({ owners: ['Ana'] })
    expect(wrapper.findComponent(LabelFilters).props('filter')).not.toHaveProperty('text')
  })
})
