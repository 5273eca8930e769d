/**
 * A stand-in for the parts of Electron that main-process modules import, so unit tests can load
 * them under plain Node (vitest aliases `electron` here). It records; it does nothing real.
 */
type Listener = (...args: unknown[]) => unknown

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle(channel: string, listener: Listener): void {
    this.handlers.set(channel, listener)
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  },
}

export const sentEvents: Array<{ channel: string; payload: unknown }> = []

export class BrowserWindow {
  static windows: BrowserWindow[] = []
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.windows
  }
  destroyed = false
  webContents = {
    send: (channel: string, payload: unknown) => sentEvents.push({ channel, payload }),
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

export const app = {
  isPackaged: false,
  getVersion: () => '0.0.0-test',
  getPath: (_name: string) => '/tmp/tokendesk-fake-electron',
}

export const shell = { openExternal: async (_url: string) => undefined }
export const nativeTheme = { shouldUseDarkColors: false, themeSource: 'system' }
export const protocol = { registerSchemesAsPrivileged: () => undefined, handle: () => undefined }
export const session = { defaultSession: { webRequest: { onHeadersReceived: () => undefined } } }

export default { ipcMain, BrowserWindow, app, shell, nativeTheme, protocol, session }

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

/** A fake of Electron's Notification: records what was shown; `click()` fires the handler. */
export class Notification {
  static shown: Notification[] = []
  static isSupported(): boolean {
    return true
  }
  private readonly handlers = new Map<string, () => void>()
  constructor(readonly options: { title: string; body: string }) {}
  on(event: string, handler: () => void): this {
    this.handlers.set(event, handler)
    return this
  }
  show(): void {
    Notification.shown.push(this)
  }
  click(): void {
    this.handlers.get('click')?.()
  }
}
