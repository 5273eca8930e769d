/** The notification logic through a fake Electron Notification (the `electron` alias). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Notification } from '../fakes/electron'
import { electronNotifications } from '../../electron/main/shell/notifications'
import type { Token } from '../../electron/common/tokens'
import { createServices, type Services } from '../../electron/main/services'
import { silentLogger } from '../../electron/main/services/logger'
import { MemorySecretStore } from '../fakes/memory-secret-store'
import { makeTempDir, removeDir } from '../support/temp-dir'

const NOW = Date.parse('2026-11-23T09:00:00.000Z')
const D = 86_400_000
let dir: string
let services: Services
let clock = NOW
const opened: string[] = []

function tok(connectionId: string, id: string, expiresInDays: number | null, patch: Partial<Token> = {}): Token {
  return {
    key: `${connectionId}/${id}`, connectionId, provider: 'prefactor', id, name: `Token ${id}`, description: null, status: 'active',
    createdAt: null, createdBy: null, updatedAt: null, lastUsedAt: null, expiresAt: expiresInDays === null ? null : new Date(NOW + expiresInDays * D).toISOString(),
    scope: [], isOwnCredential: false, vendor: {}, ...patch,
  }
}

beforeEach(async () => {
  dir = await makeTempDir()
  clock = NOW
  opened.length = 0
  Notification.shown = []
  services = await createServices({
    dataDir: dir,
    secrets: new MemorySecretStore(),
    log: silentLogger,
    notifications: { port: electronNotifications, open: (route) => void opened.push(route), debounceMs: 1, now: () => clock, timeZone: 'UTC' },
  })
  const c = await services.connections.add({ provider: 'prefactor', label: 'Agents', client: 'Globex', baseUrl: 'http://127.0.0.1:9', accountId: null, credential: 'pf-credential-x' })
  services.inventory.seed(c.id, [tok(c.id, 'a', 2), tok(c.id, 'b', 6.5), tok(c.id, 'c', 20), tok(c.id, 'd', -1), tok(c.id, 'e', 3, { status: 'revoked' }), tok(c.id, 'f', null)], new Date(NOW).toISOString())
})
afterEach(() => removeDir(dir))

describe('expiry notifications', () => {
  it('summarise the tokens expiring within the warning window in one notification', async () => {
    expect(await services.notifier!.check()).toBe(2)
    expect(Notification.shown).toHaveLength(1)
    expect(Notification.shown[0]!.options).toEqual({ title: '2 tokens expire within 7 days', body: 'Token a (Globex)\nToken b (Globex)', silent: false })
  })

  it('open the filtered inventory when clicked', async () => {
    await services.notifier!.check()
    Notification.shown[0]!.click()
    expect(opened).toEqual(['/inventory?expiry=within&days=7&sort=expiresAt'])
  })

  it('announce the same token at most once a day, and again the next day', async () => {
    await services.notifier!.check()
    expect(await services.notifier!.check()).toBe(0)
    expect(Notification.shown).toHaveLength(1)
    clock = NOW + D
    expect(await services.notifier!.check()).toBe(2)
    expect(Notification.shown).toHaveLength(2)
  })

  it('follow the warning-window setting and can be turned off', async () => {
    await services.settings.update({ expiryWarningDays: 30 })
    expect(await services.notifier!.check()).toBe(3)
    clock = NOW + 2 * D
    await services.settings.update({ notifications: false })
    expect(await services.notifier!.check()).toBe(0)
    expect(Notification.shown).toHaveLength(1)
  })

  it('check after a refresh, once for a burst', async () => {
    services.notifier!.schedule()
    services.notifier!.schedule()
    await new Promise((r) => setTimeout(r, 30))
    expect(Notification.shown).toHaveLength(1)
  })
})
