import { DEFAULT_SETTINGS, type Settings } from '@common/model'
import type { SettingsPatch } from '@common/validation'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { call, onEvent } from '@/api'

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings>({ ...DEFAULT_SETTINGS })
  let unsubscribe: (() => void) | null = null

  async function load(): Promise<void> {
    settings.value = await call('settings:get')
    unsubscribe ??= onEvent('settings:changed', (next) => {
      settings.value = next
    })
  }

  async function update(patch: SettingsPatch): Promise<void> {
    settings.value = await call('settings:update', patch)
  }

  return { settings, load, update }
})
