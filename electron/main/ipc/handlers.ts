/**
 * The handler table: a plain object over the services, one entry per invoke channel. What the
 * windows hear of without asking goes through ipc/events.ts.
 */
import type { AppInfo } from '../../common/model'
import { tokenKey } from '../../common/tokens'
import { keysOf } from '../../common/token-selection'
import { AppError } from '../app-error'
import { isAllowedExternalUrl } from '../security'
import type { Services } from '../services'
import type { Handlers } from './dispatcher'
import { policyHandlers } from './policy-handlers'

/** What the handlers need from the desktop shell (Electron's `shell` and `dialog` in the app). */
export interface ShellPort {
  openExternal(url: string): Promise<void>
  /** Ask where to save a file; null when the user cancels. */
  chooseSavePath(defaultName: string, format: 'csv' | 'json'): Promise<string | null>
}

export function createHandlers(services: Services, appInfo: AppInfo, shell?: ShellPort): Handlers {
  const { connections, settings, inventory, actions, tokenSecrets, activity, appLock, queries } = services
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
    'tokens:list': (id) => queries.rows(id ?? undefined),
    'tokens:window': (filter, sort, limit) => queries.window(filter, sort, limit),
    'tokens:get': (id, tokenId) => {
      const token = inventory.tokens(id).find((t) => t.id === tokenId)
      if (!token) throw new AppError('not_found', 'That token is no longer in the inventory. Refresh to update the list.')
      return token
    },
    'tokens:modules': (id) => inventory.choices(id),
    'tokens:create': async (id, input, saveSecret) => {
      appLock.assertUnlocked() // the answer carries the new token's secret: not while locked
      const created = await actions.create(id, input, saveSecret)
      return { ...created, token: queries.row(created.token) }
    },
    'tokens:update': async (id, tokenId, input) => queries.row(await actions.update(id, tokenId, input)),
    'tokens:action': async (id, tokenId, action) => {
      const token = await actions.perform(id, tokenId, action)
      return token && queries.row(token)
    },
    'tokens:bulk': (id, action, tokenIds) => actions.bulk(id, action, tokenIds),
    'tokens:activity': (id, tokenId) => activity.forToken(id, tokenId),
    'rotation:list': () => services.rotations.list(),
    'rotation:start': (id, tokenId, options) =>
      services.rotations.start(id, tokenId, {
        secretTo: options.saveToKeychain ? 'keychain' : 'memory',
        overlapUntil: options.overlapUntil,
        allowInactive: options.allowInactive === true,
      }),
    'rotation:advance': (rotationId) => services.rotations.advance(rotationId),
    'rotation:undo': (rotationId) => services.rotations.rollBack(rotationId),
    'rotation:bulk': (id, tokenIds) => services.rotations.startMany(id, tokenIds),
    'secret:availability': (id, tokenId) => tokenSecrets.availability(id, tokenId),
    // Refused while locked, and withheld (a copy taken back) if it locked while the secret was read.
    'secret:reveal': (id, tokenId) => appLock.guard(tokenKey(id, tokenId), () => tokenSecrets.reveal(id, tokenId)),
    'secret:copy': (id, tokenId) => appLock.guard(tokenKey(id, tokenId), () => tokenSecrets.copy(id, tokenId, settings.get().clipboardClearSec)),
    'secret:attach': (id, tokenId, secret) => tokenSecrets.attach(id, tokenId, secret),
    'export:save': async (format, filter, sort) => {
      // The rows of the view as it was when the user asked, whatever refreshes while the dialog is open.
      const rows = services.exporter.rows(filter, sort)
      const stamp = new Date().toISOString().slice(0, 10)
      const target = await shell?.chooseSavePath(`tokendesk-tokens-${stamp}.${format}`, format)
      return target ? services.exporter.save(target, rows, format) : null
    },
    'review:mark': () => services.review.mark(),
    'review:diff': () => services.review.diff(),
    'demo:start': () => services.demo.start(),
    'demo:remove': () => services.demo.remove(),
    'meta:all': () => Object.fromEntries(services.meta.all()),
    'meta:update': async (id, tokenIds, patch) => void (await services.meta.update(id, tokenIds, patch)),
    'meta:addTags': (id, tokenIds, tags) => services.meta.addTags(id, tokenIds, tags),
    'meta:bulk': async (selection, change) => ({ failed: (await queries.labelMany(keysOf(selection), change)).filter((r) => !r.ok) }),
    'lock:state': () => appLock.state(),
    'lock:lock': () => appLock.lock('manual'),
    'lock:unlock': () => appLock.unlock(),
    'lock:confirmReveal': (id, tokenId) => appLock.confirmReveal(tokenKey(id, tokenId)),
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
    ...policyHandlers(services),
  }
}
