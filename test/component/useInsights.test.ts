import { computeInsights } from '@common/insights'
import { describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { useInsights } from '@/features/insights/useInsights'
import { NOW, token } from './fixtures'

const DAY = 86_400_000
const many = (n: number, tag = '') =>
  Array.from({ length: n }, (_, i) =>
    token((['mpt', 'fynn', 'prefactor'] as const)[i % 3]!, `T${tag}${i}`, {
      createdAt: new Date(NOW - (i % 900) * DAY).toISOString(),
      expiresAt: i % 4 ? new Date(NOW + ((i % 120) - 20) * DAY).toISOString() : null,
      lastUsedAt: i % 5 ? null : new Date(NOW - (i % 200) * DAY).toISOString(),
      status: (['active', 'disabled', 'suspended', 'active'] as const)[i % 4]!,
      owner: i % 3 ? 'Platform team' : undefined,
    }),
  )

function mountInsights(list: ReturnType<typeof many>) {
  const tokens = ref(list)
  const scopeKey = ref('all')
  const scope = effectScope()
  const insights = scope.run(() => useInsights(tokens, ref(NOW), ref(180), scopeKey))!
  return { tokens, scopeKey, insights, stop: () => scope.stop() }
}

describe('useInsights', () => {
  it('has a small inventory’s figures at once, before the view’s first render', () => {
    const list = many(300)
    const { insights, stop } = mountInsights(list)
    expect(insights.value).toEqual(computeInsights(list, NOW, { maxAgeDays: 180 }))
    stop()
  })

  it('counts a large inventory in slices that give the thread back, to the figures of counting it at once', async () => {
    const list = many(60_000)
    const timeouts = vi.spyOn(globalThis, 'setTimeout')
    const { insights, stop } = mountInsights(list)
    try {
      expect(insights.value).toBeNull() // the first slice ran out of time: "Counting…"
      await vi.waitFor(() => expect(insights.value).not.toBeNull(), { timeout: 20_000 })
      expect(timeouts.mock.calls.length).toBeGreaterThan(1)
      expect(insights.value).toEqual(computeInsights(list, NOW, { maxAgeDays: 180 }))
    } finally {
      timeouts.mockRestore()
      stop()
    }
  })

  it('shows the newest inventory’s figures when it changes during a count, and never another scope’s', async () => {
    const { tokens, scopeKey, insights, stop } = mountInsights(many(60_000))
    try {
      const next = many(40_000, 'b')
      tokens.value = next
      await nextTick()
      await vi.waitFor(() => expect(insights.value).not.toBeNull(), { timeout: 20_000 })
      expect(insights.value).toEqual(computeInsights(next, NOW, { maxAgeDays: 180 }))
      // Another client: no figures until its own are counted.
      scopeKey.value = 'Acme'
      tokens.value = many(50_000, 'c')
      await nextTick()
      expect(insights.value).toBeNull()
      await vi.waitFor(() => expect(insights.value?.total).toBe(50_000), { timeout: 20_000 })
    } finally {
      stop()
    }
  })
})
