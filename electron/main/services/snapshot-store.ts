/**
 * The offline cache: after every complete refresh, a connection's normalised inventory (never a
 * secret) is sealed to `snapshots/<connectionId>.sealed`. At start-up each snapshot is opened; one
 * that is truncated, garbled, of another version or sealed with another key is set aside as
 * `.corrupt-<time>`, reported once, and the others still load. Partial refreshes never get here.
 *
 * Sealed as a stream (`SealedFiles.sealJson`), a batch of tokens at a time, and in the background:
 * a refresh does not wait for its copy, and the copy waits for the refreshes running beside it to
 * end (at most `DEFER_MS`), so sealing does not compete with them for the event loop.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { Notice } from '../../common/model'
import type { Token } from '../../common/tokens'
import { AppError } from '../app-error'
import { setAside, sweepTemps } from './atomic-file'
import { fileSystemError, osReason } from './file-problem'
import type { Logger } from './logger'
import type { SealedFiles } from './sealed-file'

const VERSION = 1
/** Tokens serialised (and encrypted, and written) at a time. */
const BATCH = 500
/** The longest a finished refresh's copy waits for the other refreshes to end. */
const DEFER_MS = 10_000

/** The envelope's JSON text, in pieces: exactly `JSON.stringify` of it, a batch of tokens a piece. */
export function* snapshotJson(connectionId: string, refreshedAt: string, tokens: readonly Token[]): Generator<string> {
  yield `{"version":${VERSION},"connectionId":${JSON.stringify(connectionId)},"refreshedAt":${JSON.stringify(refreshedAt)},"tokens":[`
  for (let i = 0; i < tokens.length; i += BATCH) {
    const batch = JSON.stringify(tokens.slice(i, i + BATCH))
    yield `${i ? ',' : ''}${batch.slice(1, -1)}`
  }
  yield ']}'
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

const envelopeSchema = z.object({
  version: z.literal(VERSION),
  connectionId: z.string(),
  refreshedAt: z.string(),
  tokens: z.array(z.unknown()),
})

/**
 * The tokens were validated when fetched, and the GCM tag proves this file is exactly what we
 * wrote: a light shape check per token suffices (a full schema pass would double the read time).
 */
function looksLikeTokens(tokens: unknown[], connectionId: string): tokens is Token[] {
  for (const t of tokens) {
    const r = t as Record<string, unknown> | null
    if (!r || typeof r.key !== 'string' || r.connectionId !== connectionId || typeof r.id !== 'string' || (typeof r.name !== 'string' && r.name !== null) || typeof r.status !== 'string') return false
  }
  return true
}

export interface Snapshot {
  connectionId: string
  refreshedAt: string
  tokens: Token[]
}

export interface SnapshotFailure {
  connectionId: string
  error: unknown
}

/** Said when a refresh's offline copy could not be written: the window shows it, the disk does not. */
export function notSavedNotice(connection: { id: string; label: string }, error: unknown): Notice {
  const file = fileSystemError(error)
  const why = file ? osReason(file) : error instanceof AppError ? error.message : 'an unexpected error (details are in the log)'
  return {
    id: `snapshot-not-saved-${connection.id}`,
    severity: 'warning',
    message: `The offline copy of “${connection.label}” could not be saved: ${why}. The refreshed inventory is shown, but Tokendesk offline still has the previous copy.`,
  }
}

export class SnapshotStore {
  readonly dir: string
  /** Whether a connection is still in the shared connections file (another process may have removed it). */
  stillListed: ((connectionId: string) => Promise<boolean>) | null = null
  /** File name → mtime of the snapshots this process wrote last (the folder watcher skips them). */
  readonly writtenHere = new Map<string, number>()
  /** Resolves when no refresh is running (the inventory's); background copies wait for it. */
  whenIdle: (() => Promise<void>) | null = null

  constructor(
    dataDir: string,
    private readonly sealed: SealedFiles,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.dir = path.join(dataDir, 'snapshots')
  }

  fileFor(connectionId: string): string {
    return path.join(this.dir, `${connectionId}.sealed`)
  }

  private readonly pending = new Set<Promise<void>>()
  private failures: SnapshotFailure[] = []
  /** Background copies not yet started, by connection: a newer inventory replaces the one waiting. */
  private readonly waiting = new Map<string, { tokens: Token[]; refreshedAt: string; onError: (error: unknown) => void }>()
  private flushRequested = deferred()
  private flushing = 0

  async save(connectionId: string, tokens: Token[], refreshedAt: string): Promise<void> {
    const file = this.fileFor(connectionId)
    await this.sealed.sealJson(file, snapshotJson(connectionId, refreshedAt, tokens))
    const written = await fs.stat(file).catch(() => null)
    if (written) this.writtenHere.set(path.basename(file), written.mtimeMs)
    // Removed by another process while this refresh ran: its copy must not outlive it.
    if (this.stillListed && !(await this.stillListed(connectionId))) await this.remove(connectionId)
  }

  /** Save without holding up the caller (a refresh); `flush()` waits for every such write. */
  saveInBackground(connectionId: string, tokens: Token[], refreshedAt: string, onError: (error: unknown) => void): void {
    const queued = this.waiting.get(connectionId)
    if (queued) return void Object.assign(queued, { tokens, refreshedAt, onError })
    const job = { tokens, refreshedAt, onError }
    this.waiting.set(connectionId, job)
    const write = this.untilQuiet()
      .then(() => {
        this.waiting.delete(connectionId)
        return this.save(connectionId, job.tokens, job.refreshedAt)
      })
      .catch((error: unknown) => {
        this.failures.push({ connectionId, error })
        job.onError(error)
      })
    this.pending.add(write)
    void write.finally(() => this.pending.delete(write))
  }

  /** No refresh running, a flush asked for, or `DEFER_MS` passed: whichever comes first. */
  private async untilQuiet(): Promise<void> {
    if (this.flushing || !this.whenIdle) return
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, DEFER_MS).unref()))
    await Promise.race([this.whenIdle(), this.flushRequested.promise, late])
    clearTimeout(timer)
  }

  /** Every background copy, written now (on quit, at the end of a CLI command). */
  async flush(): Promise<void> {
    this.flushing += 1
    this.flushRequested.resolve()
    this.flushRequested = deferred()
    try {
      while (this.pending.size) await Promise.all([...this.pending])
    } finally {
      this.flushing -= 1
    }
  }

  /** The background writes that failed since the last call (after `flush()`, all of them). */
  takeFailures(): SnapshotFailure[] {
    const failed = this.failures
    this.failures = []
    return failed
  }

  async remove(connectionId: string): Promise<void> {
    await fs.rm(this.fileFor(connectionId), { force: true })
  }

  /** Open every connection's snapshot. Unreadable ones are set aside and reported. */
  async loadAll(connections: Array<{ id: string; label: string }>): Promise<{ snapshots: Snapshot[]; notices: Notice[] }> {
    await sweepTemps(this.dir)
    const present = await this.present()
    const wanted = connections.filter((c) => present.has(`${c.id}.sealed`))
    // Nothing to open: the keychain is not asked (a `connections list` needs no data key).
    if (wanted.length === 0) return { snapshots: [], notices: [] }
    const keyMissing = await this.sealed.keyMissing()
    const snapshots: Snapshot[] = []
    const notices: Notice[] = []
    const setAsideLabels: string[] = []
    for (const c of wanted) {
      const result = await this.open(c.id)
      if (result.status === 'ok') snapshots.push(result.value)
      else if (result.status === 'unreadable' && result.setAside) setAsideLabels.push(c.label)
    }
    if (setAsideLabels.length) {
      const which = setAsideLabels.map((l) => `“${l}”`).join(', ')
      notices.push({
        id: `snapshots-corrupt-${this.now().getTime()}`,
        severity: 'warning',
        message: keyMissing
          ? `The key that protects the offline copies was no longer in your keychain, so the saved inventory of ${which} could not be opened. It was kept aside in the data folder; a new key is in use and the next refresh saves a fresh copy.`
          : `The saved offline inventory of ${which} was damaged and could not be opened. It was kept aside in the data folder; the next refresh saves a fresh copy. Everything else loaded normally.`,
      })
    }
    if (keyMissing) this.sealed.resetKey()
    return { snapshots, notices }
  }

  /** One connection's snapshot; an unreadable one is set aside (`setAside`: by this call). */
  async open(connectionId: string): Promise<{ status: 'missing' } | { status: 'ok'; value: Snapshot } | { status: 'unreadable'; setAside: boolean }> {
    const file = this.fileFor(connectionId)
    const result = await this.sealed.open(file, (json) => {
      const parsed = envelopeSchema.safeParse(json)
      if (!parsed.success || parsed.data.connectionId !== connectionId || !looksLikeTokens(parsed.data.tokens, connectionId)) return null
      return { connectionId, refreshedAt: parsed.data.refreshedAt, tokens: parsed.data.tokens }
    })
    if (result.status !== 'unreadable') return result
    const kept = await setAside(file, this.now())
    if (kept) this.log.warn('snapshot: set aside', { reason: result.reason, kept: path.basename(kept) })
    return { status: 'unreadable', setAside: kept !== null }
  }

  private async present(): Promise<Set<string>> {
    try {
      return new Set(await fs.readdir(this.dir))
    } catch {
      return new Set()
    }
  }
}
