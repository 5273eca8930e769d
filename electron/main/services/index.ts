/** Builds every main-process service from its dependencies. No Electron here: tests and the CLI use it too. */
import type { Notice } from '../../common/model'
import { createVendorHttp, type VendorHttp } from '../providers/http/vendor-http'
import { ConnectionStore } from './connection-store'
import { InventoryService } from './inventory'
import type { Logger } from './logger'
import type { SecretStore } from './secret-store'
import { SettingsStore } from './settings-store'

export interface Services {
  dataDir: string
  log: Logger
  secrets: SecretStore
  connections: ConnectionStore
  settings: SettingsStore
  inventory: InventoryService
  http: VendorHttp
  /** Problems found at start-up, told to the user once. */
  notices: Notice[]
}

export async function createServices(options: {
  dataDir: string
  secrets: SecretStore
  log: Logger
  /** Defaults to the real vendor client; tests pass one with short timeouts. */
  http?: VendorHttp
}): Promise<Services> {
  const { dataDir, secrets, log } = options
  const connections = new ConnectionStore({ dataDir, secrets, log })
  const settings = new SettingsStore(dataDir, log)
  const notices = [...(await connections.init()), ...(await settings.init())]
  const http = options.http ?? createVendorHttp({ log })
  const inventory = new InventoryService({ connections, http, log })
  return { dataDir, log, secrets, connections, settings, inventory, http, notices }
}
