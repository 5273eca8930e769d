/**
 * Tokens whose names look like another token's but differ underneath (see lookalike.ts), kept per
 * inventory. Computed in idle time, in chunks, after the inventory arrives: never on a keystroke.
 */
import type { Token } from '@common/tokens'
import { shallowRef, watch, type Ref } from 'vue'

const idle = (): Promise<void> => new Promise((resolve) => (window.requestIdleCallback ? window.requestIdleCallback(() => resolve(), { timeout: 500 }) : setTimeout(resolve, 0)))

export function useLookalikes(tokens: Ref<readonly Token[]>) {
  const flagged = shallowRef<ReadonlyMap<string, string>>(new Map())
  let run = 0
  watch(
    tokens,
    async (list) => {
      const mine = ++run
      const { findLookalikes } = await import('@/lookalike')
      const found = await findLookalikes(
        list,
        async () => {
          await idle()
          if (mine !== run) throw new Error('superseded')
        },
        500,
      ).catch(() => null)
      if (found && mine === run) flagged.value = found
    },
    { immediate: true },
  )
  return flagged
}
