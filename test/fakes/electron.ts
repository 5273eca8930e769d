/**
 * A stand-in for the parts of Electron that main-process modules import, so tests can load them
 * under plain Node: vitest aliases `electron` here, and the launch smoke's stand-in Electron
 * binary serves this module (compiled) for `require('electron')`. It records; it does nothing
 * real. `resetFake()` forgets everything recorded.
 */
import { EventEmitter } from 'node:events'

type Listener = (...args: unknown[]) => unknown

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  /** `ipcMain.on` listeners (electron-log's); the app itself only uses `handle`. */
  listeners: new Map<string, Listener>(),
  handle(channel: string, listener: Listener): void {
    this.handlers.set(channel, listener)
  },
  on(channel: string, listener: Listener): void {
    this.listeners.set(channel, listener)
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  },
}

export const sentEvents: Array<{ channel: string; payload: unknown }> = []

/** A web contents: events (`emit` to simulate one), what was sent, whether it is loading. */
export class WebContents extends EventEmitter {
  loading = false
  readonly session = { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined }
  send(channel: string, payload: unknown): void {
    sentEvents.push({ channel, payload })
  }
  isLoading(): boolean {
    return this.loading
  }
  setWindowOpenHandler(): void {}
}

export class BrowserWindow extends EventEmitter {
  static windows: BrowserWindow[] = []
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.windows
  }
  static getFocusedWindow(): BrowserWindow | null {
    return null
  }
  destroyed = false
  minimized = false
  shown = false
  readonly loadedUrls: string[] = []
  readonly webContents = new WebContents()
  constructor(readonly options: Record<string, unknown> = {}) {
    super()
    BrowserWindow.windows.push(this)
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url)
    return Promise.resolve()
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  isMinimized(): boolean {
    return this.minimized
  }
  restore(): void {
    this.minimized = false
  }
  show(): void {
    this.shown = true
  }
  focus(): void {}
}

class FakeApp extends EventEmitter {
  /** Electron's: the productName (or name) of the app's package.json. */
  name = 'Tokendesk'
  isPackaged = false
  /** What `exit(code)` was called with; `null` while the app runs. */
  exitCode: number | null = null
  quitCalls = 0
  hasSingleInstanceLock = false
  /** What `setAppUserModelId` was given (Windows); `null` until then. */
  appUserModelId: string | null = null
  /** macOS's Dock: Electron's `app.dock` is undefined elsewhere; the fake has one to record `hide()`. */
  dock: { hidden: boolean; hide(): void } | undefined = fakeDock()
  /** Folders `getPath` answers with; anything else is a fixed folder under /tmp. */
  readonly paths: Record<string, string> = {}
  getVersion(): string {
    return '0.0.0-test'
  }
  getPath(name: string): string {
    return this.paths[name] ?? '/tmp/tokendesk-fake-electron'
  }
  isReady(): boolean {
    return true
  }
  whenReady(): Promise<void> {
    return Promise.resolve()
  }
  requestSingleInstanceLock(): boolean {
    this.hasSingleInstanceLock = true
    return true
  }
  releaseSingleInstanceLock(): void {
    this.hasSingleInstanceLock = false
  }
  quit(): void {
    this.quitCalls++
  }
  exit(code = 0): void {
    this.exitCode = code
    this.emit('fake:exit', code)
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id
  }
}

function fakeDock(): { hidden: boolean; hide(): void } {
  return {
    hidden: false,
    hide() {
      this.hidden = true
    },
  }
}

export const app = new FakeApp()

/** Error boxes shown (title and text), in order. */
export const errorBoxes: Array<{ title: string; content: string }> = []
export const dialog = {
  showErrorBox(title: string, content: string): void {
    errorBoxes.push({ title, content })
  },
  showSaveDialog: async () => ({ canceled: true, filePath: undefined as string | undefined }),
}

export const shell = { openExternal: async (_url: string) => undefined }
export const nativeTheme = { shouldUseDarkColors: false, themeSource: 'system' }
export const protocol = {
  schemes: [] as unknown[],
  handled: new Map<string, Listener>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.schemes.push(...schemes)
  },
  handle(scheme: string, handler: Listener): void {
    this.handled.set(scheme, handler)
  },
}
export const session = { defaultSession: { webRequest: { onHeadersReceived: (_listener: Listener) => undefined } } }

/** A fake of Electron's clipboard: keeps what was written, format by format. */
export const clipboardState: { formats: Record<string, string> } = { formats: {} }
export const clipboard = {
  write: async (items: Array<{ formats: Record<string, string> }>) => {
    clipboardState.formats = { ...items[0]!.formats }
  },
  readText: async () => clipboardState.formats['text/plain'] ?? '',
  clear: () => {
    clipboardState.formats = {}
  },
}
export class ClipboardItem {
  constructor(readonly formats: Record<string, string>) {}
}

/** A fake of Electron's Notification: records what was shown; `click()` / `close()` fire its events. */
export class Notification extends EventEmitter {
  static shown: Notification[] = []
  static isSupported(): boolean {
    return true
  }
  constructor(readonly options: { title: string; body: string }) {
    super()
  }
  show(): void {
    Notification.shown.push(this)
  }
  click(): void {
    this.emit('click', {})
  }
  close(): void {
    this.emit('close', {})
  }
}

/** A fake of Electron's powerMonitor: set `idleSeconds`; `emit('lock-screen')` / `emit('suspend')` as the OS would. */
class FakePowerMonitor extends EventEmitter {
  idleSeconds = 0
  screenLocked = false
  getSystemIdleTime(): number {
    return this.idleSeconds
  }
  getSystemIdleState(threshold: number): 'active' | 'idle' | 'locked' {
    return this.screenLocked ? 'locked' : this.idleSeconds >= threshold ? 'idle' : 'active'
  }
}
export const powerMonitor = new FakePowerMonitor()

/** A fake of Electron's systemPreferences (Touch ID): whether it can prompt, and how the next prompt ends. */
export const systemPreferences = {
  touchId: false,
  /** The next prompt passes (true) or is cancelled / failed (false). */
  touchIdPasses: true,
  prompts: [] as string[],
  canPromptTouchID(): boolean {
    return this.touchId
  },
  promptTouchID(reason: string): Promise<void> {
    this.prompts.push(reason)
    return this.touchIdPasses ? Promise.resolve() : Promise.reject(new Error('Touch ID: user cancelled'))
  },
}

export function resetFake(): void {
  ipcMain.handlers.clear()
  ipcMain.listeners.clear()
  sentEvents.length = 0
  BrowserWindow.windows = []
  app.removeAllListeners()
  Object.assign(app, { isPackaged: false, exitCode: null, quitCalls: 0, hasSingleInstanceLock: false, appUserModelId: null, dock: fakeDock() })
  errorBoxes.length = 0
  protocol.schemes.length = 0
  protocol.handled.clear()
  Notification.shown = []
  nativeTheme.themeSource = 'system'
  powerMonitor.removeAllListeners()
  powerMonitor.idleSeconds = 0
  powerMonitor.screenLocked = false
  Object.assign(systemPreferences, { touchId: false, touchIdPasses: true, prompts: [] })
}

export default { ipcMain, BrowserWindow, app, dialog, shell, nativeTheme, protocol, session, clipboard, ClipboardItem, Notification, powerMonitor, systemPreferences }
