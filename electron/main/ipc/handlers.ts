/** The handler table: a plain object over the services, one entry per invoke channel. */
import type { EventPayloads } from '../../common/ipc-contract'
import type { EventChannel } from '../../common/ipc-channels'
import type { AppInfo } from '../../common/model'
import type { Services } from '../services'
import type { Handlers } from './dispatcher'

export type EmitEvent = <E extends EventChannel>(event: E, payload: EventPayloads[E]) => void

export function createHandlers(services: Services, appInfo: AppInfo, emit: EmitEvent): Handlers {
  const { connections, settings, inventory } = services
  inventory.listen({
    progress: (p) => emit('inventory:progress', p),
    status: (s) => emit('inventory:status', s),
  })
  const changed = <T>(value: T): T => {
    emit('connections:changed', connections.list())
    return value
  }
  return {
    'app:info': () => appInfo,
    'app:notices': () => services.notices,
    'connections:list': () => connections.list(),
    'connections:add': async (input) => changed(await connections.add(input)),
    'connections:update': async (id, patch) => changed(await connections.update(id, patch)),
    'connections:remove': async (id) => changed(await connections.remove(id)),
    'connections:setCredential': async (id, credential) =>
      changed(await connections.setCredential(id, credential)),
    'connections:test': (id) => inventory.test(id),
    'inventory:status': () => inventory.statuses(),
    'inventory:refresh': async (id) => (id ? [await inventory.refresh(id)] : inventory.refreshAll()),
    'tokens:list': (id) => inventory.tokens(id ?? undefined),
    'settings:get': () => settings.get(),
    'settings:update': async (patch) => {
      const next = await settings.update(patch)
      emit('settings:changed', next)
      return next
    },
  }
}
