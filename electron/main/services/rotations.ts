/**
 * Rotating a token: create its successor with the same attributes, put the successor's secret
 * where the user chose, switch the connection's own credential when it is the token being
 * replaced, keep the old token working through an overlap, then retire it the least destructive
 * way its vendor allows and finally delete it. The plan comes from the vendor's descriptor
 * (common/rotation.ts); each step is recorded (RotationStore) before and after its vendor call, so
 * a crash or quit in the middle resumes or rolls back (`resume`). Rules kept throughout: the old
 * token is never retired before the successor exists and its secret is kept; a failure leaves a
 * working credential; no secret reaches the record, the activity log or an error message.
 */
import { randomUUID } from 'node:crypto'
import { PROVIDERS } from '../../common/providers'
import { isOpen, ROTATABLE, rotationPlan, successorInput, type Rotation, type RotationStep, type SecretDestination } from '../../common/rotation'
import type { BulkResult, CreateTokenInput, Token } from '../../common/tokens'
import type { VendorAction } from '../../common/vendors/descriptor'
import { AppError, toEnvelope } from '../app-error'
import type { ActivityLog } from './activity-log'
import type { ConnectionSetup } from './connection-setup'
import type { ConnectionStore } from './connection-store'
import { Emitter } from './emitter'
import type { InventoryService } from './inventory'
import type { Logger } from './logger'
import type { RotationStore } from './rotation-store'
import type { TokenActions } from './token-actions'
import type { TokenSecrets } from './token-secrets'

export interface StartOptions {
  /**
   * Where the successor's secret goes: the keychain (the default), handed to the caller's
   * `handOver` (the CLI's --secret-out file or --secret-fd), or kept in memory only for the
   * window's one-time Copy (`memory`).
   */
  secretTo: SecretDestination
  handOver?: (secret: string) => Promise<void>
  /** When the overlap ends; null: when the user confirms. */
  overlapUntil?: string | null
  /** Rotate a token that is not active (the user confirmed it). */
  allowInactive?: boolean
  /** Where a handed-over secret went (a resolved path, or "descriptor 3"), for the record. */
  handedOverTo?: string
}

/** A process that is still running (the owner of a step under way). */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export class Rotations {
  /** Steps under way in this process (by rotation id): a resume never touches them. */
  private readonly running = new Set<string>()
  private readonly changed = new Emitter<Rotation[]>()
  /** Rotations as they now are, after each change (this process's, and another's seen by `reload`). */
  readonly onChanged = this.changed.event
  /** When each rotation was last seen changed (by id), so a reload tells only what differs. */
  private readonly seen = new Map<string, string>()

  constructor(
    private readonly deps: {
      store: RotationStore
      connections: ConnectionStore
      inventory: InventoryService
      actions: TokenActions
      secrets: TokenSecrets
      setup: ConnectionSetup
      activity: ActivityLog
      log: Logger
      now?: () => Date
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date()
  }

  list(): Promise<Rotation[]> {
    return this.deps.store.list()
  }

  /** Another process (a CLI) changed `rotations.sealed`: tell the listeners what differs. */
  async reload(): Promise<void> {
    const changed = (await this.list()).filter((r) => this.seen.get(r.id) !== r.updatedAt)
    for (const r of changed) this.seen.set(r.id, r.updatedAt)
    if (changed.length) this.changed.fire(changed)
  }

  /** Store a record and tell the listeners. */
  private async save(id: string, change: (current: Rotation | undefined) => Rotation): Promise<Rotation> {
    const r = await this.deps.store.put(id, change)
    this.seen.set(r.id, r.updatedAt)
    this.changed.fire([r])
    return r
  }

  /** The open rotation of a token, if any. */
  async forToken(connectionId: string, tokenId: string): Promise<Rotation | null> {
    return (await this.list()).find((r) => isOpen(r) && r.connectionId === connectionId && (r.oldId === tokenId || r.successorId === tokenId)) ?? null
  }

  private held(connectionId: string, tokenId: string): Token | undefined {
    return this.deps.inventory.tokens(connectionId).find((t) => t.id === tokenId)
  }

  private record(r: Pick<Rotation, 'connectionId'>, tokenId: string, action: string, outcome: 'ok' | 'error', detail: string | null): Promise<unknown> {
    return this.deps.activity.record({ connectionId: r.connectionId, tokenId, action, outcome, detail })
  }

  private put(id: string, change: (r: Rotation) => Partial<Rotation>): Promise<Rotation> {
    return this.save(id, (current) => {
      if (!current) throw new AppError('not_found', 'This rotation is no longer recorded.')
      return { ...current, ...change(current) }
    })
  }

  /** Run one step of a rotation: recorded as under way before, cleared after (or left for `resume` by a crash). */
  private async step<T>(r: Rotation, step: RotationStep, run: () => Promise<T>): Promise<T> {
    await this.put(r.id, () => ({ step, pid: process.pid }))
    this.running.add(r.id)
    try {
      return await run()
    } finally {
      this.running.delete(r.id)
    }
  }

  /**
   * Start: create the successor and put its secret where asked; for the connection's own
   * credential, switch the keychain credential to the successor (tested first). Ends in the
   * overlap: both tokens work. A failure rolls back (the successor is removed) and rethrows.
   */
  async start(connectionId: string, tokenId: string, options: StartOptions): Promise<Rotation> {
    const connection = this.deps.connections.get(connectionId)
    const vendor = PROVIDERS[connection.provider]
    const old = this.held(connectionId, tokenId)
    if (!old) throw new AppError('not_found', 'This token is not in the inventory; refresh the connection first.')
    if (!vendor.capabilities.create) throw new AppError('validation', `${vendor.name} cannot create tokens through its API, so Tokendesk cannot replace this one.`)
    if (!ROTATABLE.includes(old.status)) throw new AppError('conflict', `This token is ${old.status}; there is nothing to replace.`)
    if (await this.forToken(connectionId, tokenId)) throw new AppError('conflict', 'This token is already being replaced: continue or undo that rotation first.')
    if (options.secretTo === 'handed-over' && !options.handOver) throw new AppError('validation', 'Say where the new secret goes.')
    const { input, missing, problems } = successorInput(vendor, old, this.now())
    if (missing.length || Object.keys(problems).length) {
      const why = missing.includes('expiresAt') ? 'its lifetime is not known (no creation date)' : Object.values(problems)[0] ?? `${missing.join(', ')} unknown`
      throw new AppError('validation', `Tokendesk cannot make a successor with the same attributes: ${why}.`)
    }
    const id = randomUUID()
    const started = this.now().toISOString()
    const r = await this.save(id, (): Rotation => ({
      id, connectionId, oldId: tokenId, oldName: old.name, successorId: null, state: 'creating', step: 'create', pid: process.pid,
      selfRotation: old.isOwnCredential, secretTo: options.secretTo, overlapUntil: options.overlapUntil ?? null,
      plan: rotationPlan(vendor), startedAt: started, updatedAt: started, note: null,
    }))
    this.running.add(r.id)
    try {
      return await this.advanceFromCreate(r, input as CreateTokenInput, options)
    } finally {
      this.running.delete(r.id)
    }
  }

  private async advanceFromCreate(r: Rotation, input: CreateTokenInput, options: StartOptions): Promise<Rotation> {
    let created: { token: Token; secret: string | null }
    try {
      created = await this.deps.actions.create(r.connectionId, input, false)
      if (!created.secret) throw new AppError('unexpected_response', 'The vendor did not return the new token’s secret.')
    } catch (error) {
      const note = `Creating the successor failed: ${toEnvelope(error).message} Nothing changed; the token is untouched.`
      await this.close(r, 'rolled-back', note)
      await this.record(r, r.oldId, 'rotate', 'error', toEnvelope(error).message)
      throw new AppError(toEnvelope(error).kind, note, { cause: error })
    }
    r = await this.put(r.id, () => ({ state: 'created', step: 'save', successorId: created.token.id }))
    await this.record(r, r.oldId, 'rotate', 'ok', `Successor ${created.token.id} created.`)
    try {
      await this.keepSecret(r, created.secret, options.handOver)
    } catch (error) {
      return this.failAndRollBack(r, `Saving the new secret failed: ${toEnvelope(error).message}`, error)
    }
    return this.switchThenOverlap(r, created.secret)
  }

  /**
   * The successor's secret to where the user chose. The connection's own credential is kept in
   * the keychain as well, whatever else was chosen: a resume must be able to finish the switch.
   */
  private async keepSecret(r: Rotation, secret: string, handOver?: (secret: string) => Promise<void>): Promise<void> {
    const successorId = r.successorId!
    if (r.secretTo === 'keychain' || r.selfRotation) await this.deps.secrets.save(r.connectionId, successorId, secret)
    if (r.secretTo === 'handed-over') {
      await handOver!(secret)
      if (!r.selfRotation) this.deps.secrets.dropPending(r.connectionId, successorId)
    }
    // 'memory': held for the window's one-time Copy (TokenActions.create did so).
  }

  /** For the connection's own credential, the switch to the successor (tested first); then the overlap. */
  private async switchThenOverlap(r: Rotation, secret: string): Promise<Rotation> {
    const successorId = r.successorId!
    if (r.selfRotation) {
      r = await this.put(r.id, () => ({ step: 'switch' }))
      try {
        // Tested with the vendor before it is stored: the old credential stays until the new one works.
        await this.deps.setup.setCredential(r.connectionId, secret, { test: true })
      } catch (error) {
        return this.failAndRollBack(r, `The connection could not switch to the new token: ${toEnvelope(error).message}`, error)
      }
      await this.record(r, r.oldId, 'rotate-switch', 'ok', `The connection now signs in with ${successorId}.`)
      // Which token is the connection's own is learnt by a refresh.
      await this.deps.inventory.refresh(r.connectionId).catch(() => undefined)
    }
    return this.put(r.id, () => ({ state: 'overlap', step: null, note: null }))
  }

  private async failAndRollBack(r: Rotation, why: string, error: unknown): Promise<never> {
    const outcome = await this.removeSuccessor(r)
    await this.close(r, 'rolled-back', `${why} ${outcome}`)
    await this.record(r, r.oldId, 'rotate', 'error', why)
    throw new AppError(toEnvelope(error).kind, `${why} ${outcome}`, { cause: error })
  }

  /** Remove an unusable successor the final way its vendor allows; the sentence says what happened. */
  private async removeSuccessor(r: Rotation): Promise<string> {
    const id = r.successorId
    if (!id) return 'The token is untouched.'
    await this.deps.secrets.forget(r.connectionId, id).catch(() => undefined)
    if (!r.plan.finish) {
      return `The new token ${id} could not be removed through the vendor’s API: delete it on the vendor’s page (${r.plan.portalUrl}). The old token is untouched.`
    }
    try {
      await this.step(r, 'rollback', () => this.deps.actions.perform(r.connectionId, id, r.plan.finish!))
      return `The new token ${id} was removed; the old token is untouched.`
    } catch (error) {
      return `The new token ${id} could not be removed (${toEnvelope(error).message}): remove it by hand. The old token is untouched.`
    }
  }

  private close(r: Rotation, state: 'finished' | 'rolled-back', note: string | null): Promise<Rotation> {
    return this.put(r.id, () => ({ state, step: null, note }))
  }

  /** The successor exists and is in service (asked of the vendor where it can be, else by a refresh). */
  private async successorLive(r: Rotation): Promise<boolean> {
    if (!r.successorId) return false
    await this.deps.inventory.refresh(r.connectionId)
    const status = this.deps.inventory.status(r.connectionId)
    if (status.error) throw new AppError(status.error.kind, `Tokendesk could not confirm the new token exists: ${status.error.message}`)
    const successor = this.held(r.connectionId, r.successorId)
    return !!successor && (successor.status === 'active' || successor.status === 'unknown')
  }

  /**
   * End the overlap: retire the old token the least destructive way (a disable or a
   * suspend); a vendor that cannot do it by API is told as such, with its page. Only once the
   * successor is confirmed in service. `by`: the user, or the overlap's chosen end (OverlapTimer).
   */
  async retire(id: string, by: 'user' | 'timer' = 'user'): Promise<Rotation> {
    let r = await this.deps.store.get(id)
    if (r.state !== 'overlap') throw new AppError('conflict', `This rotation is ${r.state}; only one in its overlap can retire the old token.`)
    let live: boolean
    try {
      live = await this.successorLive(r)
    } catch (error) {
      await this.put(r.id, () => ({ note: `${toEnvelope(error).message} Both tokens still work; try again.` }))
      throw error
    }
    if (!live) {
      const why = 'The new token is not in service at the vendor, so the old one stays. Undo this rotation or check the vendor’s page.'
      await this.put(r.id, () => ({ note: why }))
      throw new AppError('conflict', why)
    }
    if (r.plan.byHand) {
      await this.record(r, r.oldId, 'rotate-retire', 'ok', 'Left to the vendor’s page.')
      return this.put(r.id, () => ({ state: 'retired', note: `The vendor cannot retire a token through its API: delete the old token ${r.oldId} on its page (${r.plan.portalUrl}), then finish.` }))
    }
    const action = r.plan.retire ?? r.plan.finish!
    try {
      await this.step(r, 'retire', () => this.act(r, r.oldId, action))
    } catch (error) {
      r = await this.put(r.id, () => ({ step: null, note: `Retiring the old token failed: ${toEnvelope(error).message} Both tokens still work; try again.` }))
      throw error
    }
    await this.record(r, r.oldId, 'rotate-retire', 'ok', by === 'timer' ? `${action}: the overlap ended (${r.overlapUntil}).` : `${action}`)
    return this.put(r.id, () => (r.plan.retire ? { state: 'retired', step: null, note: null } : { state: 'finished', step: null, note: null }))
  }

  /** The final step (delete, through what the vendor needs first), after a retire. */
  async finish(id: string): Promise<Rotation> {
    let r = await this.deps.store.get(id)
    if (r.state !== 'retired') throw new AppError('conflict', `This rotation is ${r.state}; the old token is deleted only after it was retired.`)
    if (!r.plan.byHand) {
      try {
        await this.step(r, 'finish', () => this.act(r, r.oldId, r.plan.finish!))
      } catch (error) {
        r = await this.put(r.id, () => ({ step: null, note: `Deleting the old token failed: ${toEnvelope(error).message} It stays retired; try again.` }))
        throw error
      }
    }
    await this.record(r, r.oldId, 'rotate-finish', 'ok', r.plan.byHand ? 'Confirmed deleted on the vendor’s page.' : `${r.plan.finish}`)
    return this.close(r, 'finished', null)
  }

  /**
   * Replace several tokens of one connection, one after another; each successor's secret goes to
   * the keychain only (never the screen or a file: the user shows or copies it later, one by one).
   * A per-token result: a failure of one (rolled back as `start` does) does not stop the others.
   */
  async startMany(connectionId: string, tokenIds: string[]): Promise<BulkResult[]> {
    this.deps.connections.get(connectionId) // an unknown connection fails the whole call
    const results: BulkResult[] = []
    for (const tokenId of tokenIds) {
      const name = this.held(connectionId, tokenId)?.name ?? null
      try {
        const r = await this.start(connectionId, tokenId, { secretTo: 'keychain' })
        results.push({ tokenId, name, ok: true, message: `Replaced by ${r.successorId}; its secret is in your keychain. Both work until you retire the old one.` })
      } catch (error) {
        results.push({ tokenId, name, ok: false, message: toEnvelope(error).message })
      }
    }
    return results
  }

  /** The next step of a rotation: retire during the overlap, finish after a retire. */
  async advance(id: string): Promise<Rotation> {
    const r = await this.deps.store.get(id)
    return r.state === 'retired' ? this.finish(id) : this.retire(id)
  }

  /** Undo a rotation before the old token is retired: the successor is removed, the old credential put back. */
  async rollBack(id: string): Promise<Rotation> {
    const r = await this.deps.store.get(id)
    if (r.state !== 'overlap' && r.state !== 'created') throw new AppError('conflict', `This rotation is ${r.state}; it can be undone only before the old token is retired.`)
    if (r.selfRotation && r.state === 'overlap') await this.switchBack(r)
    const outcome = await this.removeSuccessor(r)
    await this.record(r, r.oldId, 'rotate-undo', 'ok', outcome)
    return this.close(r, 'rolled-back', outcome)
  }

  private async switchBack(r: Rotation): Promise<void> {
    const previous = await this.deps.secrets.read(r.connectionId, r.oldId).catch(() => null)
    if (!previous) throw new AppError('conflict', 'The old token’s secret is not available, so the connection keeps the new one; retire instead.')
    await this.deps.setup.setCredential(r.connectionId, previous, { test: true })
    await this.deps.inventory.refresh(r.connectionId).catch(() => undefined)
  }

  /** A state change or delete on a token, skipped when the token is already where it leads (a resumed step). */
  private async act(r: Rotation, tokenId: string, action: VendorAction): Promise<void> {
    const vendor = PROVIDERS[this.deps.connections.get(r.connectionId).provider]
    const held = this.held(r.connectionId, tokenId)
    const to = vendor.actions[action]?.to
    if (held && to && held.status === to) return
    await this.deps.actions.perform(r.connectionId, tokenId, action, held)
  }

  /**
   * After a crash or quit: each open rotation whose step was under way in a process that is gone
   * is carried forward when what happened can be known, else rolled back; the user is told
   * (the record's note, the activity log). Returns the rotations it touched.
   */
  async resume(): Promise<Rotation[]> {
    const touched: Rotation[] = []
    for (const r of await this.list()) {
      const pid = (r as Rotation & { pid?: number }).pid
      if (!isOpen(r) || !r.step || this.running.has(r.id) || (pid !== undefined && pid !== process.pid && alive(pid))) continue
      try {
        touched.push(await this.resumeOne(r))
      } catch (error) {
        this.deps.log.warn('rotation: could not resume', { error })
        touched.push(await this.put(r.id, () => ({ note: `Tokendesk could not resume this rotation: ${toEnvelope(error).message}` })))
      }
    }
    return touched
  }

  private async resumeOne(r: Rotation): Promise<Rotation> {
    this.running.add(r.id)
    try {
      switch (r.step) {
        case 'create':
          // Whether the vendor made the successor is unknown, and its secret is lost if it did.
          await this.record(r, r.oldId, 'rotate', 'error', 'Interrupted while creating the successor.')
          return this.close(r, 'rolled-back', `Tokendesk stopped while creating a successor (at ${r.updatedAt}). If the vendor shows a token created then, it is not in use and its secret is lost: delete it. The old token is untouched.`)
        case 'save':
        case 'switch': {
          // A secret the keychain (or the vendor) still has lets the rotation go on; a handed-over
          // one may not have reached its file, so that rotation is undone unless the switch was next.
          const secret = await this.deps.secrets.read(r.connectionId, r.successorId!).catch(() => null)
          if (secret && (r.step === 'switch' || r.secretTo !== 'handed-over')) {
            if (r.step === 'save') await this.keepSecret(r, secret)
            return await this.switchThenOverlap(r, secret)
          }
          const outcome = await this.removeSuccessor(r)
          await this.record(r, r.oldId, 'rotate', 'error', 'Interrupted before the new secret was kept.')
          return this.close(r, 'rolled-back', `Tokendesk stopped before the new secret was kept. ${outcome}`)
        }
        case 'retire':
        case 'finish':
        case 'rollback': {
          await this.deps.inventory.refresh(r.connectionId)
          const target = r.step === 'rollback' ? r.successorId! : r.oldId
          const action = r.step === 'retire' ? (r.plan.retire ?? r.plan.finish!) : r.plan.finish!
          const held = this.held(r.connectionId, target)
          const to = PROVIDERS[this.deps.connections.get(r.connectionId).provider].actions[action]?.to
          const done = !held || held.status === 'deleted' || (!!to && held.status === to)
          if (r.step === 'rollback') return done ? this.close(r, 'rolled-back', `The new token ${target} was removed; the old token is untouched.`) : this.rollBackAgain(r)
          if (!done) return this.put(r.id, () => ({ step: null, note: `Tokendesk stopped while ${r.step === 'retire' ? 'retiring' : 'deleting'} the old token; it was not done. Try again.` }))
          if (r.step === 'finish') return this.close(r, 'finished', null)
          return this.put(r.id, () => (r.plan.retire ? { state: 'retired', step: null, note: null } : { state: 'finished', step: null, note: null }))
        }
        default:
          return r
      }
    } finally {
      this.running.delete(r.id)
    }
  }

  private async rollBackAgain(r: Rotation): Promise<Rotation> {
    const outcome = await this.removeSuccessor(r)
    return this.close(r, 'rolled-back', outcome)
  }

  /** Rotations whose overlap has ended (their chosen time passed): the app retires them. */
  async due(): Promise<Rotation[]> {
    const now = this.now().toISOString()
    return (await this.list()).filter((r) => r.state === 'overlap' && !r.step && r.overlapUntil !== null && r.overlapUntil <= now)
  }

  async forgetConnection(connectionId: string): Promise<void> {
    await this.deps.store.forgetConnection(connectionId)
  }
}
