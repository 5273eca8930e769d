/**
 * The app lock, through the same dispatcher and handlers the app runs and the fake Electron
 * powerMonitor / systemPreferences behind the shell seam: what locks it, what it clears, that
 * main refuses secrets while locked, and how it unlocks.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LockState } from '../../../../electron/common/app-lock'
import type { EventChannel } from '../../../../electron/common/ipc-channels'
import { electronPower, electronUnlockCheck } from '../../../../electron/main/shell/power'
import { createDispatcher, type Dispatch } from '../../../../electron/main/ipc/dispatcher'
import { forwardEvents } from '../../../../electron/main/ipc/events'
import { createHandlers } from '../../../../electron/main/ipc/handlers'
import { createServices, type Services } from '../../../../electron/main/services'
import { silentLogger } from '../../../../electron/main/services/logger'
import { powerMonitor, resetFake, systemPreferences } from '../../../fakes/electron'
import { MemoryClipboard } from '../../../fakes/memory-clipboard'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

const APP = { url: 'app://tokendesk/index.html', isMainFrame: true }
const SECRET = 'pf_live_5ecret-value-for-the-lock-test'
let dir: string
let services: Services
let clipboard: MemoryClipboard
let dispatch: Dispatch
let events: Array<{ event: EventChannel; payload: unknown }>
let connectionId: string
let stopEvents: () => void

const call = (channel: string, ...args: unknown[]) => dispatch(APP, channel, args)
const lockEvents = () => events.filter((e) => e.event === 'lock:changed').map((e) => e.payload as LockState)

beforeEach(async () => {
  resetFake()
  dir = await makeTempDir()
  clipboard = new MemoryClipboard()
  events = []
  services = await createServices({
    dataDir: dir,
    secrets: new MemorySecretStore(),
    log: silentLogger,
    clipboard,
    lock: { power: electronPower, check: electronUnlockCheck, pollMs: 5 },
  })
  const c = await services.connections.add({ provider: 'prefactor', label: 'Agents', client: 'Globex', baseUrl: 'http://127.0.0.1:9', accountId: null, credential: 'pf-credential-x' })
  connectionId = c.id
  await services.tokenSecrets.save(c.id, 'tok1', SECRET)
  stopEvents = forwardEvents(services, (event, payload) => void events.push({ event, payload }))
  dispatch = createDispatcher(createHandlers(services, { version: '0', platform: 'linux' }), { trustedOrigins: ['app://tokendesk/'], log: silentLogger })
  services.appLock.start()
})
afterEach(async () => {
  services.appLock.stop()
  stopEvents()
  await removeDir(dir)
})

describe('app lock', () => {
  it('main refuses reveal and copy while locked, and hands them out again once unlocked', async () => {
    expect(await call('secret:reveal', connectionId, 'tok1')).toEqual({ ok: true, value: SECRET })
    expect(await call('lock:lock')).toEqual({ ok: true, value: { locked: true, reason: 'manual', unlockWith: 'button' } })

    const refused = { ok: false, error: { kind: 'locked', message: 'Tokendesk is locked. Unlock it to show or copy a secret.' } }
    expect(await call('secret:reveal', connectionId, 'tok1')).toEqual(refused)
    expect(await call('secret:copy', connectionId, 'tok1')).toEqual(refused)
    expect(clipboard.writes).toBe(0)
    expect((await call('tokens:create', connectionId, { scope: 'read', environment: 'sandbox', expiresAt: null }, true)).ok).toBe(false)
    // Nothing about a secret leaks in the refusal, and nothing else is refused: the inventory still answers.
    expect(JSON.stringify(await call('secret:reveal', connectionId, 'tok1'))).not.toContain(SECRET)
    expect((await call('tokens:list', null)).ok).toBe(true)

    expect(await call('lock:unlock')).toEqual({ ok: true, value: { locked: false, reason: null, unlockWith: 'button' } })
    expect(await call('secret:reveal', connectionId, 'tok1')).toEqual({ ok: true, value: SECRET })
    expect(lockEvents().map((s) => s.locked)).toEqual([true, false])
  })

  it('refuses a secret when the lock came while the keychain was being read', async () => {
    const store = services.secrets
    const read = store.get.bind(store)
    store.get = async (account) => {
      await services.appLock.lock('suspend')
      return read(account)
    }
    expect(await call('secret:reveal', connectionId, 'tok1')).toMatchObject({ ok: false, error: { kind: 'locked' } })
    await services.appLock.unlock()
    expect(await call('secret:copy', connectionId, 'tok1')).toMatchObject({ ok: false, error: { kind: 'locked' } })
    expect(await clipboard.readText()).toBe('')
  })

  it('locking clears a secret this app copied, but not what the user copied since', async () => {
    expect((await call('secret:copy', connectionId, 'tok1')).ok).toBe(true)
    expect(await clipboard.readText()).toBe(SECRET)
    await call('lock:lock')
    expect(clipboard.formats).toEqual({})
    expect(events).toContainEqual({ event: 'clipboard:cleared', payload: { reason: 'lock' } })

    await call('lock:unlock')
    await call('secret:copy', connectionId, 'tok1')
    clipboard.userCopies('my own notes')
    await call('lock:lock')
    expect(await clipboard.readText()).toBe('my own notes')
  })

  it('locks when the operating system locks the screen, and when the machine suspends', async () => {
    powerMonitor.emit('lock-screen')
    await vi.waitFor(() => expect(services.appLock.state()).toMatchObject({ locked: true, reason: 'os-lock' }))
    await call('lock:unlock')
    powerMonitor.emit('suspend')
    await vi.waitFor(() => expect(services.appLock.state()).toMatchObject({ locked: true, reason: 'suspend' }))
    expect(lockEvents().map((s) => s.reason)).toEqual(['os-lock', null, 'suspend'])
  })

  it('locks when the OS reports its screen locked without an event (Linux), on the next poll', async () => {
    powerMonitor.screenLocked = true
    await vi.waitFor(() => expect(services.appLock.state()).toMatchObject({ locked: true, reason: 'os-lock' }))
  })

  it('locks after the idle-time setting (15 minutes by default), and never when it is 0', async () => {
    expect(services.settings.get().lockIdleMinutes).toBe(15)
    powerMonitor.idleSeconds = 14 * 60 + 59
    await services.appLock.checkIdle()
    expect(services.appLock.state().locked).toBe(false)
    powerMonitor.idleSeconds = 15 * 60
    // The poll (every 5 ms here) sees it.
    await vi.waitFor(() => expect(services.appLock.state()).toMatchObject({ locked: true, reason: 'idle' }))

    powerMonitor.idleSeconds = 0 // the click on Unlock is input
    await call('lock:unlock')
    await call('settings:update', { lockIdleMinutes: 0 })
    powerMonitor.idleSeconds = 24 * 3600
    await services.appLock.checkIdle()
    expect(services.appLock.state().locked).toBe(false)
  })

  it('unlocks through Touch ID where the Mac offers it, and stays locked when it is cancelled', async () => {
    systemPreferences.touchId = true
    const original = process.platform
    Object.defineProperty(process, 'platform', { value: 'darwin' })
    try {
      await call('lock:lock')
      expect(services.appLock.state().unlockWith).toBe('touch-id')
      systemPreferences.touchIdPasses = false
      expect(await call('lock:unlock')).toEqual({ ok: false, error: { kind: 'locked', message: 'Touch ID did not confirm it is you, so Tokendesk stays locked. Try again.' } })
      expect(services.appLock.state().locked).toBe(true)
      expect(await call('secret:reveal', connectionId, 'tok1')).toMatchObject({ ok: false, error: { kind: 'locked' } })
      systemPreferences.touchIdPasses = true
      expect(await call('lock:unlock')).toMatchObject({ ok: true, value: { locked: false } })
      expect(systemPreferences.prompts).toEqual(['unlock Tokendesk', 'unlock Tokendesk'])
    } finally {
      Object.defineProperty(process, 'platform', { value: original })
    }
  })

  it('with "unlock before every reveal" on, main hands out each secret only after its own unlock action, once', async () => {
    expect((await call('settings:update', { unlockBeforeReveal: true })).ok).toBe(true)
    const confirmFirst = { ok: false, error: { kind: 'locked', fields: { reveal: 'confirm' } } }
    expect(await call('secret:reveal', connectionId, 'tok1')).toMatchObject(confirmFirst)
    expect(await call('secret:copy', connectionId, 'tok1')).toMatchObject(confirmFirst)
    expect(clipboard.writes).toBe(0)

    expect(await call('lock:confirmReveal', connectionId, 'tok1')).toEqual({ ok: true })
    // The confirmation is for that token only, and for one use.
    expect(await call('secret:reveal', connectionId, 'other')).toMatchObject(confirmFirst)
    expect(await call('secret:reveal', connectionId, 'tok1')).toEqual({ ok: true, value: SECRET })
    expect(await call('secret:reveal', connectionId, 'tok1')).toMatchObject(confirmFirst)

    // A lock drops a confirmation given before it; a confirmation is refused while locked.
    await call('lock:confirmReveal', connectionId, 'tok1')
    await call('lock:lock')
    expect(await call('lock:confirmReveal', connectionId, 'tok1')).toMatchObject({ ok: false, error: { kind: 'locked' } })
    await call('lock:unlock')
    expect(await call('secret:copy', connectionId, 'tok1')).toMatchObject(confirmFirst)

    // Touch ID where the Mac offers it: cancelled, no confirmation.
    systemPreferences.touchId = true
    const original = process.platform
    Object.defineProperty(process, 'platform', { value: 'darwin' })
    try {
      systemPreferences.touchIdPasses = false
      expect(await call('lock:confirmReveal', connectionId, 'tok1')).toMatchObject({ ok: false, error: { kind: 'locked' } })
      expect(await call('secret:copy', connectionId, 'tok1')).toMatchObject(confirmFirst)
      systemPreferences.touchIdPasses = true
      expect((await call('lock:confirmReveal', connectionId, 'tok1')).ok).toBe(true)
      expect((await call('secret:copy', connectionId, 'tok1')).ok).toBe(true)
      expect(systemPreferences.prompts).toEqual(['show a token secret', 'show a token secret'])
    } finally {
      Object.defineProperty(process, 'platform', { value: original })
    }

    // Off again (the default): Show and Copy need nothing more than an unlocked app.
    await call('settings:update', { unlockBeforeReveal: false })
    expect(await call('secret:reveal', connectionId, 'tok1')).toEqual({ ok: true, value: SECRET })
  })

  it('does not lock the CLI: a process that never starts the lock hands out secrets whatever the app does', async () => {
    const cli = await createServices({ dataDir: dir, secrets: new MemorySecretStore(), log: silentLogger })
    await call('lock:lock')
    powerMonitor.emit('suspend')
    expect(cli.appLock.state().locked).toBe(false)
    cli.watch.stop()
  })
})
