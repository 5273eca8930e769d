/**
 * The handler table: a plain object over the services, one entry per invoke channel. What the
 * windows hear of without asking goes through ipc/events.ts.
 */
import type { AppInfo } from '../../common/model'
import { filterTokens, sortTokens } from '../../common/token-query'
import { toListToken } from '../../common/tokens'
import { AppError } from '../app-error'
import { isAllowedExternalUrl } from '../security'
import { writeFileAtomic } from '../services/atomic-file'
import type { Services } from '../services'
import type { Handlers } from './dispatcher'

/** What the handlers need from the desktop shell (Electron's `shell` and `dialog` in the app). */
export interface ShellPort {
  openExternal(url: string): Promise<void>
  /** Ask where to save a file; null when the user cancels. */
  chooseSavePath(defaultName: string, format: 'csv' | 'json'): Promise<string | null>
}

export function createHandlers(services: Services, appInfo: AppInfo, shell?: ShellPort): Handlers {
  const { connections, settings, inventory, actions, tokenSecrets, activity } = services
  return {
    'app:info': () => appInfo,
    'app:notices': () => services.notices,
    'app:noticeAction': async (action) => {
      const outcome = await services.repair.act(action)
      services.board.withdraw((n) => n.id === 'connections-set-aside')
      const still = await services.repair.notice()
      if (still) services.board.post(still)
      return outcome
    },
    'app:openExternal': async (url) => {
      if (!isAllowedExternalUrl(url)) throw new AppError('validation', 'Tokendesk opens only the vendors’ own https pages.')
      await shell?.openExternal(url)
    },
    'connections:list': () => connections.list(),
    'connections:add': (input, test) => services.connectionSetup.add(input, { test }),
    'connections:update': (id, patch, test) => services.connectionSetup.update(id, patch, { test }),
    'connections:remove': (id) => connections.remove(id),
    'connections:setCredential': (id, credential, test) => services.connectionSetup.setCredential(id, credential, { test }),
    'connections:test': (id) => inventory.test(id),
    'inventory:status': () => inventory.statuses(),
    'inventory:refresh': async (id) => (id ? [await inventory.refresh(id)] : inventory.refreshAll()),
    'tokens:list': (id) => inventory.tokens(id ?? undefined).map(toListToken),
    'tokens:window': (filter, sort, limit) => {
      const labels = new Map(connections.list().map((c) => [c.id, c] as const))
      const rows = filterTokens(sortTokens(inventory.tokens(), sort, labels), filter, { now: Date.now(), connections: labels })
      return { rows: rows.slice(0, limit).map(toListToken), total: rows.length }
    },
    'tokens:get': (id, tokenId) => {
      const token = inventory.tokens(id).find((t) => t.id === tokenId)
      if (!token) throw new AppError('not_found', 'That token is no longer in the inventory. Refresh to update the list.')
      return token
    },
    'tokens:modules': (id) => inventory.choices(id),
    'tokens:create': async (id, input, saveSecret) => {
      const created = await actions.create(id, input, saveSecret)
      return { ...created, token: toListToken(created.token) }
    },
    'tokens:update': async (id, tokenId, input) => toListToken(await actions.update(id, tokenId, input)),
    'tokens:action': async (id, tokenId, action) => {
      const token = await actions.perform(id, tokenId, action)
      return token && toListToken(token)
    },
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
      await writeFileAtomic(target, services.exporter.render(rows, format), { createDir: false })
      return { path: target, count: rows.length }
    },
    'review:mark': () => services.review.mark(),
    'review:diff': () => services.review.diff(),
    'demo:start': () => services.demo.start(),
    'demo:remove': () => services.demo.remove(),
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
  }
}
