/** Builds every main-process service from its dependencies. No Electron here: tests and the CLI use it too. */
import type { Notice } from '../../common/model'
import { createVendorHttp, type VendorHttp } from '../providers/http/vendor-http'
import { ConnectionStore } from './connection-store'
import { ActivityLog } from './activity-log'
import { ClipboardService, type ClipboardPort } from './clipboard'
import { InventoryService } from './inventory'
import { AppError } from '../app-error'
import { SealedFiles } from './sealed-file'
import { SnapshotStore } from './snapshot-store'
import { Exporter } from './exporter'
import { DemoWorkspace } from './demo-workspace'
import { ExpiryNotifier, type NotificationPort } from './expiry-notifier'
import { ReviewStore } from './review-store'
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
  snapshots: SnapshotStore
  exporter: Exporter
  review: ReviewStore
  demo: DemoWorkspace
  /** Present where desktop notifications exist (the app). */
  notifier: ExpiryNotifier | null
  activity: ActivityLog
  /** True while no network call may be made (the setting, or the CLI's --offline). */
  offline: () => boolean
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
  /** The CLI's --offline: like the setting, for this run only. */
  forceOffline?: boolean
  notifications?: { port: NotificationPort; open: (route: string) => void; debounceMs?: number; now?: () => number; timeZone?: string }
}): Promise<Services> {
  const { dataDir, secrets, log } = options
  const connections = new ConnectionStore({ dataDir, secrets, log })
  const settings = new SettingsStore(dataDir, log)
  const notices = [...(await connections.init()), ...(await settings.init())]
  const offline = (): boolean => !!options.forceOffline || settings.get().workOffline
  // Work offline is enforced at the HTTP client too: no request leaves, whoever asks.
  const base = options.http ?? createVendorHttp({ log })
  const http: VendorHttp = {
    limiter: base.limiter,
    request: (req) => (offline() ? Promise.reject(new AppError('offline', 'Tokendesk is working offline; nothing was sent.')) : base.request(req)),
  }
  const inventory = new InventoryService({ connections, http, log, offline })
  const sealed = new SealedFiles(secrets)
  const snapshots = new SnapshotStore(dataDir, sealed, log)
  try {
    const loaded = await snapshots.loadAll(connections.list())
    for (const s of loaded.snapshots) inventory.seed(s.connectionId, s.tokens, s.refreshedAt)
    notices.push(...loaded.notices)
  } catch (error) {
    // Without a keychain the offline copies cannot be opened; the app still starts.
    log.warn('snapshot: could not open the offline copies', { error })
    notices.push({
      id: 'snapshots-keychain',
      severity: 'warning',
      message: error instanceof AppError ? `The saved offline inventory could not be opened. ${error.message}` : 'The saved offline inventory could not be opened.',
    })
  }
  inventory.listen({
    complete: (connection, tokens, refreshedAt) =>
      snapshots.saveInBackground(connection.id, tokens, refreshedAt, (error) => log.warn('snapshot: could not save', { error })),
  })
  const activity = new ActivityLog(dataDir, sealed, log)
  const tokenSecrets = new TokenSecrets({ secrets, connections, inventory, http })
  const actions = new TokenActions({ connections, inventory, secrets: tokenSecrets, activity, http })
  const clipboard = options.clipboard ? new ClipboardService(options.clipboard, { onCleared: options.onClipboardCleared }) : null
  connections.onRemoved((id) => {
    void snapshots.remove(id).catch((error: unknown) => log.warn('snapshot: could not remove', { error }))
    void tokenSecrets.forgetConnection(id).catch((error: unknown) => log.warn('secrets: cleanup failed', { error }))
    void activity.forgetConnection(id)
  })
  const exporter = new Exporter({ connections, inventory })
  const demo = new DemoWorkspace({ connections, inventory, log })
  const notifier = options.notifications
    ? new ExpiryNotifier({ dataDir, inventory, connections, settings, sealed, log, ...options.notifications })
    : null
  if (notifier) inventory.listen({ complete: () => notifier.schedule() })
  const review = new ReviewStore(dataDir, { sealed, inventory, connections })
  return { dataDir, log, secrets, connections, settings, inventory, http, sealed, snapshots, exporter, review, demo, notifier, activity, tokenSecrets, actions, clipboard, notices, offline }
}
