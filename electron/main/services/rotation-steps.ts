/**
 * What every rotation step shares (Rotations in services/rotations.ts is the public face): the
 * record written before and after each vendor call, the successor's secret kept, the switch of the
 * connection's own credential, the owner, tags and notes carried over, the successor removed when
 * the rotation cannot go on, and the reconciliation of a create whose outcome is not known. Every
 * sentence written here says what happened at the vendor: never "nothing changed" when something
 * may have, never a secret left where nobody can read it without saying so.
 */
import type { ErrorKind } from '../../common/errors'
import { PROVIDERS } from '../../common/providers'
import type { LeftBehind, Rotation, RotationStep } from '../../common/rotation'
import type { Token } from '../../common/tokens'
import type { VendorAction, VendorDescriptor } from '../../common/vendors/descriptor'
import { AppError } from '../app-error'
import type { ActivityLog } from './activity-log'
import type { ConnectionSetup } from './connection-setup'
import type { ConnectionStore } from './connection-store'
import { Emitter } from './emitter'
import type { InventoryService } from './inventory'
import type { Logger } from './logger'
import { atTime, describeSuccessor, successorCandidates } from './rotation-reconcile'
import type { RotationStore } from './rotation-store'
import { stoppedWriteLeft } from './secret-file'
import type { TokenActions } from './token-actions'
import type { TokenMetaStore } from './token-meta-store'
import type { TokenSecrets } from './token-secrets'

export interface RotationDeps {
  store: RotationStore
  connections: ConnectionStore
  inventory: InventoryService
  actions: TokenActions
  secrets: TokenSecrets
  setup: ConnectionSetup
  activity: ActivityLog
  /** Owners, tags, notes and display names: the successor inherits the old token's. */
  meta: TokenMetaStore
  log: Logger
  now?: () => Date
}

/** A rotation that stopped: its record as closed (the note says what happened) and the error for the caller. */
export class RotationStopped extends AppError {
  constructor(
    readonly rotation: Rotation,
    kind: ErrorKind,
    cause?: unknown,
  ) {
    super(kind, rotation.note ?? 'The rotation stopped.', { cause })
    this.name = 'RotationStopped'
  }
}

/**
 * Another process (or another Rotations on this data folder) holds a step of this rotation, or
 * changed its state since it was read: nothing was done, and nothing is to be undone.
 */
export class StepTaken extends AppError {
  constructor(message: string) {
    super('conflict', message)
    this.name = 'StepTaken'
  }
}

/** A process that is still running (the owner of a step under way). */
export const alive = (pid: number | null): boolean => {
  if (pid === null) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Whether a handed-over secret surely reached its place ('done'), perhaps did ('maybe'), or did not ('no'). */
export type HandOver = 'done' | 'maybe' | 'no'

/** What removing the successor came to. */
interface Removal {
  text: string
  removed: boolean
  left: LeftBehind | null
  /** The vendor's refusal when a removal was tried and failed. */
  error?: unknown
}

const kindOf = (error: unknown, fallback: ErrorKind = 'unexpected_response'): ErrorKind => (error instanceof AppError ? error.kind : fallback)

export abstract class RotationSteps {
  /** Steps under way in this process (by rotation id): a resume never touches them. */
  protected readonly running = new Set<string>()
  protected readonly changed = new Emitter<Rotation[]>()
  /** When each rotation was last seen changed (by id), so a reload tells only what differs. */
  protected readonly seen = new Map<string, string>()

  constructor(protected readonly deps: RotationDeps) {}

  protected now(): Date {
    return this.deps.now?.() ?? new Date()
  }

  protected vendorOf(r: Pick<Rotation, 'connectionId'>): VendorDescriptor {
    return PROVIDERS[this.deps.connections.get(r.connectionId).provider]
  }

  /** A failure in words: an AppError's own message; anything else is Tokendesk's own (logged, never a stack). */
  protected said(error: unknown): string {
    if (error instanceof AppError) return error.message
    this.deps.log.warn('rotation: unexpected error', { error })
    return 'Something went wrong inside Tokendesk (details are in the log).'
  }

  /** Store a record and tell the listeners. */
  protected async save(id: string, change: (current: Rotation | undefined, all: readonly Rotation[]) => Rotation): Promise<Rotation> {
    const r = await this.deps.store.put(id, change)
    this.seen.set(r.id, r.updatedAt)
    this.changed.fire([r])
    return r
  }

  protected put(id: string, change: (r: Rotation) => Partial<Rotation>): Promise<Rotation> {
    return this.save(id, (current) => {
      if (!current) throw new AppError('not_found', 'This rotation is no longer recorded.')
      return { ...current, ...change(current) }
    })
  }

  protected held(connectionId: string, tokenId: string): Token | undefined {
    return this.deps.inventory.tokens(connectionId).find((t) => t.id === tokenId)
  }

  protected record(r: Pick<Rotation, 'connectionId'>, tokenId: string, action: string, outcome: 'ok' | 'error', detail: string | null): Promise<unknown> {
    return this.deps.activity.record({ connectionId: r.connectionId, tokenId, action, outcome, detail })
  }

  /**
   * Record a step as under way, checked under the data folder's lock: the rotation is still in the
   * state it was read in, and no step of it is under way elsewhere (a live process, or another
   * Rotations, recorded one this one is not running). Two processes acting on one rotation at once
   * (a --finish and an --undo) would otherwise retire the old token and remove its successor.
   */
  protected async claim(r: Rotation, step: RotationStep): Promise<void> {
    await this.put(r.id, (current) => {
      if (current.state !== r.state) throw new StepTaken(`This rotation is ${current.state} now: another Tokendesk changed it meanwhile. Nothing was done.`)
      if (current.step && !this.running.has(r.id) && alive(current.pid)) throw new StepTaken('A step of this rotation is under way in another Tokendesk; wait for it to end. Nothing was done.')
      return { step, pid: process.pid }
    })
  }

  /** Run one step of a rotation: recorded as under way before, cleared after (or left for `resume` by a crash). */
  protected async step<T>(r: Rotation, step: RotationStep, run: () => Promise<T>): Promise<T> {
    await this.claim(r, step)
    // Within a start or a resume the rotation is already marked running: it stays so after the step.
    const already = this.running.has(r.id)
    this.running.add(r.id)
    try {
      return await run()
    } finally {
      if (!already) this.running.delete(r.id)
    }
  }

  protected close(r: Rotation, state: 'finished' | 'rolled-back', note: string | null, leftBehind: LeftBehind | null = null): Promise<Rotation> {
    return this.put(r.id, () => ({ state, step: null, note, leftBehind }))
  }

  /** Refresh the connection; a failed refresh is an error (the tokens held are not what the vendor has now). */
  protected async refreshed(connectionId: string): Promise<void> {
    await this.deps.inventory.refresh(connectionId)
    const status = this.deps.inventory.status(connectionId)
    if (status.error) throw new AppError(status.error.kind, status.error.message)
  }

  /** A state change or delete on a token, skipped when the token is already where it leads (a resumed step). */
  protected async act(r: Rotation, tokenId: string, action: VendorAction): Promise<void> {
    const vendor = this.vendorOf(r)
    const held = this.held(r.connectionId, tokenId)
    const to = vendor.actions[action]?.to
    if (held && to && held.status === to) return
    await this.deps.actions.perform(r.connectionId, tokenId, action, held)
  }

  /**
   * The successor's secret to where the user chose. The connection's own credential is kept in
   * the keychain as well, whatever else was chosen: a resume must be able to finish the switch.
   */
  protected async keepSecret(r: Rotation, secret: string, handOver?: (secret: string) => Promise<void>): Promise<void> {
    const successorId = r.successorId!
    if (r.secretTo === 'keychain' || r.selfRotation) await this.deps.secrets.save(r.connectionId, successorId, secret)
    if (r.secretTo === 'handed-over') {
      await handOver!(secret)
      if (!r.selfRotation) this.deps.secrets.dropPending(r.connectionId, successorId)
    }
    // 'memory': held for the window's one-time Copy.
  }

  /**
   * The successor exists: get its secret (from the create's answer, else from the vendor where it
   * shows secrets again), keep it, switch, overlap. A secret that cannot be had, or not handed to
   * a caller that is gone, makes the successor useless: it is removed. `made`: the sentence that
   * opens the note if so ("<vendor> made the new token X but …").
   */
  protected async continueWith(r: Rotation, secret: string | null, made: string, handOver?: (secret: string) => Promise<void>): Promise<Rotation> {
    let unread: unknown = null
    if (!secret) {
      try {
        secret = await this.deps.secrets.read(r.connectionId, r.successorId!)
      } catch (error) {
        unread = error
      }
    }
    if (!secret) {
      const vendor = this.vendorOf(r)
      const why = vendor.secretShownOnce ? `${vendor.name} shows it only in the answer to the create` : `${vendor.name} did not show it again (${this.said(unread)})`
      return this.stop(r, `${made}, and its secret cannot be had: ${why}.`, new AppError('unexpected_response', why), null, 'no')
    }
    if (r.secretTo === 'handed-over' && !handOver) return this.stop(r, `${made}, but the command that was to receive its secret had stopped.`, new AppError('cancelled', 'no hand-over'), secret, 'no')
    if (r.secretTo === 'memory') this.deps.secrets.holdPending(r.connectionId, r.successorId!, secret)
    try {
      await this.keepSecret(r, secret, handOver)
    } catch (error) {
      return this.stop(r, `Saving the new secret failed: ${this.said(error)}`, error, secret, 'maybe')
    }
    return this.switchThenOverlap(r, secret)
  }

  /** For the connection's own credential, the switch to the successor (tested first); the metadata carried over; then the overlap. */
  protected async switchThenOverlap(r: Rotation, secret: string): Promise<Rotation> {
    const successorId = r.successorId!
    if (r.selfRotation) {
      r = await this.put(r.id, () => ({ step: 'switch' }))
      try {
        // Tested with the vendor before it is stored: the old credential stays until the new one works.
        await this.deps.setup.setCredential(r.connectionId, secret, { test: true })
      } catch (error) {
        return this.stop(r, `The connection could not switch to the new token: ${this.said(error)}`, error, null, 'done')
      }
      await this.record(r, r.oldId, 'rotate-switch', 'ok', `The connection now signs in with ${successorId}.`)
      // Which token is the connection's own is learnt by a refresh.
      await this.deps.inventory.refresh(r.connectionId).catch(() => undefined)
    }
    const metaNote = await this.copyMeta(r)
    return this.put(r.id, () => ({ state: 'overlap', step: null, note: metaNote }))
  }

  /** The old token's owner, tags, notes and display name onto the successor (once: a resume finds them there). */
  private async copyMeta(r: Rotation): Promise<string | null> {
    const from = this.deps.meta.get(r.connectionId, r.oldId)
    if (!from || this.deps.meta.get(r.connectionId, r.successorId!)) return null
    try {
      await this.deps.meta.update(r.connectionId, [r.successorId!], { owner: from.owner, notes: from.notes, tags: [...from.tags], displayName: from.displayName })
      return null
    } catch (error) {
      return `The new token did not get the old one’s owner, tags and notes: ${this.said(error)}`
    }
  }

  /** A removed successor's copied metadata goes with it. */
  private async dropMeta(r: Rotation, id: string): Promise<void> {
    if (!this.deps.meta.get(r.connectionId, id)) return
    await this.deps.meta.update(r.connectionId, [id], { owner: null, notes: null, tags: [], displayName: null }).catch((error: unknown) => this.deps.log.warn('rotation: could not drop the successor’s metadata', { error }))
  }

  /** The rotation cannot go on: remove the successor, close the record saying what happened, throw. */
  protected async stop(r: Rotation, why: string, error: unknown, secret: string | null, handed: HandOver): Promise<never> {
    const removal = await this.removeSuccessor(r, secret)
    const note = `${why} ${removal.text}${this.handedOverNote(r, removal.removed, handed)}`
    const closed = await this.close(r, 'rolled-back', note, removal.left)
    await this.record(r, r.oldId, 'rotate', 'error', why)
    throw new RotationStopped(closed, kindOf(error), error)
  }

  /**
   * Remove an unusable successor the final way its vendor allows. One that stays (no delete by API,
   * or the delete failed) keeps its secret: in the keychain, unless the vendor can show it again.
   */
  protected async removeSuccessor(r: Rotation, secret: string | null = null): Promise<Removal> {
    const id = r.successorId
    if (!id) return { text: 'The old token is untouched.', removed: false, left: null }
    const vendor = this.vendorOf(r)
    let failure: unknown
    if (r.plan.finish) {
      try {
        await this.step(r, 'rollback', () => this.act(r, id, r.plan.finish!))
        await this.deps.secrets.forget(r.connectionId, id).catch((e: unknown) => this.deps.log.warn('rotation: could not forget a removed secret', { error: e }))
        await this.dropMeta(r, id)
        return { text: `The new token ${id} was removed; the old token is untouched.`, removed: true, left: null }
      } catch (error) {
        if (error instanceof StepTaken) throw error // another process is acting on it: leave it to that one
        failure = error
      }
    }
    const kept = await this.keepFor(r, id, vendor, secret)
    const how = failure ? `could not be removed (${this.said(failure)})` : `cannot be removed through ${vendor.name}’s API`
    return {
      text: `The new token ${id} ${how}: delete it on ${vendor.name}’s page (${r.plan.portalUrl}). ${kept}The old token is untouched.`,
      removed: false,
      left: { tokenId: id, createdAround: r.startedAt },
      error: failure,
    }
  }

  /** A successor that stays: its secret where it can be had (the keychain), or said to be lost. */
  private async keepFor(r: Rotation, id: string, vendor: VendorDescriptor, secret: string | null): Promise<string> {
    if (vendor.capabilities.readSecret) return ''
    secret ??= await this.deps.secrets.read(r.connectionId, id).catch(() => null)
    if (!secret) return 'Its secret is lost. '
    try {
      await this.deps.secrets.save(r.connectionId, id, secret)
      return 'Until then its secret is in your keychain, so it is not lost. '
    } catch (error) {
      return `Its secret could not be saved to the keychain either (${this.said(error)}), so it is lost. `
    }
  }

  /** What to do about a secret handed to a file or descriptor, once its token is removed (or not). */
  protected handedOverNote(r: Rotation, removed: boolean, handed: HandOver): string {
    const to = r.handedOverTo
    if (r.secretTo !== 'handed-over' || !to) return ''
    const fd = to.startsWith('descriptor ')
    // A file is written whole or not at all (secret-file.ts): what it holds is said, not guessed.
    const left = fd || handed === 'done' ? 'written' : stoppedWriteLeft(to)
    if (left === 'absent') return ` No secret was written to ${to}: the file was not made.`
    if (left === 'empty') return ` The file ${to} is empty: it holds no secret; delete it.`
    if (handed === 'no' || !r.successorId) return ''
    if (!removed) return ` The secret handed over (${fd ? `to ${to}` : `in the file ${to}`}) opens that token until it is deleted.`
    if (handed === 'maybe') return ` If ${fd ? to : `the file ${to}`} received the new secret, it belongs to the removed token and no longer works; delete it.`
    return fd
      ? ` The secret written to ${to} belongs to the removed token and no longer works; delete it wherever it was kept.`
      : ` The file ${to} still holds the removed token’s secret, which no longer works; delete it.`
  }

  /**
   * A create whose outcome is not known: refresh, and look for a token made since the rotation
   * started with the successor's attributes. One found is the successor (kept if its secret can be
   * had, else removed); none after a good refresh: nothing was made; a failed refresh or several
   * alike: "a new token may exist", with what to look for. `why` opens the note.
   */
  protected async reconcile(
    r: Rotation,
    inputOf: () => Record<string, unknown> | null,
    before: ReadonlySet<string>,
    why: string,
    cause: unknown,
    handOver?: (secret: string) => Promise<void>,
  ): Promise<Rotation> {
    const vendor = this.vendorOf(r)
    let unchecked: unknown = null
    await this.refreshed(r.connectionId).catch((error: unknown) => (unchecked = error))
    const input = inputOf()
    if (unchecked) return this.unresolved(r, input, `${why} ${vendor.name} may have made the new token anyway, and Tokendesk could not check: ${this.said(unchecked)}`, cause)
    if (!input) return this.unresolved(r, null, `${why} Tokendesk cannot tell which token the successor would be: the old token is no longer listed.`, cause)
    // A token another rotation made or replaces is known: never this one's successor.
    const others = new Set(before)
    for (const x of await this.deps.store.list()) if (x.id !== r.id) for (const id of [x.oldId, x.successorId]) if (id) others.add(id)
    const found = successorCandidates(vendor, input, this.deps.inventory.tokens(r.connectionId), { startedAt: r.startedAt, others, oldId: r.oldId })
    if (found.length === 0) {
      const note = `${why} Tokendesk then checked ${vendor.name}’s list and found no new token: the token is untouched.${this.handedOverNote(r, false, 'no')}`
      const closed = await this.close(r, 'rolled-back', note)
      await this.record(r, r.oldId, 'rotate', 'error', why)
      throw new RotationStopped(closed, kindOf(cause), cause)
    }
    if (found.length > 1) {
      const ids = found.map((t) => t.id).join(', ')
      return this.unresolved(r, input, `${why} ${vendor.name} lists ${found.length} tokens made since then that look like the successor (${ids}); Tokendesk cannot tell which one, if any, it made, so it left them all.`, cause)
    }
    const made = found[0]!
    r = await this.put(r.id, () => ({ state: 'created', step: 'save', successorId: made.id }))
    await this.record(r, r.oldId, 'rotate', 'ok', `Successor ${made.id} found at ${vendor.name} after an unclear answer.`)
    return this.continueWith(r, null, `${why} ${vendor.name} made the new token ${made.id} anyway`, handOver)
  }

  /** Whether the vendor made a token is not known: the record and the error say so, and what to look for. */
  private async unresolved(r: Rotation, input: Record<string, unknown> | null, sentence: string, cause: unknown): Promise<never> {
    const vendor = this.vendorOf(r)
    const what = input ? describeSuccessor(vendor, input) : ''
    const note =
      `${sentence} A new token may exist: look on ${vendor.name}’s page (${r.plan.portalUrl}) for one created around ${atTime(r.startedAt)}${what}. ` +
      `Nothing uses it${vendor.secretShownOnce ? ' and its secret is lost' : ''}: delete it. The old token is untouched.${this.handedOverNote(r, false, 'no')}`
    const closed = await this.close(r, 'rolled-back', note, { tokenId: null, createdAround: r.startedAt })
    await this.record(r, r.oldId, 'rotate', 'error', sentence)
    throw new RotationStopped(closed, kindOf(cause), cause)
  }
}
