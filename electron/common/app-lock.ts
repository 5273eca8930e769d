/** The app lock's state as the window sees it (main owns it: services/app-lock.ts). */

export const LOCK_REASONS = ['manual', 'idle', 'os-lock', 'suspend'] as const
export type LockReason = (typeof LOCK_REASONS)[number]

export interface LockState {
  locked: boolean
  /** Why it locked; null while unlocked. */
  reason: LockReason | null
  /** How unlocking is confirmed: the operating system's own check (Touch ID), or a deliberate click. */
  unlockWith: 'touch-id' | 'button'
}

/** What the lock screen says about why it locked. */
export const LOCK_REASON_TEXT: Record<LockReason, string> = {
  manual: 'You locked Tokendesk.',
  idle: 'Tokendesk locked itself after a while without use.',
  'os-lock': 'Tokendesk locked when the screen was locked.',
  suspend: 'Tokendesk locked when the computer went to sleep.',
}
