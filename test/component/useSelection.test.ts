import { describe, expect, it } from 'vitest'
import { computed, nextTick, ref } from 'vue'
import { useSelection } from '@/features/inventory/useSelection'
import { token } from './fixtures'

function setup() {
  const all = ['A', 'B', 'C', 'D'].map((id) => token('mpt', id))
  const text = ref('')
  const filtered = computed(() => all.filter((t) => t.id.includes(text.value)))
  const byKey = computed(() => new Map(all.map((t) => [t.key, t] as const)))
  const s = useSelection({ filtered, sorted: computed(() => all), view: text, byKey })
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

describe('useSelection: the active row is a token, not a position', () => {
  function live() {
    const all = ref(['A', 'B', 'C', 'D'].map((id) => token('mpt', id)))
    const text = ref('')
    const filtered = computed(() => all.value.filter((t) => t.id.includes(text.value) && t.status === 'active'))
    const byKey = computed(() => new Map(all.value.map((t) => [t.key, t] as const)))
    const s = useSelection({ filtered, sorted: computed(() => all.value), view: text, byKey })
    return { all, text, s }
  }

  it('becomes empty with a notice when a refresh removes the active token, details open or closed; nothing takes its place', async () => {
    const { all, s } = live()
    s.select(all.value[1]!)
    s.open()
    all.value = all.value.filter((t) => t.id !== 'B')
    await nextTick()
    expect(s.active.value).toBeNull()
    expect(s.openToken.value).toBeNull()
    expect(s.gone.value).toMatchObject({ reason: 'removed', token: { id: 'B' } })
    // Closed details too.
    s.select(all.value[1]!)
    expect(s.gone.value).toBeNull()
    all.value = all.value.filter((t) => t.id !== 'C')
    await nextTick()
    expect(s.active.value).toBeNull()
    expect(s.gone.value?.token.id).toBe('C')
  })

  it('follows its token when rows are added or move, and says when it no longer matches', async () => {
    const { all, s } = live()
    s.select(all.value[2]!)
    all.value = [token('mpt', 'NEW'), ...all.value]
    await nextTick()
    expect(s.active.value?.id).toBe('C')
    expect(s.activeIndex.value).toBe(3)
    all.value = all.value.map((t) => (t.id === 'C' ? { ...t, status: 'disabled' as const } : t))
    await nextTick()
    expect(s.active.value).toBeNull()
    expect(s.gone.value).toMatchObject({ reason: 'filtered', token: { id: 'C' } })
  })

  it('goes on from where the token was with ↓ and ↑; a new view clears the notice', async () => {
    const { all, text, s } = live()
    s.select(all.value[1]!)
    all.value = all.value.filter((t) => t.id !== 'B')
    await nextTick()
    s.move(1)
    expect(s.active.value?.id).toBe('C')
    expect(s.gone.value).toBeNull()
    all.value = all.value.filter((t) => t.id !== 'C')
    await nextTick()
    s.move(-1)
    expect(s.active.value?.id).toBe('A')
    all.value = all.value.filter((t) => t.id !== 'A')
    await nextTick()
    expect(s.gone.value?.token.id).toBe('A')
    text.value = 'D'
    await nextTick()
    expect(s.gone.value).toBeNull()
    expect(s.active.value?.id).toBe('D')
  })

  it('says nothing when the user unchecks the active row while reviewing the selection', async () => {
    const { all, s } = live()
    s.toggle(all.value[0]!)
    s.toggle(all.value[1]!)
    s.reviewing.value = true
    await nextTick()
    s.select(all.value[1]!)
    s.toggle(all.value[1]!)
    await nextTick()
    expect(s.active.value).toBeNull()
    expect(s.gone.value).toBeNull()
  })
})
