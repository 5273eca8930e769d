/**
 * Connections: the non-secret fields in `connections.json` (schema-versioned, written
 * atomically, validated on read), the credential in the keychain under the connection id.
 * No method here returns a credential to a caller outside main (`credentialFor` is for
 * main-process services only and has no IPC channel).
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { z } from 'zod'
import type { Connection, Notice } from '../../common/model'
import { PROVIDER_IDS } from '../../common/providers'
import {
  connectionPatchSchema,
  credentialSchema,
  newConnectionSchema,
  type ConnectionPatch,
  type NewConnection,
} from '../../common/validation'
import { AppError, parseInput } from '../app-error'
import { readJsonFile, setAside, writeFileAtomic } from './atomic-file'
import type { Logger } from './logger'
import type { SecretStore } from './secret-store'

const FILE_VERSION = 1

const storedConnectionSchema = z.object({
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
  now?: () => Date
  newId?: () => string
}

export class ConnectionStore {
  readonly file: string
  private connections: Connection[] = []
  private queue: Promise<unknown> = Promise.resolve()
  private readonly removedListeners = new Set<(id: string) => void>()
  private readonly now: () => Date
  private readonly newId: () => string

  constructor(private readonly options: ConnectionStoreOptions) {
    this.file = path.join(options.dataDir, 'connections.json')
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
    this.connections = []
    if (result.status === 'missing') return []
    const kept = await setAside(this.file, this.now())
    this.options.log.warn('connections: file set aside', { reason: result.reason, kept })
    return [
      {
        id: `connections-corrupt-${path.basename(kept)}`,
        severity: 'error',
        message:
          `Your connections file could not be read because ${result.reason}. It was kept as ` +
          `${path.basename(kept)} in the data folder and Tokendesk started with no connections. ` +
          'Credentials are still in the keychain.',
      },
    ]
  }

  /** Called after a connection is removed (inventory, snapshots and secrets of its tokens follow). */
  onRemoved(listener: (id: string) => void): () => void {
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

  /** `demo`: only main's demo workspace sets it; it never comes over IPC. */
  add(input: NewConnection, options: { demo?: boolean } = {}): Promise<Connection> {
    return this.serialised(async () => {
      const data = parseInput(newConnectionSchema, input)
      this.assertLabelFree(data.label, data.client, null)
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
      try {
        await this.save([...this.connections, connection])
      } catch (error) {
        await this.options.secrets.delete(connection.id).catch(() => false)
        throw error
      }
      return { ...connection }
    })
  }

  update(id: string, patch: ConnectionPatch): Promise<Connection> {
    return this.serialised(async () => {
      const current = this.get(id)
      const data = parseInput(connectionPatchSchema, patch)
      const next: Connection = {
        ...current,
        ...Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)),
      }
      if (next.provider !== 'mpt' && next.provider !== 'prefactor') next.accountId = null
      this.assertLabelFree(next.label, next.client, id)
      await this.save(this.connections.map((c) => (c.id === id ? next : c)))
      return { ...next }
    })
  }

  remove(id: string): Promise<void> {
    return this.serialised(async () => {
      this.get(id)
      await this.save(this.connections.filter((c) => c.id !== id))
      await this.options.secrets.delete(id)
      for (const listener of this.removedListeners) listener(id)
    })
  }

  setCredential(id: string, credential: string): Promise<Connection> {
    return this.serialised(async () => {
      const current = this.get(id)
      const value = parseInput(credentialSchema, credential)
      await this.options.secrets.set(id, value)
      const next = { ...current, credentialLast4: credentialLast4(value) }
      await this.save(this.connections.map((c) => (c.id === id ? next : c)))
      return { ...next }
    })
  }

  private assertLabelFree(label: string, client: string, exceptId: string | null): void {
    const clash = this.connections.find((c) => c.id !== exceptId && sameLabel(c, label, client))
    if (clash) {
      const where = client.trim() ? `client “${client.trim()}”` : 'connections without a client'
      throw new AppError('conflict', `There is already a connection called “${label}” in ${where}.`, {
        fields: { label: 'This label is already used in this client.' },
      })
    }
  }

  private async save(next: Connection[]): Promise<void> {
    const body = JSON.stringify({ version: FILE_VERSION, connections: next }, null, 2)
    await writeFileAtomic(this.file, body + '\n')
    this.connections = next
  }

  /** Mutations run one at a time so that two quick adds cannot both pass the label check. */
  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }
}
