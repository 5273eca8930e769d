import type { Theme } from '@common/model'
import { onScopeDispose, ref, watchEffect, type Ref } from 'vue'

export const DARK_CLASS = 'td-dark'

/** Whether the dark theme is showing now (set by useTheme, read by charts). */
export const isDark = ref(false)

/** Applies the theme setting to <html>, following the system while the setting is "system". */
export function useTheme(theme: Ref<Theme>): { dark: Ref<boolean> } {
  const media = window.matchMedia('(prefers-color-scheme: dark)')
  const systemDark = ref(media.matches)
  const onChange = (e: MediaQueryListEvent): void => {
    systemDark.value = e.matches
  }
  media.addEventListener('change', onChange)
  onScopeDispose(() => media.removeEventListener('change', onChange))

  const dark = ref(false)
  watchEffect(() => {
    dark.value = theme.value === 'dark' || (theme.value === 'system' && systemDark.value)
    document.documentElement.classList.toggle(DARK_CLASS, dark.value)
    isDark.value = dark.value
  })
  return { dark }
}
