/** Reference B: Vue 3 and @tanstack/vue-virtual (the project's own virtualiser), plain rows. */
import { createApp } from 'vue'
import { loadData } from './rows'
import VueList from './VueList.vue'

createApp(VueList, { source: await loadData() }).mount('#app')
