/**
 * Copies a secret to the system clipboard from main (it never passes through the renderer),
 * marked as concealed for clipboard-history tools, and clears it after a while — but only if the
 * clipboard still holds that secret — and on quit. Only a hash of the secret is kept meanwhile.
 */
import { createHash } from 'node:crypto'
import type { CopyResult } from '../../common/tokens'
import { Emitter } from './emitter'

/** The few clipboard operations needed; Electron's clipboard in the app, a fake in tests. */
export interface ClipboardPort {
  /** All formats in one atomic write. */
  write(formats: Record<string, string>): Promise<void>
  readText(): Promise<string>
  clear(): void
}

const raw = (format: string): string => `electron application/osclipboard;format="${format}"`

/** Markers that clipboard managers and OS history honour (KeePassXC, CopyQ, Windows history). */
export function concealedFormats(platform: NodeJS.Platform): Record<string, string> {
  if (platform === 'darwin') return { [raw('org.nspasteboard.ConcealedType')]: '' }
  if (platform === 'win32') return { [raw('ExcludeClipboardContentFromMonitorProcessing')]: '' }
  return { [raw('x-kde-passwordManagerHint')]: 'secret' }
}

export type ClearedReason = 'timeout' | 'quit' | 'replaced' | 'lock'

export interface ClipboardOptions {
  platform?: NodeJS.Platform
  now?: () => Date
  schedule?: (fn: () => void, ms: number) => () => void
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex')

export class ClipboardService {
  private readonly cleared = new Emitter<ClearedReason>()
  /** The secret left the clipboard: cleared after its time or on quit, or the user replaced it. */
  readonly onCleared = this.cleared.event
  private held: { digest: string; cancel: () => void } | null = null
  private readonly platform: NodeJS.Platform
  private readonly now: () => Date
  private readonly schedule: (fn: () => void, ms: number) => () => void

  constructor(
    private readonly port: ClipboardPort,
    private readonly options: ClipboardOptions = {},
  ) {
    this.platform = options.platform ?? process.platform
    this.now = options.now ?? (() => new Date())
    this.schedule =
      options.schedule ??
      ((fn, ms) => {
        const t = setTimeout(fn, ms)
        t.unref?.()
        return () => clearTimeout(t)
      })
  }

  async copySecret(secret: string, clearAfterSec: number): Promise<CopyResult> {
    this.held?.cancel()
    await this.port.write({ 'text/plain': secret, ...concealedFormats(this.platform) })
    const cancel = this.schedule(() => void this.clearIfUnchanged('timeout'), clearAfterSec * 1000)
    this.held = { digest: digest(secret), cancel }
    return { clearsAt: new Date(this.now().getTime() + clearAfterSec * 1000).toISOString() }
  }

  /** On quit: clear now if the clipboard still holds our secret. */
  async clearOnQuit(): Promise<void> {
    await this.clearIfUnchanged('quit')
  }

  /** The app locked: clear now if the clipboard still holds our secret. */
  async clearOnLock(): Promise<void> {
    await this.clearIfUnchanged('lock')
  }

  private async clearIfUnchanged(reason: 'timeout' | 'quit' | 'lock'): Promise<void> {
    const held = this.held
    if (!held) return
    this.held = null
    held.cancel()
    const current = await this.port.readText().catch(() => '')
    if (digest(current) === held.digest) {
      this.port.clear()
      this.cleared.fire(reason)
    } else {
      // The user copied something else since: leave their clipboard alone.
      this.cleared.fire('replaced')
    }
  }
}
