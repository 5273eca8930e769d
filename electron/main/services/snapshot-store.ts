/**
 * The offline cache: after every complete refresh, a connection's normalised inventory (never a
 * secret) is sealed to `snapshots/<connectionId>.sealed`. At start-up each snapshot is opened; one
 * that is truncated, garbled, of another version or sealed with another key is set aside as
 * `.corrupt-<time>`, reported once, and the others still load. Partial refreshes never get here.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { Notice } from '../../common/model'
import type { Token } from '../../common/tokens'
import { setAside } from './atomic-file'
import type { Logger } from './logger'
import type { SealedFiles } from './sealed-file'

const VERSION = 1

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
    if (!r || typeof r.key !== 'string' || r.connectionId !== connectionId || typeof r.id !== 'string' || typeof r.name !== 'string' || typeof r.status !== 'string') return false
  }
  return true
}

export interface Snapshot {
  connectionId: string
  refreshedAt: string
  tokens: Token[]
}

export class SnapshotStore {
  readonly dir: string

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

  async save(connectionId: string, tokens: Token[], refreshedAt: string): Promise<void> {
    await this.sealed.seal(this.fileFor(connectionId), { version: VERSION, connectionId, refreshedAt, tokens })
  }

  /** Save without holding up the caller (a refresh); `flush()` waits for every such write. */
  saveInBackground(connectionId: string, tokens: Token[], refreshedAt: string, onError: (error: unknown) => void): void {
    const write = this.save(connectionId, tokens, refreshedAt).catch(onError)
    this.pending.add(write)
    void write.finally(() => this.pending.delete(write))
  }

  async flush(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending])
  }

  async remove(connectionId: string): Promise<void> {
    await fs.rm(this.fileFor(connectionId), { force: true })
  }

  /** Open every connection's snapshot. Unreadable ones are set aside and reported. */
  async loadAll(connections: Array<{ id: string; label: string }>): Promise<{ snapshots: Snapshot[]; notices: Notice[] }> {
    await this.sweepTemps()
    const keyMissing = await this.sealed.keyMissing()
    const snapshots: Snapshot[] = []
    const notices: Notice[] = []
    const setAsideLabels: string[] = []
    for (const c of connections) {
      const file = this.fileFor(c.id)
      const result = await this.sealed.open(file, (json) => {
        const parsed = envelopeSchema.safeParse(json)
        if (!parsed.success || parsed.data.connectionId !== c.id || !looksLikeTokens(parsed.data.tokens, c.id)) return null
        return { connectionId: c.id, refreshedAt: parsed.data.refreshedAt, tokens: parsed.data.tokens }
      })
      if (result.status === 'ok') snapshots.push(result.value)
      else if (result.status === 'unreadable') {
        const kept = await setAside(file, this.now())
        this.log.warn('snapshot: set aside', { reason: result.reason, kept: path.basename(kept) })
        setAsideLabels.push(c.label)
      }
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

  /** Temp files left by a write that never finished (a crash) are removed; the real files are intact. */
  private async sweepTemps(): Promise<void> {
    let names: string[]
    try {
      names = await fs.readdir(this.dir)
    } catch {
      return
    }
    await Promise.all(names.filter((n) => n.includes('.tmp-')).map((n) => fs.rm(path.join(this.dir, n), { force: true })))
  }
}
