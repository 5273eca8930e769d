/**
 * Entry of the app binary: the `tokendesk` CLI when the first argument is a CLI command
 * (cli-mode.ts), otherwise the app: one instance, the window first, then the services.
 */
import { app, BrowserWindow } from 'electron'
import { registerAppScheme } from './app-protocol'
import { startApp } from './app-start'
import { isCliInvocation, runCliMode, userArguments } from './cli-mode'
import { electronClipboard } from './clipboard'
import { createAppLogger } from './logger'
import { electronNotifications } from './notifications'
import { electronPower, electronUnlockCheck } from './power'
import { createServices } from '../services'
import { KeytarSecretStore } from '../services/keytar-secret-store'
import { hardenWebContents, showRoute } from './window'

const args = userArguments(process.argv, !!process.defaultApp)
if (isCliInvocation(args)) {
  void runCliMode(args)
} else if (!app.requestSingleInstanceLock()) {
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
  const log = createAppLogger(app.isPackaged)
  const dataDir = process.env.TOKENDESK_DATA_DIR || app.getPath('userData')
  void app.whenReady().then(() =>
    startApp({
      log,
      dataDir,
      loadServices: () =>
        createServices({
          dataDir,
          secrets: new KeytarSecretStore(log),
          log,
          clipboard: electronClipboard,
          notifications: { port: electronNotifications, open: showRoute },
          lock: { power: electronPower, check: electronUnlockCheck },
        }),
    }),
  )
}
