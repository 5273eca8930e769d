import { createRouter, createWebHashHistory } from 'vue-router'
import InventoryView from './features/inventory/InventoryView.vue'

// Hash history: the app is served from one file; no path ever leaves the app.
// Only the inventory (the start screen) is in the start-up bundle; other views load on first visit.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/inventory' },
    { path: '/inventory', name: 'inventory', component: InventoryView },
    { path: '/welcome', name: 'welcome', component: () => import('./features/welcome/WelcomeView.vue') },
    { path: '/insights', name: 'insights', component: () => import('./features/insights/InsightsView.vue') },
    { path: '/review', name: 'review', component: () => import('./features/review/ReviewView.vue') },
    { path: '/connections', name: 'connections', component: () => import('./features/connections/ConnectionsView.vue') },
    { path: '/settings', name: 'settings', component: () => import('./features/settings/SettingsView.vue') },
    { path: '/:pathMatch(.*)*', redirect: '/inventory' },
  ],
})
