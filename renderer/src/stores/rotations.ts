/**
 * Rotations (guided replaces) as main has them, kept current by `rotation:changed` (this window's
 * steps, the overlap timer's retire, a CLI's rotate). Loaded on first use: the details panel and
 * Insights ask for it. No secret is ever in a rotation.
 */
import { isOpen, type Rotation } from '@common/rotation'
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { call, onEvent } from '@/api'

export const useRotationsStore = defineStore('rotations', () => {
  const byId = shallowRef<ReadonlyMap<string, Rotation>>(new Map())
  let loading: Promise<void> | null = null
  let unsubscribe: (() => void) | null = null

  function merge(changed: Rotation[]): void {
    const next = new Map(byId.value)
    for (const r of changed) next.set(r.id, r)
    byId.value = next
  }

  /**
   * Once: subscribe, then read the list (a change heard meanwhile is kept, being newer). Never
   * rejects: without the list the window just shows no rotation, and the next call tries again.
   */
  function load(): Promise<void> {
    loading ??= (async () => {
      unsubscribe ??= onEvent('rotation:changed', merge)
      const heard = byId.value
      byId.value = new Map([...(await call('rotation:list')).map((r) => [r.id, r] as const), ...heard])
    })().catch(() => {
      loading = null
    })
    return loading
  }

  /** Read the list again (after a failed step: its record says what happened, whatever the events' order). */
  async function refresh(): Promise<void> {
    merge(await call('rotation:list'))
  }

  const open = computed(() => [...byId.value.values()].filter(isOpen))

  /** The open rotation a token is part of (as the old token or as its successor). */
  function forToken(connectionId: string, tokenId: string): Rotation | null {
    return open.value.find((r) => r.connectionId === connectionId && (r.oldId === tokenId || r.successorId === tokenId)) ?? null
  }

  return { byId, open, load, refresh, merge, forToken }
})
