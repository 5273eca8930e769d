/**
 * Whether the sidebar is collapsed to icons: by default when the window is narrow (under 1100 px,
 * where the grid needs the room); the user's own choice, once made, is kept (localStorage: a UI
 * preference of this window).
 */
import { computed, ref } from 'vue'

const KEY = 'tokendesk.sidebar.collapsed'
const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(max-width: 1099px)') : null
const narrow = ref(query?.matches ?? false)
query?.addEventListener('change', (e) => (narrow.value = e.matches))

function stored(): boolean | null {
  try {
    const v = localStorage.getItem(KEY)
    return v === null ? null : v === 'true'
  } catch {
    return null
  }
}
const choice = ref<boolean | null>(stored())

export function useSidebar() {
  const collapsed = computed(() => choice.value ?? narrow.value)
  function toggle(): void {
    choice.value = !collapsed.value
    try {
      localStorage.setItem(KEY, String(choice.value))
    } catch {
      // The choice then lasts until the window closes.
    }
  }
  return { collapsed, toggle }
}
