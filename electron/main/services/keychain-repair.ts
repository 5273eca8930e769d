/**
 * Keychain entries that no connection points to ("orphans"), and the way back. After a
 * connections file was set aside (it could not be read), its connections' credentials are still
 * in the keychain; the set-aside file, or whatever of it still parses, says what they were, so
 * they can be attached again — or deleted. Until the user does one or the other, every start
 * says so (the window's notice, the CLI's stderr). Acting renames the set-aside files to
 * `….resolved`; they are kept.
 *
 * The keychain is shared by every data folder of the user: an entry not listed in this folder's
 * set-aside files may belong to another folder (`--data-dir`). Such entries are listed, but
 * deleted only when named one by one.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { Connection, Notice, NoticeActionId } from '../../common/model'
import { AppError } from '../app-error'
import { CONNECTIONS_FILE, storedConnectionSchema, type ConnectionStore } from './connection-store'
import type { Logger } from './logger'
import { DATA_KEY_ACCOUNT } from './sealed-file'
import type { SecretStore } from './secret-store'

const SET_ASIDE_PREFIX = `${CONNECTIONS_FILE}.corrupt-`
const RESOLVED = '.resolved'
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const ACCOUNT = new RegExp(`^(${UUID})(?:/token/.+)?$`, 'i')

export interface Orphan {
  connectionId: string
  /** The connection's own credential is in the keychain. */
  credential: boolean
  /** Token secrets kept for it (`<id>/token/<tokenId>`). */
  tokenSecrets: number
  /** What a set-aside connections file says the connection was; null when it does not say. */
  recoverable: Connection | null
  /** The set-aside file that lists it; null: unknown to this data folder. */
  source: string | null
}

export class KeychainRepair {
  /** Connections just re-attached (their saved offline inventory can be shown again). */
  onReattached: ((connections: Connection[]) => Promise<void>) | null = null
  /** Connections whose keychain entries were just deleted (their saved offline inventory goes too). */
  onDeleted: ((connectionIds: string[]) => Promise<void>) | null = null

  constructor(private readonly deps: { dataDir: string; secrets: SecretStore; connections: ConnectionStore; log: Logger }) {}

  /** Set-aside connections files the user has not acted on yet (file names, oldest first). */
  async pendingFiles(): Promise<string[]> {
    const names = await fs.readdir(this.deps.dataDir).catch(() => [] as string[])
    return names.filter((n) => n.startsWith(SET_ASIDE_PREFIX) && !n.endsWith(RESOLVED) && !n.includes('.tmp-')).sort()
  }

  /** Every keychain entry of a connection not in the connections file, grouped by connection. */
  async orphans(): Promise<Orphan[]> {
    const accounts = await this.deps.secrets.list()
    await this.deps.connections.reload().catch(() => false) // another process may have changed it
    const listed = new Set(this.deps.connections.list().map((c) => c.id))
    const known = await this.fromSetAsideFiles(await this.pendingFiles())
    const byId = new Map<string, Orphan>()
    for (const account of accounts) {
      if (account === DATA_KEY_ACCOUNT) continue
      const id = ACCOUNT.exec(account)?.[1]?.toLowerCase()
      if (!id || listed.has(id)) continue
      const orphan = byId.get(id) ?? { connectionId: id, credential: false, tokenSecrets: 0, recoverable: known.get(id)?.connection ?? null, source: known.get(id)?.source ?? null }
      if (account.toLowerCase() === id) orphan.credential = true
      else orphan.tokenSecrets += 1
      byId.set(id, orphan)
    }
    // Known to this folder first, then what can be re-attached, by label.
    const rank = (o: Orphan) => (o.source === null ? 2 : o.recoverable ? 0 : 1)
    return [...byId.values()].sort(
      (a, b) => rank(a) - rank(b) || (a.recoverable?.label ?? '').localeCompare(b.recoverable?.label ?? '') || a.connectionId.localeCompare(b.connectionId),
    )
  }

  /**
   * Attach the recoverable orphans again (all, or the ids given), under the data folder's lock.
   * When nothing recoverable is left, the set-aside files are marked as dealt with.
   */
  async reattach(ids?: string[]): Promise<Connection[]> {
    const orphans = await this.orphans()
    this.assertOrphans(orphans, ids)
    const wanted = orphans.filter((o) => o.recoverable && (!ids || ids.includes(o.connectionId)))
    const attached = await this.deps.connections.reattach(wanted.map((o) => o.recoverable!))
    await this.resolveWhenDone()
    await this.onReattached?.(attached)
    return attached
  }

  /**
   * Delete orphaned credentials and token secrets: the ids given, or else every orphan listed in
   * a set-aside file of this folder (never, unnamed, one this folder knows nothing about).
   */
  async delete(ids?: string[]): Promise<Orphan[]> {
    const orphans = await this.orphans()
    this.assertOrphans(orphans, ids)
    const targets = orphans.filter((o) => (ids ? ids.includes(o.connectionId) : o.source !== null))
    const accounts = await this.deps.secrets.list()
    for (const o of targets) {
      for (const account of accounts) if (ACCOUNT.exec(account)?.[1]?.toLowerCase() === o.connectionId) await this.deps.secrets.delete(account)
    }
    await this.resolveWhenDone()
    await this.onDeleted?.(targets.map((o) => o.connectionId))
    return targets
  }

  /**
   * The notice every start shows while a set-aside file waits for the user: what happened and
   * what can be done. `lead` replaces the first sentence (the start that set the file aside
   * knows why it could not be read).
   */
  async notice(lead?: string): Promise<Notice | null> {
    const files = await this.pendingFiles()
    if (files.length === 0) return null
    const names = files.join(', ')
    const opening = lead ?? `Your connections file could not be read and was kept as ${names} in the data folder.`
    let orphans: Orphan[] | null = null
    try {
      orphans = await this.orphans()
    } catch (error) {
      this.deps.log.warn('repair: could not list the keychain', { error })
    }
    const base = { id: 'connections-set-aside', severity: 'error' as const }
    if (orphans === null) {
      return { ...base, message: `${opening} Its connections' credentials may still be in your keychain; when the keychain is available, re-attach them with “tokendesk connections orphans --reattach”.` }
    }
    const recoverable = orphans.filter((o) => o.recoverable)
    const listedOnly = orphans.filter((o) => !o.recoverable && o.source)
    const unknown = orphans.filter((o) => !o.source)
    const entries = (n: number) => `${n} keychain entr${n === 1 ? 'y' : 'ies'}`
    const seeList = unknown.length ? ` ${entries(unknown.length)} belong${unknown.length === 1 ? 's' : ''} to no connection this folder can name: see “tokendesk connections orphans”.` : ''
    if (recoverable.length === 0) {
      const nothing = listedOnly.length
        ? `Its details are lost, but ${entries(listedOnly.length)} of its connections are still in your keychain: delete them, or keep them and dismiss this later.`
        : 'Nothing in it can be re-attached.'
      return {
        ...base,
        message: `${opening} ${nothing}${seeList}`,
        actions: [{ id: 'orphans:delete', label: listedOnly.length ? 'Delete credentials' : 'Dismiss' }],
      }
    }
    const labels = recoverable.slice(0, 5).map((o) => `“${o.recoverable!.label}”`).join(', ') + (recoverable.length > 5 ? ` and ${recoverable.length - 5} more` : '')
    const one = recoverable.length === 1
    return {
      ...base,
      message:
        `${opening} The credentials of ${recoverable.length} connection${one ? '' : 's'} listed in it (${labels}) are still in your keychain: ` +
        `re-attach ${one ? 'it' : 'them'}, or delete ${one ? 'that credential' : 'those credentials'} (CLI: “tokendesk connections orphans --reattach” or “--delete”).${seeList}`,
      actions: [
        { id: 'orphans:reattach', label: 'Re-attach' },
        { id: 'orphans:delete', label: 'Delete credentials' },
      ],
    }
  }

  /** What a notice's button asked for (the window), said back as a notice. */
  async act(action: NoticeActionId): Promise<Notice> {
    const id = `orphans-${action}-${Date.now()}`
    if (action === 'orphans:reattach') {
      const attached = await this.reattach()
      const names = attached.map((c) => `“${c.label}”`).join(', ')
      return { id, severity: 'info', message: attached.length ? `Re-attached ${attached.length} connection${attached.length === 1 ? '' : 's'}: ${names}.` : 'There was nothing to re-attach.' }
    }
    const deleted = await this.delete()
    return { id, severity: 'info', message: deleted.length ? `Deleted the keychain entries of ${deleted.length} connection${deleted.length === 1 ? '' : 's'} no longer in Tokendesk.` : 'Done: the set-aside file is kept, marked as dealt with.' }
  }

  private assertOrphans(orphans: Orphan[], ids: string[] | undefined): void {
    const unknown = ids?.filter((id) => !orphans.some((o) => o.connectionId === id)) ?? []
    if (unknown.length) throw new AppError('not_found', `No orphaned keychain entry has the id ${unknown.join(', ')}. See: tokendesk connections orphans`)
  }

  /** Nothing left to re-attach from the set-aside files: they are dealt with (renamed, kept). */
  private async resolveWhenDone(): Promise<void> {
    if ((await this.orphans()).some((o) => o.source !== null)) return
    for (const name of await this.pendingFiles()) {
      const file = path.join(this.deps.dataDir, name)
      await fs.rename(file, `${file}${RESOLVED}`).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      })
    }
  }

  /**
   * Connection id → what the set-aside files say about it. A file that no longer parses as a
   * whole is read object by object; ids found in what is left still count (without details).
   */
  private async fromSetAsideFiles(names: string[]): Promise<Map<string, { connection: Connection | null; source: string }>> {
    const found = new Map<string, { connection: Connection | null; source: string }>()
    for (const name of names) {
      const text = await fs.readFile(path.join(this.deps.dataDir, name), 'utf8').catch(() => '')
      for (const connection of salvageConnections(text)) if (!found.get(connection.id)?.connection) found.set(connection.id, { connection, source: name })
      for (const id of text.match(new RegExp(UUID, 'gi')) ?? []) if (!found.has(id.toLowerCase())) found.set(id.toLowerCase(), { connection: null, source: name })
    }
    return found
  }
}

/** The connections a damaged file still describes: the whole file if it parses, else each `{…}` that does. */
export function salvageConnections(text: string): Connection[] {
  const candidates: unknown[] = []
  try {
    const whole = JSON.parse(text) as { connections?: unknown }
    if (Array.isArray(whole?.connections)) candidates.push(...whole.connections)
  } catch {
    for (const block of text.match(/\{[^{}]*\}/g) ?? []) {
      try {
        candidates.push(JSON.parse(block))
      } catch {
        // a broken piece: skipped
      }
    }
  }
  return candidates.flatMap((c) => {
    const parsed = storedConnectionSchema.safeParse(c)
    return parsed.success ? [parsed.data] : []
  })
}
