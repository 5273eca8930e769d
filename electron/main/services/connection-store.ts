/**
 * Connections: the non-secret fields in `connections.json` (schema-versioned, written
 * atomically, validated on read), the credential in the keychain under the connection id.
 * No method here returns a credential to a caller outside main (`credentialFor` is for
 * main-process services only and has no IPC channel).
 *
 * The file is shared by the app and any number of CLIs: every change is read-merge-write under
 * the data folder's lock (re-read the file, apply the one change, write atomically), never a
 * write of this process's copy. The keychain and the file change together: a step that fails
 * after the keychain changed puts the keychain back, so no credential is left without its
 * connection.
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { z } from 'zod'
import type { Connection, Notice } from '../../common/model'
import { PROVIDER_IDS, PROVIDERS } from '../../common/providers'
import {
  connectionPatchSchema,
  credentialSchema,
  newConnectionSchema,
  type ConnectionPatch,
  type NewConnection,
} from '../../common/validation'
import { AppError, parseInput } from '../app-error'
import { Emitter } from './emitter'
import { readJsonFile, setAside, writeFileAtomic } from './atomic-file'
import { DataLock } from './data-lock'
import type { Logger } from './logger'
import type { SecretStore } from './secret-store'

const FILE_VERSION = 1
export const CONNECTIONS_FILE = 'connections.json'

export const storedConnectionSchema = z.object({
  id: z.string().uuid(),
  provider: z.enum(PROVIDER_IDS),
  label: z.string().min(1),
  client: z.string(),
  baseUrl: z.string().min(1),
  accountId: z.string().nullable(),
  createdAt: z.string(),
  credentialLast4: z.string().max(4).nullable(),
  demo: z.boolean().optional(),
})

const fileSchema = z.object({
  version: z.literal(FILE_VERSION),
  connections: z.array(storedConnectionSchema),
})

/** Show the last 4 characters only when the credential is long enough that they give little away. */
export function credentialLast4(credential: string): string | null {
  return credential.length >= 16 ? credential.slice(-4) : null
}

function sameLabel(a: Connection, label: string, client: string): boolean {
  return (
    a.label.trim().toLowerCase() === label.trim().toLowerCase() &&
    a.client.trim().toLowerCase() === client.trim().toLowerCase()
  )
}

export interface ConnectionStoreOptions {
  dataDir: string
  secrets: SecretStore
  log: Logger
  /** The data folder's lock; one of its own when not given. */
  lock?: DataLock
  /** Tells the user about a problem found after start-up (a file set aside mid-session). */
  post?: (notice: Notice) => void
  now?: () => Date
  newId?: () => string
}

/** Who removed a connection: this process (clean up after it), or another one (just forget it). */
export type RemovedBy = 'here' | 'elsewhere'

/** One change: the list to write, what to return, and how to put the keychain back if writing fails. */
interface Change<T> {
  next: Connection[]
  value: T
  /** The connection this change removes (its listeners are told by the caller, as `here`). */
  removed?: string
  undo?: () => Promise<unknown>
}

export class ConnectionStore {
  readonly file: string
  readonly lock: DataLock
  private connections: Connection[] = []
  private readonly changed = new Emitter<Connection[]>()
  /** The list changed: a change made here, or one another process made (`reload`). */
  readonly onChanged = this.changed.event
  private readonly removedListeners = new Set<(id: string, by: RemovedBy) => void | Promise<unknown>>()
  /** While init() runs, its notices are returned instead of posted. */
  private collecting: Notice[] | null = null
  private readonly now: () => Date
  private readonly newId: () => string

  constructor(private readonly options: ConnectionStoreOptions) {
    this.file = path.join(options.dataDir, CONNECTIONS_FILE)
    this.lock = options.lock ?? new DataLock(options.dataDir, { log: options.log })
    this.now = options.now ?? (() => new Date())
    this.newId = options.newId ?? randomUUID
  }

  /** Load from disk. A corrupt file is set aside (never overwritten) and reported. */
  async init(): Promise<Notice[]> {
    const result = await readJsonFile(this.file, fileSchema)
    if (result.status === 'ok') {
      this.connections = result.value.connections
      return []
    }
    if (result.status === 'missing') return []
    // Under the lock, after a second look: another process may have set it aside or fixed it.
    const notices: Notice[] = []
    this.collecting = notices
    try {
      this.connections = await this.lock.run(() => this.readForChange())
    } finally {
      this.collecting = null
    }
    return notices
  }

  /**
   * Called after a connection is removed: `here` by this process (its snapshot and token
   * secrets go too), `elsewhere` by another process sharing the data folder (forget it only).
   */
  onRemoved(listener: (id: string, by: RemovedBy) => void | Promise<unknown>): () => void {
    this.removedListeners.add(listener)
    return () => this.removedListeners.delete(listener)
  }

  list(): Connection[] {
    return this.connections.map((c) => ({ ...c }))
  }

  get(id: string): Connection {
    const found = this.connections.find((c) => c.id === id)
    if (!found) throw new AppError('not_found', 'That connection no longer exists.')
    return { ...found }
  }

  /** For main-process services that call the vendor. Never exposed over IPC. */
  async credentialFor(id: string): Promise<string> {
    this.get(id)
    const credential = await this.options.secrets.get(id)
    if (!credential) {
      throw new AppError(
        'auth',
        'The credential for this connection is missing from the keychain. Replace it in Connections.',
      )
    }
    return credential
  }

  /**
   * Take in what another process changed: re-read the file (no lock; it is replaced atomically).
   * True when the list changed. A file that cannot be read now is left for the next change.
   */
  async reload(): Promise<boolean> {
    const result = await readJsonFile(this.file, fileSchema)
    if (result.status === 'corrupt') return false
    const next = result.status === 'ok' ? result.value.connections : []
    if (JSON.stringify(next) === JSON.stringify(this.connections)) return false
    this.adopt(next)
    this.changed.fire(this.list())
    return true
  }

  /** Whether the file on disk still lists `id` (true when the file cannot be read: keep things). */
  async existsOnDisk(id: string): Promise<boolean> {
    const result = await readJsonFile(this.file, fileSchema).catch(() => null)
    if (!result || result.status === 'corrupt') return true
    return result.status === 'ok' && result.value.connections.some((c) => c.id === id)
  }

  /**
   * The checks `add` makes before it stores anything — the fields, the data folder (its lock), the
   * label against the list on disk — so that a connection is tested with its vendor only when
   * nothing local stands in the way.
   */
  async validateNew(input: NewConnection): Promise<ReturnType<typeof newConnectionSchema.parse>> {
    const data = parseInput(newConnectionSchema, input)
    await this.lock.run(async () => {
      const current = await this.readForChange()
      this.adopt(current)
      assertLabelFree(current, data.label, data.client, null)
    })
    return data
  }

  /** The connection as `update` would make it, without storing it. */
  previewUpdate(id: string, patch: ConnectionPatch): Connection {
    return applyPatch(this.connections, id, parseInput(connectionPatchSchema, patch))
  }

  /**
   * `demo`: only main's demo workspace sets it; it never comes over IPC. `admit`: a last check
   * against the list on disk, under the lock (another process may have added a connection since
   * the caller looked); it throws to refuse.
   */
  async add(input: NewConnection, options: { demo?: boolean; admit?: (current: readonly Connection[]) => Promise<void> } = {}): Promise<Connection> {
    const data = parseInput(newConnectionSchema, input)
    return this.change(async (current) => {
      assertLabelFree(current, data.label, data.client, null)
      await options.admit?.(current)
      const connection: Connection = {
        id: this.newId(),
        provider: data.provider,
        label: data.label,
        client: data.client,
        baseUrl: data.baseUrl,
        accountId: data.accountId ?? null,
        createdAt: this.now().toISOString(),
        credentialLast4: credentialLast4(data.credential),
        ...(options.demo ? { demo: true } : {}),
      }
      // Keychain first: if it is unavailable, nothing at all is stored.
      await this.options.secrets.set(connection.id, data.credential)
      return { next: [...current, connection], value: { ...connection }, undo: () => this.options.secrets.delete(connection.id) }
    })
  }

  async update(id: string, patch: ConnectionPatch): Promise<Connection> {
    const data = parseInput(connectionPatchSchema, patch)
    return this.change(async (current) => {
      const next = applyPatch(current, id, data)
      return { next: current.map((c) => (c.id === id ? next : c)), value: { ...next } }
    })
  }

  async remove(id: string): Promise<void> {
    await this.change(async (current) => {
      findIn(current, id)
      // The credential goes first: if the keychain refuses, the connection stays as it was.
      const credential = await this.options.secrets.get(id)
      await this.options.secrets.delete(id)
      return {
        next: current.filter((c) => c.id !== id),
        value: undefined,
        removed: id,
        undo: credential ? () => this.options.secrets.set(id, credential) : undefined,
      }
    })
    // Its snapshot and token secrets go before this resolves (a CLI exits right after).
    await Promise.allSettled([...this.removedListeners].map(async (listener) => listener(id, 'here')))
  }

  async setCredential(id: string, credential: string): Promise<Connection> {
    const value = parseInput(credentialSchema, credential)
    return this.change(async (current) => {
      const existing = findIn(current, id)
      const previous = await this.options.secrets.get(id)
      await this.options.secrets.set(id, value)
      const next = { ...existing, credentialLast4: credentialLast4(value) }
      return {
        next: current.map((c) => (c.id === id ? next : c)),
        value: { ...next },
        undo: () => (previous ? this.options.secrets.set(id, previous) : this.options.secrets.delete(id)),
      }
    })
  }

  /**
   * Put connections back whose credentials are still in the keychain (from a set-aside file).
   * An id already listed is skipped; a label taken in the meantime gets " (recovered)".
   */
  reattach(candidates: Connection[]): Promise<Connection[]> {
    return this.change(async (current) => {
      const attached: Connection[] = []
      const next = [...current]
      for (const candidate of candidates) {
        if (next.some((c) => c.id === candidate.id)) continue
        let label = candidate.label
        for (let n = 1; next.some((c) => sameLabel(c, label, candidate.client)); n++) label = `${candidate.label} (recovered${n > 1 ? ` ${n}` : ''})`
        const connection = { ...candidate, label }
        next.push(connection)
        attached.push({ ...connection })
      }
      return { next, value: attached }
    })
  }

  /** One change, read-merge-write under the data folder's lock. */
  private change<T>(make: (current: Connection[]) => Promise<Change<T>>): Promise<T> {
    return this.lock.run(async () => {
      const current = await this.readForChange()
      this.adopt(current)
      const { next, value, undo, removed } = await make(current)
      try {
        await writeFileAtomic(this.file, `${JSON.stringify({ version: FILE_VERSION, connections: next }, null, 2)}\n`)
      } catch (error) {
        await undo?.().catch((undoError: unknown) => this.options.log.warn('connections: could not undo a keychain change', { error: undoError }))
        throw error
      }
      this.adopt(next, removed)
      this.changed.fire(this.list())
      return value
    })
  }

  /**
   * The list on disk now (inside the lock). A file that cannot be read is set aside (never
   * overwritten) and reported; the change then starts from the last list this process read.
   */
  private async readForChange(): Promise<Connection[]> {
    const result = await readJsonFile(this.file, fileSchema)
    if (result.status === 'ok') return result.value.connections
    if (result.status === 'missing') return []
    const kept = await setAside(this.file, this.now())
    if (!kept) return this.readForChange() // another process set it aside a moment ago
    this.options.log.warn('connections: file set aside', { reason: result.reason, kept })
    const base = this.list()
    const notice: Notice = {
      id: `connections-corrupt-${path.basename(kept)}`,
      severity: 'error',
      message:
        `Your connections file could not be read because ${result.reason}. It was kept as ` +
        `${path.basename(kept)} in the data folder and ` +
        (base.length ? `rewritten from the ${base.length} connection${base.length === 1 ? '' : 's'} Tokendesk had loaded.` : 'Tokendesk started with no connections.'),
    }
    if (this.collecting) this.collecting.push(notice)
    else this.options.post?.(notice)
    return base
  }

  /** Replace this process's copy; connections gone from it were removed elsewhere. */
  private adopt(next: Connection[], removedHere?: string): void {
    const kept = new Set(next.map((c) => c.id))
    const gone = this.connections.filter((c) => !kept.has(c.id) && c.id !== removedHere).map((c) => c.id)
    this.connections = next.map((c) => ({ ...c }))
    for (const id of gone) for (const listener of this.removedListeners) void listener(id, 'elsewhere')
  }
}

/** The connection as a patch makes it, checked against the others' labels (not stored). */
function applyPatch(list: Connection[], id: string, data: ReturnType<typeof connectionPatchSchema.parse>): Connection {
  const next: Connection = { ...findIn(list, id), ...Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) }
  if (!PROVIDERS[next.provider].accountId) next.accountId = null
  assertLabelFree(list, next.label, next.client, id)
  return next
}

function findIn(list: Connection[], id: string): Connection {
  const found = list.find((c) => c.id === id)
  if (!found) throw new AppError('not_found', 'That connection no longer exists.')
  return found
}

function assertLabelFree(list: Connection[], label: string, client: string, exceptId: string | null): void {
  const clash = list.find((c) => c.id !== exceptId && sameLabel(c, label, client))
  if (clash) {
    const where = client.trim() ? `client “${client.trim()}”` : 'connections without a client'
    throw new AppError('conflict', `There is already a connection called “${label}” in ${where}.`, {
      fields: { label: 'This label is already used in this client.' },
    })
  }
}
