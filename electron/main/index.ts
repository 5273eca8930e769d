/** App lifecycle only: single instance, services, IPC, window. */
import { app, BrowserWindow, dialog, nativeTheme, session } from 'electron'
import { openAllowedExternal } from './external-links'
import { registerAppScheme, serveAppProtocol } from './app-protocol'
import { contentSecurityPolicy } from './csp'
import { electronClipboard } from './electron-clipboard'
import { electronNotifications } from './electron-notifications'
import { createDispatcher } from './ipc/dispatcher'
import { createHandlers, type EmitEvent } from './ipc/handlers'
import { emitToAllWindows, registerIpc } from './ipc/register'
import { createServices } from './services'
import { KeytarSecretStore } from './services/keytar-secret-store'
import { createAppLogger } from './electron-logger'
import { createMainWindow, hardenWebContents, trustedOrigins } from './window'

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  registerAppScheme()
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows()
    if (window) {
      if (window.isMinimized()) window.restore()
      window.focus()
    }
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  void app.whenReady().then(start)
}

const log = createAppLogger(app.isPackaged)

async function start(): Promise<void> {
  serveAppProtocol()
  const devServer = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
  if (devServer) {
    // Vite's dev server injects styles without our nonce; production is strict (renderer-files.ts).
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      const csp = contentSecurityPolicy('dev', { devServer }).replace(
        "style-src 'self' 'nonce-dev'",
        "style-src 'self' 'unsafe-inline'",
      )
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } })
    })
  }
  const dataDir = process.env.TOKENDESK_DATA_DIR || app.getPath('userData')
  const services = await createServices({
    dataDir,
    secrets: new KeytarSecretStore(log),
    log,
    clipboard: electronClipboard,
    onClipboardCleared: (reason) => emitToAllWindows('clipboard:cleared', { reason }),
    notifications: {
      port: electronNotifications,
      open: (route) => {
        const window = BrowserWindow.getAllWindows()[0] ?? createMainWindow()
        if (window.isMinimized()) window.restore()
        window.show()
        window.focus()
        emitToAllWindows('app:navigate', route)
      },
    },
  })
  finishOnQuit(services)
  // Window chrome (title bar, scrollbars, dialogs) follows the theme setting too.
  nativeTheme.themeSource = services.settings.get().theme
  const emit: EmitEvent = (event, payload) => {
    if (event === 'settings:changed') nativeTheme.themeSource = services.settings.get().theme
    emitToAllWindows(event, payload)
  }
  const handlers = createHandlers(
    services,
    { version: app.getVersion(), platform: process.platform },
    emit,
    {
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
    },
  )
  registerIpc(createDispatcher(handlers, { trustedOrigins: trustedOrigins(), log }))
  createMainWindow()
  void services.demo.resume().catch((error: unknown) => log.warn('demo: could not resume', { error }))
  services.notifier?.schedule()
  app.on('before-quit', () => void services.demo.stop())
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow()
  })
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
