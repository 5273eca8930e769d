import type { Connection } from '@common/model'
import type { ConnectionPatch, NewConnection } from '@common/validation'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { call, onEvent } from '@/api'

export interface ClientGroup {
  /** '' for connections without a client. */
  client: string
  connections: Connection[]
}

export const useConnectionsStore = defineStore('connections', () => {
  const connections = ref<Connection[]>([])
  const loaded = ref(false)
  let unsubscribe: (() => void) | null = null

  const byClient = computed<ClientGroup[]>(() => {
    const groups = new Map<string, Connection[]>()
    for (const c of connections.value) {
      const list = groups.get(c.client) ?? []
      list.push(c)
      groups.set(c.client, list)
    }
    return [...groups.entries()]
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
      .map(([client, list]) => ({
        client,
        connections: list.sort((x, y) => x.label.localeCompare(y.label)),
      }))
  })

  const clients = computed(() =>
    byClient.value.map((g) => g.client).filter((c) => c !== ''),
  )

  async function load(): Promise<void> {
    connections.value = await call('connections:list')
    loaded.value = true
    unsubscribe ??= onEvent('connections:changed', (list) => {
      connections.value = list
    })
  }

  /** `test`: ask the vendor first (nothing is saved if it refuses); false saves anyway. */
  async function add(input: NewConnection, test = true): Promise<Connection> {
    const created = await call('connections:add', input, test)
    connections.value = [...connections.value.filter((c) => c.id !== created.id), created]
    return created
  }

  async function update(id: string, patch: ConnectionPatch, test = true): Promise<Connection> {
    const updated = await call('connections:update', id, patch, test)
    connections.value = connections.value.map((c) => (c.id === id ? updated : c))
    return updated
  }

  async function setCredential(id: string, credential: string, test = true): Promise<Connection> {
    const updated = await call('connections:setCredential', id, credential, test)
    connections.value = connections.value.map((c) => (c.id === id ? updated : c))
    return updated
  }

  async function remove(id: string): Promise<void> {
    await call('connections:remove', id)
    connections.value = connections.value.filter((c) => c.id !== id)
  }

  return { connections, loaded, byClient, clients, load, add, update, setCredential, remove }
})
