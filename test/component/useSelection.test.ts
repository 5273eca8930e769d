import { describe, expect, it } from 'vitest'
import { computed, nextTick, ref } from 'vue'
import type { Token } from '@common/tokens'
import { useSelection } from '@/features/inventory/useSelection'
import { token } from './fixtures'

function setup() {
  const all = ['A', 'B', 'C', 'D'].map((id) => token('mpt', id))
  const text = ref('')
  const filtered = computed(() => all.filter((t) => t.id.includes(text.value)))
  const byKey = computed(() => new Map(all.map((t) => [t.key, t] as const)))
  const s = useSelection({ filtered, sorted: computed(() => all), view: text, byKey, matches: (t: Token) => t.id.includes(text.value) })
  return { all, text, s }
}

describe('useSelection', () => {
  it('moves the active row to the first visible row on a new view, and closes details whose token left', async () => {
    const { all, text, s } = setup()
    s.select(all[2]!)
    text.value = 'B'
    await nextTick()
    expect(s.active.value?.id).toBe('B')
    s.open()
    expect(s.openToken.value?.id).toBe('B')
    text.value = 'D'
    await nextTick()
    expect(s.openToken.value).toBeNull()
    expect(s.active.value?.id).toBe('D')
    text.value = 'nothing'
    await nextTick()
    expect(s.active.value).toBeNull()
  })

  it('keeps open details on their token while it stays in view; the details follow the active row', async () => {
    const { all, text, s } = setup()
    s.open(all[1]!)
    s.activate(2)
    expect(s.openToken.value?.id).toBe('C')
    text.value = 'C'
    await nextTick()
    expect(s.openToken.value?.id).toBe('C')
  })

  it('counts checked rows a search hides, reviews them, and checks all only in view', async () => {
    const { all, text, s } = setup()
    s.toggle(all[0]!)
    s.toggle(all[1]!)
    text.value = 'B'
    await nextTick()
    expect(s.hiddenChecked.value.map((t) => t.id)).toEqual(['A'])
    s.reviewing.value = true
    expect(s.rows.value.map((t) => t.id)).toEqual(['A', 'B'])
    expect(s.hiddenChecked.value).toEqual([])
    s.reviewing.value = false
    s.toggleAll(false)
    expect([...s.checked.value]).toEqual([all[0]!.key])
    s.dropHidden()
    expect(s.checked.value.size).toBe(0)
  })
})
