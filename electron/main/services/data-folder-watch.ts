/**
 * The running app notices what another process (a CLI, a script) changed in the shared data
 * folder: `fs.watch` on the folder and on its snapshots, debounced. Connections, settings, the
 * user's metadata, rotations and the policy (also when an editor rewrote it in place) are
 * re-read (their files are replaced by atomic rename, so a read never sees half a file); a
 * snapshot another process wrote after a refresh is opened and shown if it is newer than ours.
 * The stores and the inventory announce what changed through their own events.
 */
import { watch, type FSWatcher } from 'node:fs'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { CONNECTIONS_FILE, type ConnectionStore } from './connection-store'
import type { InventoryService } from './inventory'
import type { Logger } from './logger'
import type { SettingsStore } from './settings-store'
import type { SnapshotStore } from './snapshot-store'
import { ensureDir } from './atomic-file'
import { TOKEN_META_FILE, type TokenMetaStore } from './token-meta-store'
import { ROTATIONS_FILE } from './rotation-store'
import type { Rotations } from './rotations'
import { POLICY_FILE, type PolicyStore } from './policy-store'

export class DataFolderWatch {
  private watchers: FSWatcher[] = []
  private timer: ReturnType<typeof setTimeout> | undefined
  private pending = { folder: false, meta: false, rotations: false, policy: false, snapshots: new Set<string>() }
  private running: Promise<void> = Promise.resolve()

  constructor(
    private readonly deps: {
      dir: string
      connections: ConnectionStore
      settings: SettingsStore
      snapshots: SnapshotStore
      inventory: InventoryService
      log: Logger
      meta?: TokenMetaStore
      rotations?: Pick<Rotations, 'reload'>
      /** policy.json: the app's Settings, a CLI, or the admin's editor may replace it. */
      policy?: Pick<PolicyStore, 'reload'>
      debounceMs?: number
    },
  ) {}

  /** Start watching (once). Errors of the platform's watcher are logged, never thrown. */
  async start(): Promise<void> {
    if (this.watchers.length) return
    try {
      await ensureDir(this.deps.snapshots.dir)
      const folder = watch(this.deps.dir, { persistent: false }, (_event, name) => {
        if (name === CONNECTIONS_FILE || name === 'settings.json') this.schedule(() => (this.pending.folder = true))
        if (name === TOKEN_META_FILE) this.schedule(() => (this.pending.meta = true))
        if (name === ROTATIONS_FILE) this.schedule(() => (this.pending.rotations = true))
        if (name === POLICY_FILE) this.schedule(() => (this.pending.policy = true))
      })
      const snapshots = watch(this.deps.snapshots.dir, { persistent: false }, (_event, name) => {
        const id = typeof name === 'string' && name.endsWith('.sealed') ? name.slice(0, -'.sealed'.length) : null
        if (id) this.schedule(() => this.pending.snapshots.add(id))
      })
      for (const w of [folder, snapshots]) w.on('error', (error) => this.deps.log.warn('watch: the data folder watcher failed', { error }))
      this.watchers = [folder, snapshots]
    } catch (error) {
      this.deps.log.warn('watch: cannot watch the data folder; changes from other processes show after a restart', { error })
    }
  }

  stop(): void {
    clearTimeout(this.timer)
    for (const w of this.watchers) w.close()
    this.watchers = []
  }

  private schedule(note: () => void): void {
    note()
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      const pending = this.pending
      this.pending = { folder: false, meta: false, rotations: false, policy: false, snapshots: new Set() }
      // One check at a time, in order.
      this.running = this.running
        .then(() => this.check(pending))
        .catch((error: unknown) => this.deps.log.warn('watch: could not take in a change', { error }))
    }, this.deps.debounceMs ?? 150)
  }

  private async check(pending: { folder: boolean; meta: boolean; rotations: boolean; policy: boolean; snapshots: Set<string> }): Promise<void> {
    const { connections, settings, inventory, snapshots } = this.deps
    // The store tells its listeners what changed; our own writes change nothing, so tell nothing.
    if (pending.meta) await this.deps.meta?.reload()
    if (pending.rotations) await this.deps.rotations?.reload()
    // A write of our own reads back the same text: the store tells nothing then.
    if (pending.policy) await this.deps.policy?.reload()
    if (pending.folder) {
      const before = new Set(connections.list().map((c) => c.id))
      await connections.reload()
      await settings.reload()
      // A connection another process added may come with the snapshot of its first refresh.
      for (const c of connections.list()) if (!before.has(c.id)) pending.snapshots.add(c.id)
    }
    for (const id of pending.snapshots) {
      if (!connections.list().some((c) => c.id === id) || !(await this.newerThanOurs(id))) continue
      const opened = await snapshots.open(id)
      if (opened.status === 'ok') inventory.adoptNewer(id, opened.value.tokens, opened.value.refreshedAt)
    }
  }

  /** Skip our own writes cheaply: a snapshot file last written by this process is not re-read. */
  private async newerThanOurs(id: string): Promise<boolean> {
    const file = this.deps.snapshots.fileFor(id)
    const mtime = await stat(file).then((s) => s.mtimeMs, () => null)
    return mtime !== null && mtime !== this.deps.snapshots.writtenHere.get(path.basename(file))
  }
}
