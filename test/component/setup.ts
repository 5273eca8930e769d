import { config } from '@vue/test-utils'
import PrimeVue from 'primevue/config'

// Unstyled: component tests check behaviour, not the theme.
config.global.plugins = [[PrimeVue, { unstyled: true }]]

// happy-dom has matchMedia; make sure it answers "light" deterministically.
window.matchMedia ??= ((query: string) => ({
  matches: false,
  media: query,
  addEventListener: () => undefined,
  removeEventListener: () => undefined,
})) as unknown as typeof window.matchMedia
