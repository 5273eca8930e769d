/** Builds every main-process service from its dependencies. No Electron here: tests and the CLI use it too. */
import type { Notice } from '../../common/model'
import { createVendorHttp, type VendorHttp } from '../providers/http/vendor-http'
import { ConnectionStore } from './connection-store'
import { ActivityLog } from './activity-log'
import { AppLock, type PowerPort, type UnlockCheckPort } from './app-lock'
import { ClipboardService, type ClipboardPort } from './clipboard'
import { InventoryService } from './inventory'
import { ConnectionSetup } from './connection-setup'
import { AppError } from '../app-error'
import { DataLock } from './data-lock'
import { SealedFiles } from './sealed-file'
import { notSavedNotice, SnapshotStore } from './snapshot-store'
import { DataFolderWatch } from './data-folder-watch'
import { NoticeBoard } from './notice-board'
import { KeychainRepair } from './keychain-repair'
import { Exporter } from './exporter'
import { FindingsService } from './findings'
import { PolicyStore, type PolicyState } from './policy-store'
import { DemoWorkspace } from './demo-workspace'
import { ExpiryNotifier, type NotificationPort } from './expiry-notifier'
import { ReviewStore } from './review-store'
import { RotationStore } from './rotation-store'
import { Rotations } from './rotations'
import { OverlapTimer } from './overlap-timer'
import { TokenActions } from './token-actions'
import { TokenMetaStore } from './token-meta-store'
import { TokenQueries } from './token-queries'
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
  /** Add / edit / replace the credential, tested with the vendor first. */
  connectionSetup: ConnectionSetup
  http: VendorHttp
  sealed: SealedFiles
  snapshots: SnapshotStore
  /** The inventory joined with the user's metadata, filtered and sorted as the window does (the window's rows, export, CLI). */
  queries: TokenQueries
  exporter: Exporter
  review: ReviewStore
  demo: DemoWorkspace
  /** Present where desktop notifications exist (the app). */
  notifier: ExpiryNotifier | null
  activity: ActivityLog
  /** The data folder's cross-process lock (every shared file is changed under it). */
  lock: DataLock
  /** Takes in what other processes change in the data folder (started by the app's IPC layer). */
  watch: DataFolderWatch
  /** Notices found at start-up and later; `notices` is its list. */
  board: NoticeBoard
  /** Orphaned keychain entries: list, re-attach from a set-aside connections file, delete. */
  repair: KeychainRepair
  /** True while no network call may be made (the setting, or the CLI's --offline). */
  offline: () => boolean
  tokenSecrets: TokenSecrets
  actions: TokenActions
  /** Guided replaces (rotations): start, retire, finish, undo, resume after a crash. */
  rotations: Rotations
  /** Retires the old token when a rotation's chosen overlap ends (started by the app). */
  overlapTimer: OverlapTimer
  /** Present where a clipboard exists (the app, the e2e harness); not in the CLI. */
  clipboard: ClipboardService | null
  /** Owners, notes, tags and display names the user keeps per token (sealed, local). */
  meta: TokenMetaStore
  /** The admin's policy: policy.json in the data folder, or the CLI's --policy FILE (read-only). */
  policy: PolicyStore
  /** The policy's findings over the inventory, computed once per change (not per read). */
  findings: FindingsService
  /** The app lock (started by the app; never locks in the CLI). */
  appLock: AppLock
  /** What the user must hear about (start-up problems, then any found later), oldest first. */
  notices: Notice[]
  /** Why the offline copies could not be opened at start-up (no keychain), if so. */
  snapshotsUnavailable: AppError | null
}

export async function createServices(options: {
  dataDir: string
  secrets: SecretStore
  log: Logger
  /** Defaults to the real vendor client; tests pass one with short timeouts. */
  http?: VendorHttp
  clipboard?: ClipboardPort
  /** The CLI's --offline: like the setting, for this run only. */
  forceOffline?: boolean
  /** The CLI's --policy FILE: this policy instead of the data folder's, read-only. */
  policyFile?: string
  notifications?: { port: NotificationPort; open: (route: string) => void; debounceMs?: number; now?: () => number; timeZone?: string }
  /** The operating system's power events, idle time and user check (the app; tests pass the fake's). */
  lock?: { power?: PowerPort; check?: UnlockCheckPort; pollMs?: number }
}): Promise<Services> {
  const { dataDir, secrets, log } = options
  const lock = new DataLock(dataDir, { log })
  const board = new NoticeBoard()
  const post = (notice: Notice): void => board.post(notice)
  const connections = new ConnectionStore({ dataDir, secrets, log, lock, post })
  const settings = new SettingsStore(dataDir, log, lock, post)
  const repair = new KeychainRepair({ dataDir, secrets, connections, log })
  const started = await connections.init()
  // A set-aside connections file is told at every start until the user acts (KeychainRepair).
  const setAside = await repair.notice(started.find((n) => n.id.startsWith('connections-corrupt-'))?.message)
  for (const notice of [...started.filter((n) => !setAside || !n.id.startsWith('connections-corrupt-')), ...(setAside ? [setAside] : []), ...(await settings.init())]) post(notice)
  const offline = (): boolean => !!options.forceOffline || settings.get().workOffline
  // Work offline is enforced at the HTTP client too: no request leaves, whoever asks.
  const base = options.http ?? createVendorHttp({ log })
  const http: VendorHttp = {
    limiter: base.limiter,
    limits: base.limits,
    request: (req) => (offline() ? Promise.reject(new AppError('offline', 'Tokendesk is working offline; nothing was sent.')) : base.request(req)),
  }
  const inventory = new InventoryService({ connections, http, log, offline })
  const sealed = new SealedFiles(secrets, lock)
  const snapshots = new SnapshotStore(dataDir, sealed, log)
  snapshots.stillListed = (id) => connections.existsOnDisk(id)
  snapshots.whenIdle = () => inventory.idle()
  let snapshotsUnavailable: AppError | null = null
  try {
    const loaded = await snapshots.loadAll(connections.list())
    for (const s of loaded.snapshots) inventory.seed(s.connectionId, s.tokens, s.refreshedAt)
    loaded.notices.forEach(post)
  } catch (error) {
    // Without a keychain the offline copies cannot be opened; the app still starts.
    log.warn('snapshot: could not open the offline copies', { error })
    if (error instanceof AppError) snapshotsUnavailable = error
    post({
      id: 'snapshots-keychain',
      severity: 'warning',
      message: error instanceof AppError ? `The saved offline inventory could not be opened. ${error.message}` : 'The saved offline inventory could not be opened.',
    })
  }
  repair.onReattached = async (attached) => {
    for (const c of attached) {
      const saved = await snapshots.open(c.id).catch(() => null)
      if (saved?.status === 'ok') inventory.adoptNewer(c.id, saved.value.tokens, saved.value.refreshedAt)
    }
  }
  repair.onDeleted = async (ids) => void (await Promise.all(ids.map((id) => snapshots.remove(id))))
  inventory.onComplete(({ connection, tokens, refreshedAt }) =>
    snapshots.saveInBackground(connection.id, tokens, refreshedAt, (error) => {
      log.warn('snapshot: could not save', { error })
      post(notSavedNotice(connection, error))
    }),
  )
  const meta = new TokenMetaStore(dataDir, { sealed, lock, log, post })
  // Without a keychain the file cannot be opened; the app still starts (a change then says why).
  await meta.load().catch((error: unknown) => log.warn('token-meta: could not open', { error }))
  const activity = new ActivityLog(dataDir, sealed, log, undefined, lock, post)
  const clipboard = options.clipboard ? new ClipboardService(options.clipboard) : null
  const tokenSecrets = new TokenSecrets({ secrets, connections, inventory, http, activity, clipboard })
  const actions = new TokenActions({ connections, inventory, secrets: tokenSecrets, activity, http })
  const connectionSetup = new ConnectionSetup({ connections, inventory })
  const rotations = new Rotations({
    store: new RotationStore(dataDir, { sealed, lock, log, post }),
    connections, inventory, actions, secrets: tokenSecrets, setup: connectionSetup, activity, meta, log,
  })
  const overlapTimer = new OverlapTimer({ rotations, log })
  const appLock = new AppLock({ settings, clipboard, log, ...options.lock })
  connections.onRemoved(async (id, by) => {
    if (by !== 'here') return // the process that removed it cleaned up after it
    await Promise.all([
      snapshots.remove(id).catch((error: unknown) => log.warn('snapshot: could not remove', { error })),
      tokenSecrets.forgetConnection(id).catch((error: unknown) => log.warn('secrets: cleanup failed', { error })),
      activity.forgetConnection(id),
      rotations.forgetConnection(id).catch((error: unknown) => log.warn('rotations: cleanup failed', { error })),
      meta.forgetConnection(id).catch((error: unknown) => log.warn('token-meta: cleanup failed', { error })),
    ])
  })
  const policy = new PolicyStore(dataDir, { lock, log, file: options.policyFile })
  // A policy.json that does not validate checks nothing until it is fixed: said until then (Settings shows why).
  const policyNotice = (state: PolicyState): void => {
    board.withdraw((n) => n.id === 'policy-invalid')
    if (state.status === 'invalid' && !state.readOnly) {
      post({ id: 'policy-invalid', severity: 'warning', message: `The policy ${state.file} is not valid, so no token is checked against it: ${state.lines[0]}${state.lines.length > 1 ? ` (and ${state.lines.length - 1} more)` : ''}.` })
    }
  }
  policyNotice(await policy.init())
  policy.onChanged(policyNotice)
  const findings = new FindingsService({ inventory, connections, meta, policy })
  const queries = new TokenQueries({ connections, inventory, meta, findings })
  const exporter = new Exporter({ connections, inventory, queries, findings })
  const demo = new DemoWorkspace({ connections, inventory, log })
  const notifier = options.notifications
    ? new ExpiryNotifier({ dataDir, inventory, connections, settings, sealed, lock, log, ...options.notifications })
    : null
  if (notifier) inventory.onComplete(() => notifier.schedule())
  const review = new ReviewStore(dataDir, { sealed, inventory, queries, connections, lock })
  const watch = new DataFolderWatch({ dir: dataDir, connections, settings, snapshots, inventory, log, meta, rotations, policy })
  return {
    dataDir, log, secrets, connections, connectionSetup, settings, inventory, http, sealed, snapshots, queries, exporter, review, demo, notifier, activity,
    lock, watch, board, repair, notices: board.notices, snapshotsUnavailable, tokenSecrets, actions, rotations, overlapTimer, clipboard, offline, appLock, meta,
    policy, findings,
  }
}
