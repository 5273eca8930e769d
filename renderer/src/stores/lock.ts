/** The app lock as main reports it (main owns it and refuses secrets while locked). */
import type { LockState } from '@common/app-lock'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { call, onEvent } from '@/api'

export const useLockStore = defineStore('lock', () => {
  const state = ref<LockState>({ locked: false, reason: null, unlockWith: 'button' })
  let unsubscribe: (() => void) | null = null

  async function load(): Promise<void> {
    unsubscribe ??= onEvent('lock:changed', (next) => (state.value = next))
    state.value = await call('lock:state')
  }

  async function lock(): Promise<void> {
    state.value = await call('lock:lock')
  }

  /** Throws (ApiError 'locked') when the operating system's check was cancelled or failed. */
  async function unlock(): Promise<void> {
    state.value = await call('lock:unlock')
  }

  return { state, load, lock, unlock }
})
