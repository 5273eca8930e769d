/** The user's owners, notes, tags and display names by token key (main keeps them sealed). */
import type { TokenMeta, TokenMetaPatch } from '@common/token-meta'
import { defineStore } from 'pinia'
import { shallowRef, triggerRef } from 'vue'
import { forEachMetaChange, metaChangeCount, sliceMetaChanges, type MetaChanges } from '@common/meta-changes'
import { call, onEvent } from '@/api'
import { SLICE_ROWS, SlicedWork } from './sliced-work'

export const useMetaStore = defineStore('meta', () => {
  const byKey = shallowRef<ReadonlyMap<string, TokenMeta>>(new Map())
  let unsubscribe: (() => void) | null = null
  const work = new SlicedWork()

  async function load(): Promise<void> {
    // Changed in place, then announced: a copy of every token's metadata per change was 50,000
    // entries copied for one token's note. A bulk change of 50,000, a slice a task, as the rows are.
    const apply = (changes: MetaChanges): void => {
      const map = byKey.value as Map<string, TokenMeta>
      forEachMetaChange(changes, (key, meta) => (meta ? map.set(key, meta) : map.delete(key)))
      triggerRef(byKey)
    }
    unsubscribe ??= onEvent('meta:changed', (changes) => {
      work.flush()
      if (metaChangeCount(changes) <= SLICE_ROWS) apply(changes)
      else work.later(sliceMetaChanges(changes, SLICE_ROWS).map((piece) => () => apply(piece)))
    })
    byKey.value = new Map(Object.entries(await call('meta:all')))
  }

  /** Throws an ApiError with per-field messages when main refuses a value. */
  async function update(connectionId: string, tokenIds: string[], patch: TokenMetaPatch): Promise<void> {
    await call('meta:update', connectionId, tokenIds, patch)
  }

  return { byKey, load, update }
})
