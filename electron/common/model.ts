/** The normalised types that cross IPC. Plain data only: no classes, no functions. */
import { DEFAULT_LEAD_DAYS } from './expiry-lead-times'
import type { ProviderId } from './providers'

/** A connection as the renderer sees it: never the credential, at most its last 4 characters. */
export interface Connection {
  id: string
  provider: ProviderId
  label: string
  /** The client (customer) this account belongs to; the sidebar groups by it. */
  client: string
  baseUrl: string
  accountId: string | null
  /** ISO-8601 UTC. */
  createdAt: string
  /** Last 4 characters of the credential, or null when it is too short to show any safely. */
  credentialLast4: string | null
  /** Part of the demo workspace (the embedded sandbox), removable in one go. */
  demo?: boolean
}

export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]

export interface Settings {
  theme: Theme
  /** A copied secret is cleared from the clipboard after this many seconds (if unchanged). */
  clipboardClearSec: number
  /** A revealed secret hides itself after this many seconds. */
  revealHideSec: number
  /** Days before expiry at which a token is announced (once per lead time), largest first. */
  expiryLeadDays: number[]
  /** No network call at all: the window shows the offline snapshot. */
  workOffline: boolean
  /** A desktop notification when tokens reach an expiry lead time. */
  notifications: boolean
  /** Lock the app after this many minutes without input on the computer; 0 never. */
  lockIdleMinutes: number
  /** The rotation policy: a token older than this many days is due for a replace (Insights counts them). */
  rotationMaxAgeDays: number
  /** Every Show or Copy of a secret needs the unlock action first (Touch ID, or a deliberate click); main enforces it. */
  unlockBeforeReveal: boolean
}

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  clipboardClearSec: 30,
  revealHideSec: 20,
  expiryLeadDays: [...DEFAULT_LEAD_DAYS],
  workOffline: false,
  notifications: true,
  // On by default: unlocking is one deliberate click (or Touch ID), so a lock costs little, and a
  // window left open with secrets one click away is the risk it answers (ARCHITECTURE.md).
  lockIdleMinutes: 15,
  // A year: the longest lifetime the vendors' own pages suggest, and what audits usually ask.
  rotationMaxAgeDays: 365,
  // Off by default: the lock already guards an unattended window; this is for those who want a check per secret.
  unlockBeforeReveal: false,
}

/** Bounds of the numeric settings, shared by the form and main's validation. */
export const SETTING_BOUNDS = {
  clipboardClearSec: { min: 5, max: 300 },
  revealHideSec: { min: 5, max: 300 },
  lockIdleMinutes: { min: 0, max: 240 },
  rotationMaxAgeDays: { min: 1, max: 3650 },
} as const

/** What a notice can offer to do about itself (main runs it: `app:noticeAction`). */
export const NOTICE_ACTIONS = ['orphans:reattach', 'orphans:delete'] as const
export type NoticeActionId = (typeof NOTICE_ACTIONS)[number]

/** Something the user must hear about, e.g. a data file that was set aside at start-up. */
export interface Notice {
  id: string
  severity: 'info' | 'warning' | 'error'
  message: string
  /** Buttons offered with the message. */
  actions?: Array<{ id: NoticeActionId; label: string }>
}

export interface AppInfo {
  version: string
  platform: string
}
