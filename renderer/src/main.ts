import { createPinia } from 'pinia'
import PrimeVue from 'primevue/config'
import ConfirmationService from 'primevue/confirmationservice'
import ToastService from 'primevue/toastservice'
import Tooltip from 'primevue/tooltip'
import { createApp } from 'vue'
import 'primeicons/primeicons.css'
import App from './App.vue'
import { router } from './router'
// Styles: the tokens, the global pieces, then each feature's own file. All load at start-up in this
// fixed order, so the cascade (against PrimeVue's injected styles too) does not depend on which
// route was visited first.
import './styles/theme.css'
import './styles/base.css'
import './styles/components.css'
import './styles/shell.css'
import './components/layout/lock-screen.css'
import './features/inventory/inventory.css'
import './features/inventory/labels.css'
import './features/inventory/findings.css'
import './features/token/token.css'
import './features/token/rotation.css'
import './features/connections/connections.css'
import './features/settings/settings.css'
import './features/review/review.css'
import './features/welcome/welcome.css'
import './features/insights/insights.css'
import { cspNonce, primeVueTheme } from './theme'

createApp(App)
  .use(createPinia())
  .use(router)
  .use(PrimeVue, { theme: primeVueTheme, csp: { nonce: cspNonce() }, ripple: false })
  .use(ToastService)
  .use(ConfirmationService)
  .directive('tooltip', Tooltip)
  .mount('#app')
