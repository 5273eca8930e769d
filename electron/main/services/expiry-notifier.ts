/**
 * One desktop notification after start-up and after refreshes, summarising the tokens that expire
 * within the warning window. A token is announced at most once a (local) day; clicking opens the
 * filtered inventory. The OS notification is behind a port (Electron's Notification in the app).
 */
import path from 'node:path'
import { z } from 'zod'
import { localDay } from '../../common/insights'
import { expiresWithin } from '../../common/token-query'
import { inventoryRoute } from '../../common/query-url'
import type { ConnectionStore } from './connection-store'
import type { DataLock } from './data-lock'
import type { InventoryService } from './inventory'
import type { Logger } from './logger'
import type { SealedFiles } from './sealed-file'
import type { SettingsStore } from './settings-store'

export interface NotificationPort {
  show(notification: { title: string; body: string; onClick: () => void }): void
}

const announcedSchema = z.object({ version: z.literal(1), day: z.string(), keys: z.array(z.string()) })

export class ExpiryNotifier {
  readonly file: string
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly deps: {
      dataDir: string
      inventory: InventoryService
      connections: ConnectionStore
      settings: SettingsStore
      sealed: SealedFiles
      /** The data folder's lock: the announced-today record is read, merged and written under it. */
      lock?: DataLock
      port: NotificationPort
      log: Logger
      /** Open the window at an inventory route (`/inventory?...`). */
      open: (route: string) => void
      now?: () => number
      timeZone?: string
      debounceMs?: number
    },
  ) {
    this.file = path.join(deps.dataDir, 'notified.sealed')
  }

  /** After a burst of refreshes, check once. */
  schedule(): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.check().catch((error: unknown) => this.deps.log.warn('notify: failed', { error })), this.deps.debounceMs ?? 1500)
    this.timer.unref?.()
  }

  /** Returns the number of tokens announced (0 when nothing new, or turned off). */
  check(): Promise<number> {
    return this.deps.lock ? this.deps.lock.run(() => this.announce()) : this.announce()
  }

  private async announce(): Promise<number> {
    const settings = this.deps.settings.get()
    if (!settings.notifications) return 0
    const now = this.deps.now?.() ?? Date.now()
    const days = settings.expiryWarningDays
    const today = localDay(now, this.deps.timeZone)
    const due = this.deps.inventory
      .tokens()
      .filter((t) => t.status !== 'revoked' && t.status !== 'deleted' && expiresWithin(t, days, now))
      .sort((a, b) => Date.parse(a.expiresAt!) - Date.parse(b.expiresAt!))
    const record = await this.deps.sealed.open(this.file, (json) => {
      const parsed = announcedSchema.safeParse(json)
      return parsed.success ? parsed.data : null
    })
    const announced = new Set(record.status === 'ok' && record.value.day === today ? record.value.keys : [])
    const fresh = due.filter((t) => !announced.has(t.key))
    if (fresh.length === 0) return 0
    const client = (id: string) => this.deps.connections.list().find((c) => c.id === id)?.client || 'no client'
    const lines = fresh.slice(0, 3).map((t) => `${t.name} (${client(t.connectionId)})`)
    if (fresh.length > 3) lines.push(`and ${fresh.length - 3} more`)
    this.deps.port.show({
      title: `${fresh.length} token${fresh.length === 1 ? '' : 's'} expire${fresh.length === 1 ? 's' : ''} within ${days} day${days === 1 ? '' : 's'}`,
      body: lines.join('\n'),
      onClick: () => this.deps.open(inventoryRoute({ expiry: 'within', expiryDays: days }, { key: 'expiresAt', dir: 1 })),
    })
    await this.deps.sealed.seal(this.file, { version: 1, day: today, keys: [...announced, ...fresh.map((t) => t.key)] })
    return fresh.length
  }
}
