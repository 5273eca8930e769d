/** The hardened BrowserWindow and the guards on every web contents. */
import { app, BrowserWindow, nativeTheme, type WebContents } from 'electron'
import { openAllowedExternal } from './external-links'
import path from 'node:path'
import { emitToAllWindows } from './ipc-register'
import { APP_ORIGIN, isAllowedNavigation, windowOpenDecision } from '../security'

export function rendererUrl(): string {
  return !app.isPackaged && process.env.ELECTRON_RENDERER_URL
    ? process.env.ELECTRON_RENDERER_URL
    : `${APP_ORIGIN}index.html`
}

export function trustedOrigins(): string[] {
  const origins = [APP_ORIGIN]
  if (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) origins.push(process.env.ELECTRON_RENDERER_URL)
  return origins
}

/** Applied to every web contents the app creates (see app-start.ts). */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (details) => {
    if (!isAllowedNavigation(details.url, trustedOrigins())) details.preventDefault()
  })
  contents.on('will-redirect', (details) => {
    if (!isAllowedNavigation(details.url, trustedOrigins())) details.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url)
    if (decision.openExternally) void openAllowedExternal(url)
    return { action: decision.action }
  })
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  contents.session.setPermissionCheckHandler(() => false)
}

/** The main window, at the renderer's start screen or at `route` (a hash route such as `/inventory?…`). */
export function createMainWindow(route?: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 880,
    minHeight: 560,
    show: false,
    title: 'Tokendesk',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#17181c' : '#f7f7f8',
    autoHideMenuBar: true,
    webPreferences: {
      // The preload exposes only the contract's named functions (build-bridge.ts, bridge.test.ts),
      // in an isolated, sandboxed context: reviewed, hence the suppression.
      preload: path.join(__dirname, '../preload/index.js'), // eng-disable PRELOAD_JS_CHECK
      disableBlinkFeatures: 'Auxclick',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(route ? `${rendererUrl()}#${route}` : rendererUrl())
  return window
}

/**
 * Brings the app to `route` (a notification was clicked). An open window is told to navigate; a
 * new one opens at the route, since its renderer listens for `app:navigate` only once it has
 * loaded its data, and an event sent before that would be lost.
 */
export function showRoute(route: string): void {
  const [open] = BrowserWindow.getAllWindows().filter((w) => !w.isDestroyed())
  if (!open) {
    createMainWindow(route)
    return
  }
  if (open.isMinimized()) open.restore()
  open.show()
  open.focus()
  emitToAllWindows('app:navigate', route)
}
