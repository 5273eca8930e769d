/**
 * The client or connection the current route is scoped to (`?client=…`, `?connection=…`), as the
 * sidebar, the inventory, Insights and Connections read it.
 */
import { computed, type ComputedRef } from 'vue'
import { useRoute } from 'vue-router'

export interface Scope {
  /** A client's name ('' for connections without one), or null for every client. */
  client: string | null
  connectionId: string | null
}

export function useScope(): ComputedRef<Scope> {
  const route = useRoute()
  return computed(() => ({
    client: typeof route.query.client === 'string' ? route.query.client : null,
    connectionId: typeof route.query.connection === 'string' ? route.query.connection : null,
  }))
}
