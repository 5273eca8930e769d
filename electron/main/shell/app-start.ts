/**
 * The app's start-up: the window first, everything behind it after. Services may wait on the
 * keychain (a locked one waits for the user), so they must never delay the window; calls the
 * renderer makes meanwhile wait for them. A start-up that fails says so in a dialog and exits,
 * so no invisible process keeps the single-instance lock.
 */
import { app, BrowserWindow, dialog, nativeTheme, session } from 'electron'
import { AppError } from '../app-error'
import { serveAppProtocol } from './app-protocol'
import { contentSecurityPolicy } from '../csp'
import { openAllowedExternal } from './external-links'
import { createDispatcher, type Dispatch } from '../ipc/dispatcher'
import { forwardEvents } from '../ipc/events'
import { createHandlers } from '../ipc/handlers'
import { emitToAllWindows, registerIpc } from './ipc-register'
import type { Services } from '../services'
import type { Logger } from '../services/logger'
import { createMainWindow, trustedOrigins } from './window'

export interface StartDeps {
  log: Logger
  dataDir: string
  /** Builds the services (services/index.ts in the app); may take as long as the keychain does. */
  loadServices: () => Promise<Services>
}

/**
 * Windows shows a notification only for an app whose AppUserModelID has a Start-menu shortcut:
 * electron-builder's NSIS installer stamps its shortcuts with the `appId` of electron-builder.yml
 * (`WinShell::SetLnkAUMI "${APP_ID}"` in its installer.nsh, APP_ID = appInfo.id).
 */
export const APP_USER_MODEL_ID = 'app.tokendesk.desktop'

export async function startApp(deps: StartDeps): Promise<void> {
  try {
    if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)
    serveAppProtocol()
    allowDevServerStyles()
    const calls = dispatchWhenReady()
    registerIpc(calls.dispatch)
    createMainWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow()
    })

    const services = await deps.loadServices()
    finishOnQuit(services)
    // Window chrome (title bar, scrollbars, dialogs) follows the theme setting too.
    nativeTheme.themeSource = services.settings.get().theme
    services.settings.onChanged((settings) => (nativeTheme.themeSource = settings.theme))
    forwardEvents(services, emitToAllWindows)
    calls.ready(createDispatcher(createAppHandlers(services), { trustedOrigins: trustedOrigins(), log: deps.log }))
    void services.demo.resume().catch((error: unknown) => deps.log.warn('demo: could not resume', { error }))
    // A rotation a stopped process left half-way is carried forward or rolled back (its note says which).
    void services.rotations.resume().catch((error: unknown) => deps.log.warn('rotation: could not resume', { error }))
    services.overlapTimer.start()
    services.notifier?.start()
    services.appLock.start()
    app.on('before-quit', () => void services.demo.stop())
  } catch (error) {
    failStartup(error, deps)
  }
}

/** IPC is registered with the window; calls made before the services exist wait for them. */
function dispatchWhenReady(): { dispatch: Dispatch; ready: (dispatch: Dispatch) => void } {
  let ready!: (dispatch: Dispatch) => void
  const dispatcher = new Promise<Dispatch>((resolve) => (ready = resolve))
  return { dispatch: async (sender, channel, args) => (await dispatcher)(sender, channel, args), ready }
}

function allowDevServerStyles(): void {
  const devServer = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
  if (!devServer) return
  // Vite's dev server injects styles without our nonce; production is strict (renderer-files.ts).
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    const csp = contentSecurityPolicy('dev', { devServer }).replace("style-src 'self' 'nonce-dev'", "style-src 'self' 'unsafe-inline'")
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } })
  })
}

function createAppHandlers(services: Services): ReturnType<typeof createHandlers> {
  return createHandlers(services, { version: app.getVersion(), platform: process.platform }, {
    openExternal: async (url) => void (await openAllowedExternal(url)),
    chooseSavePath: async (defaultName, format) => {
      const window = BrowserWindow.getFocusedWindow()
      const options = {
        defaultPath: defaultName,
        filters: [format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'JSON', extensions: ['json'] }],
      }
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
  })
}

/** What the error dialog says: what happened, in the user's terms, and what to do. Never a stack. */
export function startupFailureMessage(error: unknown, dataDir: string, logDir: string): string {
  const code = (error as { code?: unknown } | null)?.code
  const what =
    error instanceof AppError
      ? error.message
      : typeof code === 'string' && /^E[A-Z]+$/.test(code)
        ? `It could not read or write its data (${code}).`
        : 'Something unexpected stopped it while it was loading your data.'
  return `${what}\n\nTokendesk keeps its data in ${dataDir}. Check that this folder exists and that you may write to it, then start Tokendesk again. If it still fails, the log in ${logDir} says why.`
}

function failStartup(error: unknown, deps: StartDeps): void {
  deps.log.error('start-up failed', { error })
  dialog.showErrorBox('Tokendesk could not start', startupFailureMessage(error, deps.dataDir, app.getPath('logs')))
  app.releaseSingleInstanceLock()
  app.exit(1)
}

/**
 * Before quitting: a copied secret does not outlive the app (cleared if the clipboard still holds
 * it), and snapshots being written in the background are finished.
 */
function finishOnQuit(services: { clipboard: { clearOnQuit(): Promise<void> } | null; snapshots: { flush(): Promise<void> } }): void {
  let done = false
  app.on('before-quit', (event) => {
    if (done) return
    event.preventDefault()
    void Promise.allSettled([services.clipboard?.clearOnQuit(), services.snapshots.flush()]).finally(() => {
      done = true
      app.quit()
    })
  })
}
