/**
 * Owners, notes, tags and display names, kept locally per (connection, vendor token id) in one
 * sealed file (`token-meta.sealed`), so they survive refreshes — the vendor never sees them — and
 * restarts. Every change is read-merge-write under the data folder's lock: the app and any CLI
 * can annotate at the same time without losing each other's edits. A file that cannot be opened
 * is set aside (and said), never overwritten.
 */
import path from 'node:path'
import { z } from 'zod'
import type { Notice } from '../../common/model'
import { tokenKey } from '../../common/tokens'
import { applyBulkChange, EMPTY_META, isEmptyMeta, metaBulkChangeSchema, tokenMetaPatchSchema, type MetaBulkChange, type TokenMeta, type TokenMetaPatch } from '../../common/token-meta'
import { parseInput } from '../app-error'
import { setAside } from './atomic-file'
import { Emitter } from './emitter'
import type { DataLock } from './data-lock'
import type { Logger } from './logger'
import type { SealedFiles } from './sealed-file'

const metaSchema = z.object({
  owner: z.string().nullable(),
  notes: z.string().nullable(),
  tags: z.array(z.string()),
  displayName: z.string().nullable(),
  updatedAt: z.string(),
})
const fileSchema = z.object({ version: z.literal(1), entries: z.record(z.string(), metaSchema) })
type Entries = Record<string, TokenMeta>

/** The key of a token's entry: its key in the inventory (connection id and vendor token id). */
export const metaKey = tokenKey

export const TOKEN_META_FILE = 'token-meta.sealed'

export class TokenMetaStore {
  readonly file: string
  private entries: Entries = {}
  private readonly changed = new Emitter<Array<{ key: string; meta: TokenMeta | null }>>()
  /** Entries changed here or (after `reload`) by another process; ipc/events.ts tells the windows. */
  readonly onChanged = this.changed.event

  constructor(
    dataDir: string,
    private readonly deps: { sealed: SealedFiles; lock: DataLock; log: Logger; post?: (notice: Notice) => void; now?: () => Date },
  ) {
    this.file = path.join(dataDir, TOKEN_META_FILE)
  }

  /** Read what is on disk (at start-up, and when another process changed it). */
  async load(): Promise<void> {
    this.entries = await this.read()
  }

  /** Take in what another process (a CLI) wrote; listeners hear of the entries that changed. */
  async reload(): Promise<void> {
    const before = this.entries
    this.entries = await this.read()
    this.tell(before)
  }

  get(connectionId: string, tokenId: string): TokenMeta | null {
    return this.entries[metaKey(connectionId, tokenId)] ?? null
  }

  /** The entry of a token by its key in the inventory (connection id / token id). */
  byKey(key: string): TokenMeta | null {
    return this.entries[key] ?? null
  }

  /** Every entry, by token key. */
  all(): ReadonlyMap<string, TokenMeta> {
    return new Map(Object.entries(this.entries))
  }

  /** Apply one patch to several tokens of a connection (the details panel: one; a bulk edit: many). */
  async update(connectionId: string, tokenIds: readonly string[], patch: TokenMetaPatch): Promise<TokenMeta[]> {
    const data = parseInput(tokenMetaPatchSchema, patch)
    return this.change((entries) => {
      const updatedAt = (this.deps.now?.() ?? new Date()).toISOString()
      return tokenIds.map((tokenId) => {
        const key = metaKey(connectionId, tokenId)
        const next: TokenMeta = { ...EMPTY_META, ...entries[key], ...data, updatedAt }
        if (isEmptyMeta(next)) delete entries[key]
        else entries[key] = next
        return next
      })
    })
  }

  /**
   * Several changes in one locked write (an imported spreadsheet): each sets the fields it gives
   * and adds its tags. Every patch must already be valid (`tokenMetaPatchSchema`).
   */
  async applyMany(changes: ReadonlyArray<{ connectionId: string; tokenId: string; set: TokenMetaPatch; addTags: readonly string[] }>): Promise<void> {
    const parsed = changes.map((c) => ({ ...c, set: parseInput(tokenMetaPatchSchema, c.set) }))
    await this.change((entries) => {
      const updatedAt = (this.deps.now?.() ?? new Date()).toISOString()
      for (const { connectionId, tokenId, set, addTags } of parsed) {
        const key = metaKey(connectionId, tokenId)
        const current = entries[key] ?? { ...EMPTY_META, updatedAt }
        const next: TokenMeta = { ...current, ...set, tags: [...new Set([...current.tags, ...addTags])], updatedAt }
        if (isEmptyMeta(next)) delete entries[key]
        else entries[key] = next
      }
    })
  }

  /**
   * A bulk edit of a selection in one locked write (read-merge-write: what another process
   * changed meanwhile is kept). Per token: done, or why that one could not take it.
   */
  async bulk(keys: readonly string[], change: MetaBulkChange): Promise<Array<{ key: string; message: string | null }>> {
    const data = parseInput(metaBulkChangeSchema, change)
    return this.change((entries) => {
      const updatedAt = (this.deps.now?.() ?? new Date()).toISOString()
      return keys.map((key) => {
        const result = applyBulkChange(entries[key], data, updatedAt)
        if ('refused' in result) return { key, message: result.refused }
        if (isEmptyMeta(result.next)) delete entries[key]
        else entries[key] = result.next
        return { key, message: null }
      })
    })
  }

  /** Add tags to several tokens, keeping the tags each already has. */
  async addTags(connectionId: string, tokenIds: readonly string[], tags: readonly string[]): Promise<void> {
    const { tags: valid = [] } = parseInput(tokenMetaPatchSchema, { tags: [...tags] })
    await this.change((entries) => {
      const updatedAt = (this.deps.now?.() ?? new Date()).toISOString()
      for (const tokenId of tokenIds) {
        const key = metaKey(connectionId, tokenId)
        const current = entries[key] ?? { ...EMPTY_META, updatedAt }
        entries[key] = { ...current, tags: [...new Set([...current.tags, ...valid])], updatedAt }
      }
    })
  }

  /** A removed connection's metadata goes with it. */
  async forgetConnection(connectionId: string): Promise<void> {
    await this.change((entries) => {
      for (const key of Object.keys(entries)) if (key.startsWith(`${connectionId}/`)) delete entries[key]
    })
  }

  private async change<T>(apply: (entries: Entries) => T): Promise<T> {
    const before = this.entries
    const result = await this.deps.lock.run(async () => {
      const entries = await this.read()
      const result = apply(entries)
      await this.deps.sealed.seal(this.file, { version: 1, entries })
      this.entries = entries
      return result
    })
    this.tell(before)
    return result
  }

  /** Fire the entries that differ from `before` (nothing when nothing changed). */
  private tell(before: Entries): void {
    const keys = new Set([...Object.keys(before), ...Object.keys(this.entries)])
    const changes = [...keys]
      .filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(this.entries[key] ?? null))
      .map((key) => ({ key, meta: this.entries[key] ?? null }))
    if (changes.length) this.changed.fire(changes)
  }

  private async read(): Promise<Entries> {
    const opened = await this.deps.sealed.open(this.file, (json) => {
      const parsed = fileSchema.safeParse(json)
      return parsed.success ? parsed.data : null
    })
    if (opened.status === 'ok') return opened.value.entries
    if (opened.status === 'missing') return {}
    const kept = await setAside(this.file)
    this.deps.log.warn('token-meta: file set aside', { reason: opened.reason, kept })
    if (kept) {
      this.deps.post?.({
        id: `token-meta-corrupt-${path.basename(kept)}`,
        severity: 'warning',
        message: `Owners, notes and tags could not be read because ${opened.reason}; they start empty. The old file was kept as ${path.basename(kept)}.`,
      })
    }
    return {}
  }
}
