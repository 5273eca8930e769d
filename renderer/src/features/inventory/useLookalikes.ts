/**
 * Tokens whose names look like another token's but differ underneath (see lookalike.ts), kept per
 * inventory. Computed only in the browser's idle time (requestIdleCallback, within each idle
 * period's deadline), after the inventory arrives: never on a keystroke or a scrolled frame.
 */
import type { Token } from '@common/tokens'
import { shallowRef, watch, type Ref } from 'vue'
import type { Budget } from '@/lookalike'

function idleBudget(isCurrent: () => boolean): Budget {
  let deadline: IdleDeadline | null = null
  return {
    expired: () => !deadline || deadline.timeRemaining() < 2,
    next: () =>
      new Promise((resolve, reject) => {
        const go = (d: IdleDeadline | null): void => {
          deadline = d
          if (isCurrent()) resolve()
          else reject(new Error('superseded'))
        }
        if (window.requestIdleCallback) window.requestIdleCallback(go)
        else setTimeout(() => go({ didTimeout: false, timeRemaining: () => 8 }), 50)
      }),
  }
}

export function useLookalikes(tokens: Ref<readonly Token[]>) {
  const flagged = shallowRef<ReadonlyMap<string, string>>(new Map())
  let run = 0
  watch(
    tokens,
    async (list) => {
      const mine = ++run
      const { findLookalikes } = await import('@/lookalike')
      const found = await findLookalikes(list, idleBudget(() => mine === run)).catch(() => null)
      if (found && mine === run) flagged.value = found
    },
    { immediate: true },
  )
  return flagged
}
