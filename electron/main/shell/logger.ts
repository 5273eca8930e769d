/** The app's log: electron-log's file (in the user's logs folder) and console, behind our redaction. */
import log from 'electron-log/main'
import { loggerOverElectronLog, type Logger } from '../services/logger'

export function createAppLogger(packaged: boolean): Logger {
  log.transports.file.level = 'info'
  log.transports.console.level = packaged ? 'warn' : 'info'
  return loggerOverElectronLog(log as unknown as Parameters<typeof loggerOverElectronLog>[0])
}
