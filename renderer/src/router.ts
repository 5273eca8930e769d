import { createRouter, createWebHashHistory } from 'vue-router'
import ConnectionsView from './views/ConnectionsView.vue'
import InventoryView from './views/InventoryView.vue'
import ReviewView from './views/ReviewView.vue'
import WelcomeView from './views/WelcomeView.vue'
import SettingsView from './views/SettingsView.vue'

// Hash history: the app is served from one file; no path ever leaves the app.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/inventory' },
    { path: '/inventory', name: 'inventory', component: InventoryView },
    { path: '/welcome', name: 'welcome', component: WelcomeView },
    // Loaded on first visit: the chart library stays out of the start-up bundle.
    { path: '/insights', name: 'insights', component: () => import('./views/InsightsView.vue') },
    { path: '/review', name: 'review', component: ReviewView },
    { path: '/connections', name: 'connections', component: ConnectionsView },
    { path: '/settings', name: 'settings', component: SettingsView },
    { path: '/:pathMatch(.*)*', redirect: '/inventory' },
  ],
})
