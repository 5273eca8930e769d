/**
 * The PrimeVue preset: Aura with a calm indigo accent and a neutral (zinc) surface scale, so
 * light and dark are equals. Density and the app's own tokens come from styles/theme.css.
 */
import { definePreset } from '@primeuix/themes'
import Aura from '@primeuix/themes/aura'
import { DARK_CLASS } from './composables/useTheme'

export const TokendeskPreset = definePreset(Aura, {
  semantic: {
    primary: {
      50: '{indigo.50}',
      100: '{indigo.100}',
      200: '{indigo.200}',
      300: '{indigo.300}',
      400: '{indigo.400}',
      500: '{indigo.500}',
      600: '{indigo.600}',
      700: '{indigo.700}',
      800: '{indigo.800}',
      900: '{indigo.900}',
      950: '{indigo.950}',
    },
    colorScheme: {
      light: { surface: { 0: '#ffffff', 50: '{zinc.50}', 100: '{zinc.100}', 200: '{zinc.200}', 300: '{zinc.300}', 400: '{zinc.400}', 500: '{zinc.500}', 600: '{zinc.600}', 700: '{zinc.700}', 800: '{zinc.800}', 900: '{zinc.900}', 950: '{zinc.950}' } },
      dark: { surface: { 0: '#ffffff', 50: '{zinc.50}', 100: '{zinc.100}', 200: '{zinc.200}', 300: '{zinc.300}', 400: '{zinc.400}', 500: '{zinc.500}', 600: '{zinc.600}', 700: '{zinc.700}', 800: '{zinc.800}', 900: '{zinc.900}', 950: '{zinc.950}' } },
    },
  },
})

export const primeVueTheme = {
  preset: TokendeskPreset,
  options: { prefix: 'p', darkModeSelector: `.${DARK_CLASS}`, cssLayer: false },
}

/** The per-load CSP nonce Vite writes into <meta property="csp-nonce"> (see electron/main/csp.ts). */
export function cspNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')
  return meta?.nonce || meta?.getAttribute('nonce') || undefined
}
