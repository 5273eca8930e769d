/** The user's owners, notes, tags and display names by token key (main keeps them sealed). */
import type { TokenMeta, TokenMetaPatch } from '@common/token-meta'
import { defineStore } from 'pinia'
import { shallowRef, triggerRef } from 'vue'
import { forEachMetaChange } from '@common/meta-changes'
import { call, onEvent } from '@/api'

export const useMetaStore = defineStore('meta', () => {
  const byKey = shallowRef<ReadonlyMap<string, TokenMeta>>(new Map())
  let unsubscribe: (() => void) | null = null

  async function load(): Promise<void> {
    // Changed in place, then announced: a copy of every token's metadata per change was 50,000
    // entries copied for one token's note.
    unsubscribe ??= onEvent('meta:changed', (changes) => {
      const map = byKey.value as Map<string, TokenMeta>
      forEachMetaChange(changes, (key, meta) => (meta ? map.set(key, meta) : map.delete(key)))
      triggerRef(byKey)
    })
    byKey.value = new Map(Object.entries(await call('meta:all')))
  }

  /** Throws an ApiError with per-field messages when main refuses a value. */
  async function update(connectionId: string, tokenIds: string[], patch: TokenMetaPatch): Promise<void> {
    await call('meta:update', connectionId, tokenIds, patch)
  }

  return { byKey, load, update }
})
