/** Builds every main-process service from its dependencies. No Electron here: tests and the CLI use it too. */
import type { Notice } from '../../common/model'
import { createVendorHttp, type VendorHttp } from '../providers/http/vendor-http'
import { ConnectionStore } from './connection-store'
import { ActivityLog } from './activity-log'
import { ClipboardService, type ClipboardPort } from './clipboard'
import { InventoryService } from './inventory'
import { SealedFiles } from './sealed-file'
import { TokenActions } from './token-actions'
import { TokenSecrets } from './token-secrets'
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
  sealed: SealedFiles
  activity: ActivityLog
  tokenSecrets: TokenSecrets
  actions: TokenActions
  /** Present where a clipboard exists (the app, the e2e harness); not in the CLI. */
  clipboard: ClipboardService | null
  /** Problems found at start-up, told to the user once. */
  notices: Notice[]
}

export async function createServices(options: {
  dataDir: string
  secrets: SecretStore
  log: Logger
  /** Defaults to the real vendor client; tests pass one with short timeouts. */
  http?: VendorHttp
  clipboard?: ClipboardPort
  onClipboardCleared?: (reason: 'timeout' | 'quit' | 'replaced') => void
}): Promise<Services> {
  const { dataDir, secrets, log } = options
  const connections = new ConnectionStore({ dataDir, secrets, log })
  const settings = new SettingsStore(dataDir, log)
  const notices = [...(await connections.init()), ...(await settings.init())]
  const http = options.http ?? createVendorHttp({ log })
  const inventory = new InventoryService({ connections, http, log })
  const sealed = new SealedFiles(secrets)
  const activity = new ActivityLog(dataDir, sealed, log)
  const tokenSecrets = new TokenSecrets({ secrets, connections, inventory, http })
  const actions = new TokenActions({ connections, inventory, secrets: tokenSecrets, activity, http })
  const clipboard = options.clipboard ? new ClipboardService(options.clipboard, { onCleared: options.onClipboardCleared }) : null
  connections.onRemoved((id) => {
    void tokenSecrets.forgetConnection(id).catch((error: unknown) => log.warn('secrets: cleanup failed', { error }))
    void activity.forgetConnection(id)
  })
  return { dataDir, log, secrets, connections, settings, inventory, http, sealed, activity, tokenSecrets, actions, clipboard, notices }
}
