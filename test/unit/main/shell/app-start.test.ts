/** Start-up (app-start.ts) over the Electron fake: the window first, a failure said and exited. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { app, BrowserWindow, errorBoxes, ipcMain, resetFake, sentEvents } from '../../../fakes/electron'
import { INVOKE_CHANNELS } from '../../../../electron/common/ipc-channels'
import { AppError } from '../../../../electron/main/app-error'
import { startApp, startupFailureMessage } from '../../../../electron/main/shell/app-start'
import { createServices, type Services } from '../../../../electron/main/services'
import { silentLogger } from '../../../../electron/main/services/logger'
import { showRoute } from '../../../../electron/main/shell/window'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

const TOP_FRAME = { senderFrame: { url: 'app://tokendesk/index.html', parent: null } }
let dir: string

beforeEach(async () => {
  resetFake()
  app.requestSingleInstanceLock()
  dir = await makeTempDir()
})
afterEach(() => removeDir(dir))

/** A promise and the functions that settle it: a keychain that answers when the test says so. */
function later<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

const settle = () => new Promise((r) => setImmediate(r))

describe('start-up', () => {
  it('opens the hardened window and registers every channel before the services have loaded', async () => {
    const services = later<Services>()
    const started = startApp({ log: silentLogger, dataDir: dir, loadServices: () => services.promise })
    await settle()

    expect(BrowserWindow.windows).toHaveLength(1)
    const [window] = BrowserWindow.windows
    expect(window!.loadedUrls).toEqual(['app://tokendesk/index.html'])
    expect(window!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort())

    // A call made meanwhile waits for the services, then answers.
    let answer: unknown = 'pending'
    void Promise.resolve(ipcMain.handlers.get('connections:list')!(TOP_FRAME)).then((a) => (answer = a))
    await settle()
    expect(answer).toBe('pending')
    services.resolve(await createServices({ dataDir: dir, secrets: new MemorySecretStore(), log: silentLogger }))
    await started
    await settle()
    expect(answer).toEqual({ ok: true, value: [] })
    expect(errorBoxes).toEqual([])
  })

  it('says in a dialog what failed and what to do, releases the single-instance lock and exits', async () => {
    await startApp({ log: silentLogger, dataDir: dir, loadServices: () => Promise.reject(Object.assign(new Error('EACCES: permission denied, open …/connections.json'), { code: 'EACCES' })) })

    expect(errorBoxes).toHaveLength(1)
    expect(errorBoxes[0]!.title).toBe('Tokendesk could not start')
    expect(errorBoxes[0]!.content).toContain('(EACCES)')
    expect(errorBoxes[0]!.content).toContain(`Tokendesk keeps its data in ${dir}. Check that this folder exists and that you may write to it, then start Tokendesk again.`)
    expect(errorBoxes[0]!.content).not.toMatch(/\bat .+:\d+/) // no stack
    expect(app.hasSingleInstanceLock).toBe(false)
    expect(app.exitCode).toBe(1)
  })

  it('words the dialog from what is known about the failure', () => {
    expect(startupFailureMessage(new AppError('keychain_unavailable', 'The keychain is locked.'), '/d', '/l')).toMatch(/^The keychain is locked\.\n\n/)
    const unknown = startupFailureMessage(new TypeError('x is undefined'), '/d', '/logs')
    expect(unknown).toMatch(/^Something unexpected stopped it/)
    expect(unknown).not.toContain('x is undefined')
    expect(unknown).toContain('the log in /logs says why')
  })
})

describe('a notification click (showRoute)', () => {
  it('opens a new window at the route when none is open', () => {
    showRoute('/inventory?expiry=within&days=7')
    expect(BrowserWindow.windows).toHaveLength(1)
    expect(BrowserWindow.windows[0]!.loadedUrls).toEqual(['app://tokendesk/index.html#/inventory?expiry=within&days=7'])
    expect(sentEvents).toEqual([])
  })

  it('tells the open window to navigate, and brings it back', () => {
    const window = new BrowserWindow()
    window.minimized = true
    showRoute('/inventory?expiry=within&days=7')
    expect(BrowserWindow.windows).toHaveLength(1)
    expect(window.minimized).toBe(false)
    expect(window.shown).toBe(true)
    expect(sentEvents).toEqual([{ channel: 'app:navigate', payload: '/inventory?expiry=within&days=7' }])
  })
})

describe('Windows notifications (AppUserModelID)', () => {
  const startOn = async (platform: NodeJS.Platform) => {
    const original = Object.getOwnPropertyDescriptor(process, 'platform')!
    Object.defineProperty(process, 'platform', { value: platform })
    try {
      await startApp({ log: silentLogger, dataDir: dir, loadServices: () => createServices({ dataDir: dir, secrets: new MemorySecretStore(), log: silentLogger }) })
    } finally {
      Object.defineProperty(process, 'platform', original)
    }
  }

  it('sets the AppUserModelID the NSIS installer gives its shortcuts: electron-builder.yml’s appId', async () => {
    // electron-builder's installer.nsh: WinShell::SetLnkAUMI "$newStartMenuLink" "${APP_ID}", APP_ID = appId.
    const config = parseYaml(await readFile(path.join(import.meta.dirname, '../../../../electron-builder.yml'), 'utf8')) as { appId: string; win?: { appId?: string } }
    await startOn('win32')
    expect(app.appUserModelId).toBe(config.win?.appId ?? config.appId)
    expect(errorBoxes).toEqual([])
  })

  it('leaves it alone elsewhere', async () => {
    await startOn('linux')
    expect(app.appUserModelId).toBeNull()
  })
})
