/**
 * The app lock. It locks after the idle time (a setting), when the operating system locks the
 * screen or the machine suspends, and on demand. Locking clears a secret this app copied (if the
 * clipboard still holds it) and tells the window, which then shows only its lock screen; while
 * locked, main refuses every call that hands out a secret (`assertUnlocked`, used by the IPC
 * handlers). Unlocking goes through the operating system's own check where Electron offers one
 * (Touch ID on macOS), otherwise it is a deliberate click. No Electron here: the power events,
 * the idle time and the check come through ports (shell: electron-power.ts; tests: the fake).
 * The lock belongs to this process: the CLI never locks.
 */
import type { LockReason, LockState } from '../../common/app-lock'
import { AppError } from '../app-error'
import type { ClipboardService } from './clipboard'
import { Emitter } from './emitter'
import type { Logger } from './logger'
import type { SettingsStore } from './settings-store'

/** What the lock needs from the operating system's power and session events. */
export interface PowerPort {
  /** Seconds since the last keyboard or mouse input anywhere on the computer. */
  idleSeconds(): number
  /** True when the OS reports its screen locked now (the poll's fallback where no event comes). */
  screenLocked(): boolean
  /** `fn` runs when the screen locks or the machine is about to sleep. */
  onSystemLock(fn: (reason: 'os-lock' | 'suspend') => void): void
}

/** The operating system's own user check (Touch ID on macOS), where there is one. */
export interface UnlockCheckPort {
  available(): boolean
  /** Resolves once the user passed the check; rejects when they cancel or fail it. */
  prompt(reason: string): Promise<void>
}

const POLL_MS = 15_000
/** How long a confirmation for one secret (the "unlock before every reveal" setting) stays usable. */
const PERMIT_MS = 60_000

export class AppLock {
  private locked: LockReason | null = null
  private readonly changed = new Emitter<LockState>()
  /** Locked or unlocked (ipc/events.ts tells the windows). */
  readonly onChanged = this.changed.event
  private poll: ReturnType<typeof setInterval> | undefined
  private unlocking: Promise<LockState> | null = null
  /** Token key → until when one Show or Copy of its secret is confirmed (unlockBeforeReveal). */
  private readonly permits = new Map<string, number>()

  constructor(
    private readonly deps: {
      settings: SettingsStore
      clipboard: ClipboardService | null
      log: Logger
      power?: PowerPort
      check?: UnlockCheckPort
      /** How often the idle time is looked at (15 s). */
      pollMs?: number
    },
  ) {}

  state(): LockState {
    return { locked: this.locked !== null, reason: this.locked, unlockWith: this.deps.check?.available() ? 'touch-id' : 'button' }
  }

  /** Follow the operating system's lock and sleep, and the idle time. */
  start(): void {
    const { power } = this.deps
    if (!power) return
    power.onSystemLock((reason) => void this.lock(reason))
    clearInterval(this.poll)
    this.poll = setInterval(() => void this.checkIdle(), this.deps.pollMs ?? POLL_MS)
    this.poll.unref?.()
  }

  stop(): void {
    clearInterval(this.poll)
  }

  /** Lock if the screen is locked, or the computer has been idle for the setting's minutes (0: never). */
  async checkIdle(): Promise<void> {
    const { power } = this.deps
    if (this.locked || !power) return
    if (power.screenLocked()) return void (await this.lock('os-lock'))
    const minutes = this.deps.settings.get().lockIdleMinutes
    if (minutes > 0 && power.idleSeconds() >= minutes * 60) await this.lock('idle')
  }

  async lock(reason: LockReason): Promise<LockState> {
    this.permits.clear()
    if (!this.locked) {
      this.locked = reason
      this.deps.log.info('lock: locked', { reason })
      this.emit()
    }
    // Even when it was locked already: a copy can have landed while the lock was being reported.
    await this.deps.clipboard?.clearOnLock().catch((error: unknown) => this.deps.log.warn('lock: could not clear the clipboard', { error }))
    return this.state()
  }

  /** Unlock after the operating system's check (Touch ID) where there is one; a second call while one is asking waits for it. */
  unlock(): Promise<LockState> {
    if (!this.locked) return Promise.resolve(this.state())
    this.unlocking ??= this.confirm().finally(() => (this.unlocking = null))
    return this.unlocking
  }

  /**
   * The unlock action for one secret (the "unlock before every reveal" setting): the operating
   * system's check where there is one, else this deliberate call; then one Show or Copy of that
   * token's secret is allowed within a minute.
   */
  async confirmReveal(tokenKey: string): Promise<void> {
    this.assertUnlocked()
    await this.askCheck('show a token secret', 'Touch ID did not confirm it is you, so the secret stays hidden. Try again.')
    this.permits.set(tokenKey, Date.now() + PERMIT_MS)
  }

  /**
   * Run `task`, which hands out the secret of `tokenKey`, only while unlocked (and, with the
   * setting, once per confirmation); if the app locked while it ran (the keychain read, the
   * clipboard write), its result is withheld and a copy taken back.
   */
  async guard<T>(tokenKey: string, task: () => Promise<T>): Promise<T> {
    this.assertUnlocked()
    if (this.deps.settings.get().unlockBeforeReveal) {
      const until = this.permits.get(tokenKey)
      this.permits.delete(tokenKey) // one use, whatever happens next
      if (until === undefined || until < Date.now()) throw new AppError('locked', 'Confirm it is you before each secret is shown or copied (Settings).', { fields: { reveal: 'confirm' } })
    }
    const result = await task()
    if (this.locked) {
      await this.deps.clipboard?.clearOnLock()
      this.assertUnlocked()
    }
    return result
  }

  /** Throws while locked: the IPC handlers call this (through `guard`) before anything that hands out a secret. */
  assertUnlocked(): void {
    if (this.locked) throw new AppError('locked', 'Tokendesk is locked. Unlock it to show or copy a secret.')
  }

  /** The operating system's own check (Touch ID) where there is one; `refusal` when it is cancelled or fails. */
  private async askCheck(reason: string, refusal: string): Promise<void> {
    const { check } = this.deps
    if (!check?.available()) return
    try {
      await check.prompt(reason)
    } catch {
      throw new AppError('locked', refusal)
    }
  }

  private async confirm(): Promise<LockState> {
    await this.askCheck('unlock Tokendesk', 'Touch ID did not confirm it is you, so Tokendesk stays locked. Try again.')
    this.locked = null
    this.deps.log.info('lock: unlocked')
    this.emit()
    return this.state()
  }

  private emit(): void {
    this.changed.fire(this.state())
  }
}
