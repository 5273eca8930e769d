import { config, enableAutoUnmount } from '@vue/test-utils'
import PrimeVue from 'primevue/config'
import ConfirmationService from 'primevue/confirmationservice'
import { afterEach } from 'vitest'

// Unstyled: component tests check behaviour, not the theme. The confirmation service, as in the
// app (main.ts): a secret's Show and Copy may ask for the unlock action first (useRevealGate).
config.global.plugins = [[PrimeVue, { unstyled: true }], ConfirmationService]

// Every component a test mounts is unmounted after it, as in the app: timers a library starts on
// mount and never clears (PrimeVue's TabList) then find no element, instead of reaching for DOM
// globals after happy-dom is torn down (`ReferenceError: HTMLElement is not defined`).
enableAutoUnmount(afterEach)

// happy-dom has matchMedia; make sure it answers "light" deterministically.
window.matchMedia ??= ((query: string) => ({
  matches: false,
  media: query,
  addEventListener: () => undefined,
  removeEventListener: () => undefined,
})) as unknown as typeof window.matchMedia
