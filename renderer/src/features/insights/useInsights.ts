/**
 * Insights' figures, counted in slices of the window's thread: 50,000 tokens counted in one task
 * held the first frame of the view (with its chart) for hundreds of ms. The first slice runs at
 * once, so a small inventory has its figures before the view's first render; a large one shows
 * "Counting…" for the few frames it takes. A newer inventory, minute or policy supersedes a count
 * under way; the figures of another scope are never shown for this one.
 */
import { InsightsCounter, type Insights } from '@common/insights'
import type { QueryToken } from '@common/token-query'
import { onScopeDispose, shallowRef, watch, type Ref } from 'vue'

/** How long one slice may count before it gives the thread back (ms). */
export const SLICE_MS = 8
/** Tokens counted between looks at the clock. */
const STRIDE = 512

export function useInsights(tokens: Ref<readonly QueryToken[]>, now: Ref<number>, maxAgeDays: Ref<number>, scopeKey: Ref<string>) {
  const insights = shallowRef<Insights | null>(null)
  let run = 0
  onScopeDispose(() => void run++)
  watch(scopeKey, () => (insights.value = null))
  watch(
    [tokens, now, maxAgeDays],
    ([list, at, days]) => {
      const mine = ++run
      const counter = new InsightsCounter(at, { maxAgeDays: days })
      let i = 0
      const slice = (): void => {
        if (mine !== run) return
        const until = performance.now() + SLICE_MS
        while (i < list.length) {
          for (const end = Math.min(list.length, i + STRIDE); i < end; i++) counter.add(list[i]!)
          if (performance.now() >= until) break
        }
        if (i < list.length) return void setTimeout(slice, 0)
        insights.value = counter.result()
      }
      slice()
    },
    { immediate: true },
  )
  return insights
}
