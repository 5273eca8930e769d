/** Builds every main-process service from its dependencies. No Electron here: tests and the CLI use it too. */
import type { Notice } from '../../common/model'
import { ConnectionStore } from './connection-store'
import type { Logger } from './logger'
import type { SecretStore } from './secret-store'
import { SettingsStore } from './settings-store'

export interface Services {
  dataDir: string
  log: Logger
  secrets: SecretStore
  connections: ConnectionStore
  settings: SettingsStore
  /** Problems found at start-up, told to the user once. */
  notices: Notice[]
}

export async function createServices(options: {
  dataDir: string
  secrets: SecretStore
  log: Logger
}): Promise<Services> {
  const { dataDir, secrets, log } = options
  const connections = new ConnectionStore({ dataDir, secrets, log })
  const settings = new SettingsStore(dataDir, log)
  const notices = [...(await connections.init()), ...(await settings.init())]
  return { dataDir, log, secrets, connections, settings, notices }
}
