/**
 * Desktop notifications for tokens reaching an expiry lead time (60 / 30 / 7 / 1 days by default,
 * a setting): each token is announced once per lead time — not once a day — at the smallest lead
 * time its expiry falls within, and one notification groups every token newly due. Checked after
 * start-up, after refreshes and every hour (lead times pass while the app sits open). Clicking
 * opens the filtered inventory. The OS notification is behind a port (Electron's in the app).
 */
import path from 'node:path'
import { z } from 'zod'
import { dueLeadTime, withinDays } from '../../common/expiry-lead-times'
import { localDay } from '../../common/insights'
import { inventoryRoute } from '../../common/query-url'
import { hasName } from '../../common/token-query'
import type { Token } from '../../common/tokens'
import { isolate } from '../../common/visible-text'
import type { ConnectionStore } from './connection-store'
import type { DataLock } from './data-lock'
import type { InventoryService } from './inventory'
import type { Logger } from './logger'
import type { SealedFiles } from './sealed-file'
import type { SettingsStore } from './settings-store'

export interface NotificationPort {
  show(notification: { title: string; body: string; onClick: () => void }): void
}

/** What was announced: one entry per (token, its expiry, lead time). A new expiry is a new token. */
const announcedSchema = z.union([
  z.object({ version: z.literal(2), announced: z.array(z.object({ key: z.string(), expiresAt: z.string(), lead: z.number() })) }),
  // Before lead times: the tokens announced on `day`.
  z.object({ version: z.literal(1), day: z.string(), keys: z.array(z.string()) }),
])
type Announced = Array<{ key: string; expiresAt: string; lead: number }>

const HOUR_MS = 3_600_000
const NAMES_PER_LINE = 2

const entryId = (e: { key: string; expiresAt: string; lead: number }): string => `${e.key}\n${e.expiresAt}\n${e.lead}`

/** A vendor name for a plain-text notification: hidden characters shown, isolated, not too long. */
function notificationName(t: Token): string {
  const name = hasName(t) ? t.name! : `Unnamed ${t.id}`
  return isolate(name.length > 60 ? `${name.slice(0, 59)}…` : name)
}

export class ExpiryNotifier {
  readonly file: string
  private timer: ReturnType<typeof setTimeout> | undefined
  private hourly: ReturnType<typeof setInterval> | undefined
  private stopped = false
  private readonly running = new Set<Promise<number>>()

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
      /** How often `start()` checks again (an hour). */
      recheckMs?: number
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

  /** Check now and then every hour until `stop()`. */
  start(): void {
    this.stopped = false
    this.schedule()
    clearInterval(this.hourly)
    this.hourly = setInterval(() => this.schedule(), this.deps.recheckMs ?? HOUR_MS)
    this.hourly.unref?.()
  }

  /** No more checks; resolves once a check under way has finished (it shows nothing more). */
  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    clearInterval(this.hourly)
    await Promise.allSettled([...this.running])
  }

  /** Returns the number of tokens announced (0 when nothing new, or turned off). */
  check(): Promise<number> {
    const run = this.deps.lock ? this.deps.lock.run(() => this.announce()) : this.announce()
    this.running.add(run)
    void run.catch(() => undefined).finally(() => this.running.delete(run))
    return run
  }

  private async announce(): Promise<number> {
    const settings = this.deps.settings.get()
    if (!settings.notifications) return 0
    const now = this.deps.now?.() ?? Date.now()
    const due = this.deps.inventory
      .tokens()
      .map((token) => ({ token, lead: dueLeadTime(token, settings.expiryLeadDays, now) }))
      .filter((d): d is { token: Token; lead: number } => d.lead !== null)
      .sort((a, b) => Date.parse(a.token.expiresAt!) - Date.parse(b.token.expiresAt!))
    const previous = await this.previous(due, now)
    const seen = new Set(previous.map(entryId))
    const fresh = due.filter(({ token, lead }) => !seen.has(entryId({ key: token.key, expiresAt: token.expiresAt!, lead })))
    if (fresh.length === 0 || this.stopped) return 0
    this.deps.port.show(this.notification(fresh))
    // Entries of tokens that have since expired are not needed any more.
    const kept = previous.filter((e) => Date.parse(e.expiresAt) >= now)
    const added = fresh.map(({ token, lead }) => ({ key: token.key, expiresAt: token.expiresAt!, lead }))
    await this.deps.sealed.seal(this.file, { version: 2, announced: [...kept, ...added] })
    return fresh.length
  }

  /** What was announced before; a record from before lead times counts today's tokens as announced at their lead time now. */
  private async previous(due: Array<{ token: Token; lead: number }>, now: number): Promise<Announced> {
    const record = await this.deps.sealed.open(this.file, (json) => {
      const parsed = announcedSchema.safeParse(json)
      return parsed.success ? parsed.data : null
    })
    if (record.status !== 'ok') return []
    if (record.value.version === 2) return record.value.announced
    if (record.value.day !== localDay(now, this.deps.timeZone)) return []
    const keys = new Set(record.value.keys)
    return due.filter((d) => keys.has(d.token.key)).map(({ token, lead }) => ({ key: token.key, expiresAt: token.expiresAt!, lead }))
  }

  /** One notification for every token newly due, a line per lead time (soonest first). */
  private notification(fresh: Array<{ token: Token; lead: number }>): { title: string; body: string; onClick: () => void } {
    const clients = new Map(this.deps.connections.list().map((c) => [c.id, c.client || 'no client']))
    const leads = [...new Set(fresh.map((d) => d.lead))].sort((a, b) => a - b)
    const lines = leads.map((lead) => {
      const tokens = fresh.filter((d) => d.lead === lead).map((d) => d.token)
      const names = tokens.slice(0, NAMES_PER_LINE).map((t) => `${notificationName(t)} (${isolate(clients.get(t.connectionId) ?? 'no client')})`)
      const more = tokens.length > NAMES_PER_LINE ? ` and ${tokens.length - NAMES_PER_LINE} more` : ''
      const label = withinDays(lead)
      return `${label[0]!.toUpperCase()}${label.slice(1)}: ${names.join(', ')}${more}`
    })
    const count = `${fresh.length} token${fresh.length === 1 ? '' : 's'} expire${fresh.length === 1 ? 's' : ''}`
    const widest = leads[leads.length - 1]!
    return {
      title: leads.length === 1 ? `${count} ${withinDays(widest)}` : `${count} soon`,
      body: lines.join('\n'),
      onClick: () => this.deps.open(inventoryRoute({ expiry: 'within', expiryDays: widest }, { key: 'expiresAt', dir: 1 })),
    }
  }
}
