import { mount } from '@vue/test-utils'
import { EMPTY_FILTER } from '@common/token-query'
import MultiSelect from 'primevue/multiselect'
import { describe, expect, it } from 'vitest'
import { computed, ref } from 'vue'
import LabelFilters from '@/features/inventory/LabelFilters.vue'
import { mergeSpellings, useLabelChoices } from '@/features/inventory/useLabelChoices'

const { text: _text, ...base } = EMPTY_FILTER

describe('the owner filter', () => {
  it('takes several owners and "No owner" at once, and names a URL owner by the choice of any case', async () => {
    const wrapper = mount(LabelFilters, { props: { filter: { ...base, owners: ['platform TEAM'] }, owners: ['Ana', 'Platform team'], tags: [] } })
    const select = wrapper.findComponent(MultiSelect)
    expect(select.props('modelValue')).toEqual(['Platform team'])
    select.vm.$emit('update:modelValue', ['Platform team', 'Ana', '\u0000none'])
    expect(wrapper.emitted('update')![0]).toEqual([{ owners: ['Platform team', 'Ana'], noOwner: true }])
    // An owner no row has any more still shows as chosen.
    await wrapper.setProps({ filter: { ...base, owners: ['Gone'], noOwner: true } })
    expect(select.props('modelValue')).toEqual(['\u0000none', 'Gone'])
    expect(wrapper.text()).toContain('No owner, Gone')
  })

  it('shows a chosen owner with its hidden characters made visible, isolated', () => {
    const wrapper = mount(LabelFilters, { props: { filter: { ...base, owners: ['Au\u200Bdit', 'Pay \u202Eroll'] }, owners: ['Au\u200Bdit', 'Pay \u202Eroll'], tags: [] } })
    const value = wrapper.find('.td-label-value')
    expect(value.findAll('bdi[dir=auto]').length).toBe(2)
    expect(value.text()).toContain('U+200B')
    expect(value.text()).toContain('U+202E')
    expect(value.text()).not.toMatch(/[\u200B\u202E]/)
  })
})

describe('owner and tag choices', () => {
  it('merge spellings that differ in case under the most common one; a tie goes to the newest token’s', () => {
    expect(
      mergeSpellings([
        { value: 'platform team', createdAt: '2025-01-03T00:00:00Z' },
        { value: 'Platform team', createdAt: '2025-01-01T00:00:00Z' },
        { value: 'Platform team', createdAt: '2025-01-02T00:00:00Z' },
        { value: 'ana', createdAt: '2025-01-01T00:00:00Z' },
        { value: 'Ana ', createdAt: '2025-02-01T00:00:00Z' },
        { value: 'zed', createdAt: null },
      ]),
    ).toEqual(['Ana', 'Platform team', 'zed'])
  })

  it('come from the rows’ owners and tags', () => {
    const rows = ref([
      { owner: 'OPS', tags: ['prod', 'CI'], createdAt: '2025-01-01T00:00:00Z' },
      { owner: 'ops', tags: ['ci'], createdAt: '2025-01-02T00:00:00Z' },
      { owner: null, tags: [], createdAt: '2025-01-03T00:00:00Z' },
    ])
    const choices = useLabelChoices(computed(() => [rows.value]))
    expect(choices.value).toEqual({ owners: ['ops'], tags: ['ci', 'prod'] })
  })

  it('merge the counts of several lists, a list counted again only when it is replaced', () => {
    const a = [{ owner: 'Ops', tags: ['prod'], createdAt: '2025-01-01T00:00:00Z' }]
    const b = [
      { owner: 'OPS', tags: [], createdAt: '2025-01-02T00:00:00Z' },
      { owner: 'OPS', tags: [], createdAt: '2025-01-03T00:00:00Z' },
    ]
    const lists = ref([a, b])
    const choices = useLabelChoices(lists)
    expect(choices.value).toEqual({ owners: ['OPS'], tags: ['prod'] }) // two of three spell it so
    lists.value = [a, [{ owner: 'Ops', tags: ['prod'], createdAt: '2025-01-04T00:00:00Z' }]]
    expect(choices.value).toEqual({ owners: ['Ops'], tags: ['prod'] })
  })
})
