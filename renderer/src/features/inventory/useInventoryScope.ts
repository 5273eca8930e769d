import type { Connection } from '@common/model'
import { PROVIDERS } from '@common/providers'
import type { TokenFilter } from '@common/token-query'
import { computed, type Ref } from 'vue'
import { clientName } from '@/labels'
import { useConnectionsStore } from '@/stores/connections'
import { useInventoryStore } from '@/stores/inventory'
import { useSettingsStore } from '@/stores/settings'

const FAILURE: Partial<Record<string, string>> = { auth: 'credential rejected', permission: 'permission missing', offline: 'offline', timeout: 'timed out', unavailable: 'vendor unavailable', rate_limited: 'rate limited', keychain_unavailable: 'keychain unavailable' }

/**
 * The connections the inventory's scope (one connection, one client, or all) takes in, and what
 * the page says about them: title, counts, freshness, offline, failures; and refreshing them.
 */
export function useInventoryScope(filter: Ref<TokenFilter>, connectionMap: Ref<Map<string, Connection>>) {
  const connectionsStore = useConnectionsStore()
  const settingsStore = useSettingsStore()
  const inventory = useInventoryStore()

  // Recomputed when the scope changes, not on every keystroke of the search (the filter is a new
  // object then): counting the scope's 50,000 tokens per keystroke was most of a keystroke's cost.
  const scope = computed<{ connectionId: string | null; client: string | null }>((old) => {
    const { connectionId, client } = filter.value
    return old && old.connectionId === connectionId && old.client === client ? old : { connectionId, client }
  })
  const connections = computed<Connection[]>(() => {
    const { connectionId, client } = scope.value
    return connectionsStore.connections.filter((c) => (connectionId === null || c.id === connectionId) && (client === null || c.client === client))
  })
  /** From each connection's list length: no pass over the tokens. */
  const tokenCount = computed(() => connections.value.reduce((n, c) => n + (inventory.byConnection.get(c.id)?.length ?? 0), 0))
  const title = computed(() => {
    if (filter.value.connectionId) {
      const c = connectionMap.value.get(filter.value.connectionId)
      return c ? c.label : 'Connection'
    }
    if (filter.value.client !== null) return clientName(filter.value.client)
    return 'All tokens'
  })
  const subtitle = computed(() => {
    if (filter.value.connectionId) {
      const c = connectionMap.value.get(filter.value.connectionId)
      return c ? `${clientName(c.client)} · ${PROVIDERS[c.provider].name}` : ''
    }
    return `${connections.value.length} connection${connections.value.length === 1 ? '' : 's'}`
  })
  const oldestRefresh = computed(() => {
    const times = connections.value.map((c) => inventory.statuses[c.id]?.refreshedAt).filter((t): t is string => !!t)
    return times.length ? times.sort()[0]! : null
  })

  // Offline: the switch, or every connection in view unreachable on its last try.
  const offlineMode = computed<'switch' | 'unreachable' | null>(() => {
    if (settingsStore.settings.workOffline) return 'switch'
    const list = connections.value.map((c) => inventory.statuses[c.id])
    return list.length > 0 && list.every((s) => s?.state === 'error' && s.error?.kind === 'offline') ? 'unreachable' : null
  })
  const stripConnections = computed(() => (offlineMode.value ? [] : connections.value))
  /** The connections in view whose last refresh failed, and why in a word. */
  const failedConnections = computed(() =>
    offlineMode.value
      ? []
      : connections.value
          .map((c) => ({ c, s: inventory.statuses[c.id] }))
          .filter(({ s }) => s?.state === 'error')
          .map(({ c, s }) => ({ c, reason: FAILURE[s!.error?.kind ?? ''] ?? 'error' })),
  )
  const creatable = computed(() => connections.value.filter((c) => PROVIDERS[c.provider].capabilities.create))

  async function refresh(): Promise<void> {
    if (filter.value.connectionId) await inventory.refresh(filter.value.connectionId)
    else if (filter.value.client !== null) await Promise.all(connections.value.map((c) => inventory.refresh(c.id)))
    else await inventory.refresh(null)
  }

  return { connections, tokenCount, title, subtitle, oldestRefresh, offlineMode, stripConnections, failedConnections, creatable, refresh }
}

export type InventoryScope = ReturnType<typeof useInventoryScope>
