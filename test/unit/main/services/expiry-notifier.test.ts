/** Expiry notifications at several lead times, with a fixed clock, through the fake Electron Notification. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Notification } from '../../../fakes/electron'
import { electronNotifications } from '../../../../electron/main/shell/notifications'
import type { Token } from '../../../../electron/common/tokens'
import { createServices, type Services } from '../../../../electron/main/services'
import { silentLogger } from '../../../../electron/main/services/logger'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

const NOW = Date.parse('2026-11-23T09:00:00.000Z')
const D = 86_400_000
let dir: string
let secrets: MemorySecretStore
let services: Services
let connectionId: string
let clock = NOW
const opened: string[] = []
/** How a name appears in a notification: isolated from the text around it. */
const iso = (s: string): string => `\u2068${s}\u2069`

function tok(id: string, expiresInDays: number | null, patch: Partial<Token> = {}): Token {
  return {
    key: `${connectionId}/${id}`, connectionId, provider: 'prefactor', id, name: `Token ${id}`, description: null, status: 'active',
    createdAt: null, createdBy: null, updatedAt: null, lastUsedAt: null, expiresAt: expiresInDays === null ? null : new Date(NOW + expiresInDays * D).toISOString(),
    scope: [], isOwnCredential: false, vendor: {}, ...patch,
  }
}

const start = (notifications: { recheckMs?: number } = {}) =>
  createServices({
    dataDir: dir,
    secrets,
    log: silentLogger,
    notifications: { port: electronNotifications, open: (route) => void opened.push(route), debounceMs: 1, now: () => clock, timeZone: 'UTC', ...notifications },
  })

const TOKENS = (): Token[] => [
  tok('a', 2), tok('b', 6.5), tok('c', 20), tok('d', -1), tok('e', 3, { status: 'revoked' }), tok('f', null), tok('g', 0.5), tok('h', 45), tok('i', 100),
]

beforeEach(async () => {
  dir = await makeTempDir()
  secrets = new MemorySecretStore()
  clock = NOW
  opened.length = 0
  Notification.shown = []
  services = await start()
  const c = await services.connections.add({ provider: 'prefactor', label: 'Agents', client: 'Globex', baseUrl: 'http://127.0.0.1:9', accountId: null, credential: 'pf-credential-x' })
  connectionId = c.id
  services.inventory.seed(c.id, TOKENS(), new Date(NOW).toISOString())
})
afterEach(async () => {
  // A check still under way must not show its notification in the next test.
  await services.notifier?.stop()
  await removeDir(dir)
})

describe('expiry notifications at lead times (60 / 30 / 7 / 1 days)', () => {
  it('group every token newly due in one notification, a line per lead time, soonest first', async () => {
    expect(await services.notifier!.check()).toBe(5)
    expect(Notification.shown).toHaveLength(1)
    expect(Notification.shown[0]!.options).toEqual({
      title: '5 tokens expire soon',
      body: [
        `Within 1 day: ${iso('Token g')} (${iso('Globex')})`,
        `Within 7 days: ${iso('Token a')} (${iso('Globex')}), ${iso('Token b')} (${iso('Globex')})`,
        `Within 30 days: ${iso('Token c')} (${iso('Globex')})`,
        `Within 60 days: ${iso('Token h')} (${iso('Globex')})`,
      ].join('\n'),
      silent: false,
    })
  })

  it('open the inventory filtered to the widest lead time announced', async () => {
    await services.notifier!.check()
    Notification.shown[0]!.click()
    expect(opened).toEqual(['/inventory?expiry=within&days=60&sort=expiresAt'])
  })

  it('announce a token once per lead time, not once a day', async () => {
    await services.notifier!.check()
    expect(await services.notifier!.check()).toBe(0)
    clock = NOW + 0.9 * D // the next day (UTC): nothing crossed a lead time
    expect(await services.notifier!.check()).toBe(0)
    clock = NOW + 1.25 * D // a has 0.75 days left: it reaches the 1-day lead time
    expect(await services.notifier!.check()).toBe(1)
    expect(Notification.shown[1]!.options).toMatchObject({ title: '1 token expires within 1 day', body: `Within 1 day: ${iso('Token a')} (${iso('Globex')})` })
    clock = NOW + 14 * D // c has 6 days left (7-day lead); h has 31 days left (still the 60-day lead: already announced)
    expect(await services.notifier!.check()).toBe(1)
    expect(Notification.shown[2]!.options).toMatchObject({ title: '1 token expires within 7 days' })
    expect(Notification.shown).toHaveLength(3)
  })

  it('remember what was announced across a restart', async () => {
    await services.notifier!.check()
    await services.notifier!.stop()
    services = await start()
    services.inventory.seed(connectionId, TOKENS(), new Date(NOW).toISOString())
    expect(await services.notifier!.check()).toBe(0)
    expect(Notification.shown).toHaveLength(1)
  })

  it('announce a renewed token again: a new expiry is a new warning', async () => {
    await services.notifier!.check()
    services.inventory.seed(connectionId, [tok('a', 5)], new Date(NOW).toISOString())
    expect(await services.notifier!.check()).toBe(1)
  })

  it('follow the lead-time setting, and can be turned off', async () => {
    await services.settings.update({ expiryLeadDays: [90, 3] })
    expect(services.settings.get().expiryLeadDays).toEqual([90, 3])
    // a, g (3 days) and b, c, h (90 days) are due at lead times not announced before; i is 100 days away.
    expect(await services.notifier!.check()).toBe(5)
    expect(Notification.shown[0]!.options.title).toBe('5 tokens expire soon')
    clock = NOW + 4 * D // b now has 2.5 days left
    await services.settings.update({ notifications: false })
    expect(await services.notifier!.check()).toBe(0)
    expect(Notification.shown).toHaveLength(1)
  })

  it('check again every hour while the app is open, without a refresh', async () => {
    await services.notifier!.stop()
    services = await start({ recheckMs: 5 })
    services.inventory.seed(connectionId, TOKENS(), new Date(NOW).toISOString())
    services.notifier!.start()
    await vi.waitFor(() => expect(Notification.shown).toHaveLength(1))
    clock = NOW + 1.25 * D
    await vi.waitFor(() => expect(Notification.shown).toHaveLength(2))
    expect(Notification.shown[1]!.options.title).toBe('1 token expires within 1 day')
  })

  it('check after a refresh, once for a burst', async () => {
    services.notifier!.schedule()
    services.notifier!.schedule()
    await vi.waitFor(() => expect(Notification.shown).toHaveLength(1))
    expect(await services.notifier!.check()).toBe(0)
  })

  it('show a hostile vendor name as inert text, shortened, and an unnamed token by its id', async () => {
    const hostile = `evil\u202Egnp.exe<b>x</b>${'x'.repeat(200)}`
    services.inventory.seed(connectionId, [tok('h1', 2, { name: hostile }), tok('n1', 3, { name: null })], new Date(NOW).toISOString())
    await services.notifier!.check()
    const body = Notification.shown[0]!.options.body
    expect(body).not.toContain('\u202E')
    expect(body).toContain('evil<U+202E>gnp.exe<b>x</b>')
    expect(body).not.toContain('x'.repeat(60))
    expect(body).toContain(iso('Unnamed n1'))
  })
})
