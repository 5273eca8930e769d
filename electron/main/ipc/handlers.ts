/** The handler table: a plain object over the services, one entry per invoke channel. */
import type { EventPayloads } from '../../common/ipc-contract'
import type { EventChannel } from '../../common/ipc-channels'
import type { AppInfo } from '../../common/model'
import { AppError } from '../app-error'
import { isAllowedExternalUrl } from '../security'
import { writeFileAtomic } from '../services/atomic-file'
import type { Services } from '../services'
import type { Handlers } from './dispatcher'

export type EmitEvent = <E extends EventChannel>(event: E, payload: EventPayloads[E]) => void

/** What the handlers need from the desktop shell (Electron's `shell` and `dialog` in the app). */
export interface ShellPort {
  openExternal(url: string): Promise<void>
  /** Ask where to save a file; null when the user cancels. */
  chooseSavePath(defaultName: string, format: 'csv' | 'json'): Promise<string | null>
}

export function createHandlers(services: Services, appInfo: AppInfo, emit: EmitEvent, shell?: ShellPort): Handlers {
  const { connections, settings, inventory, actions, tokenSecrets, activity } = services
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
    'app:openExternal': async (url) => {
      if (!isAllowedExternalUrl(url)) throw new AppError('validation', 'Tokendesk opens only the vendors’ own https pages.')
      await shell?.openExternal(url)
    },
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
    'tokens:create': (id, input, saveSecret) => actions.create(id, input, saveSecret),
    'tokens:update': (id, tokenId, input) => actions.update(id, tokenId, input),
    'tokens:action': (id, tokenId, action) => actions.run(id, tokenId, action),
    'tokens:bulk': (id, action, tokenIds) => actions.bulk(id, action, tokenIds),
    'tokens:activity': (id, tokenId) => activity.forToken(id, tokenId),
    'secret:availability': (id, tokenId) => tokenSecrets.availability(id, tokenId),
    'secret:reveal': async (id, tokenId) => {
      const secret = await tokenSecrets.read(id, tokenId)
      await activity.record({ connectionId: id, tokenId, action: 'reveal', outcome: 'ok', detail: null })
      return secret
    },
    'secret:copy': async (id, tokenId) => {
      if (!services.clipboard) throw new AppError('internal', 'There is no clipboard here.')
      const result = await services.clipboard.copySecret(await tokenSecrets.read(id, tokenId), settings.get().clipboardClearSec)
      await activity.record({ connectionId: id, tokenId, action: 'copy', outcome: 'ok', detail: null })
      return result
    },
    'secret:attach': async (id, tokenId, secret) => {
      await tokenSecrets.save(id, tokenId, secret)
      await activity.record({ connectionId: id, tokenId, action: 'attach-secret', outcome: 'ok', detail: null })
      return tokenSecrets.availability(id, tokenId)
    },
    'export:save': async (format, filter, sort) => {
      const rows = services.exporter.rows(filter, sort)
      const stamp = new Date().toISOString().slice(0, 10)
      const target = await shell?.chooseSavePath(`tokendesk-tokens-${stamp}.${format}`, format)
      if (!target) return null
      await writeFileAtomic(target, services.exporter.render(rows, format))
      return { path: target, count: rows.length }
    },
    'review:mark': () => services.review.mark(),
    'review:diff': () => services.review.diff(),
    'demo:start': async () => changed(await services.demo.start()),
    'demo:remove': async () => changed(await services.demo.remove()),
    'settings:get': () => settings.get(),
    'settings:update': async (patch) => {
      const next = await settings.update(patch)
      emit('settings:changed', next)
      return next
    },
  }
}
