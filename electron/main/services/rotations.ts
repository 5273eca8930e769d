/**
 * Rotating a token: create its successor with the same attributes, put the successor's secret
 * where the user chose, switch the connection's own credential when it is the token being
 * replaced, keep the old token working through an overlap, then retire it the least destructive
 * way its vendor allows and finally delete it. The plan comes from the vendor's descriptor
 * (common/rotation.ts); each step is recorded (RotationStore) before and after its vendor call, so
 * a crash or quit in the middle resumes or rolls back (`resume`). Rules kept throughout: the old
 * token is never retired before the successor exists and its secret is kept; a failure leaves a
 * working credential; no secret reaches the record, the activity log or an error message. The
 * shared machinery (keeping the secret, removing a successor, reconciling an unclear create) is
 * in rotation-steps.ts.
 */
import { randomUUID } from 'node:crypto'
import { PROVIDERS } from '../../common/providers'
import { canComeBack, isOpen, ROTATABLE, ROTATES_AS_IS, rotationPlan, successorInput, type Rotation, type SecretDestination } from '../../common/rotation'
import type { BulkResult, CreateTokenInput, Token } from '../../common/tokens'
import { AppError, toEnvelope } from '../app-error'
import { atTime, nothingMade } from './rotation-reconcile'
import { alive, RotationStopped, RotationSteps, StepTaken } from './rotation-steps'

export type { RotationDeps } from './rotation-steps'

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
  /** Replace a token that is not active (disabled, suspended): its successor is active. Refused without it. */
  allowInactive?: boolean
  /** Where `handOver` puts the secret, in words (a file's path, "descriptor 3"; never the secret): an undo names it. */
  handedOverTo?: string
}

const alreadyReplaced = (): AppError => new AppError('conflict', 'This token is already being replaced: continue or undo that rotation first.')

const gone = (t: Token | undefined): boolean => !t || t.status === 'deleted'

export class Rotations extends RotationSteps {
  /** Rotations as they now are, after each change (this process's, and another's seen by `reload`). */
  readonly onChanged = this.changed.event

  list(): Promise<Rotation[]> {
    return this.deps.store.list()
  }

  /** Another process (a CLI) changed `rotations.sealed`: tell the listeners what differs. */
  async reload(): Promise<void> {
    const changed = (await this.list()).filter((r) => this.seen.get(r.id) !== r.updatedAt)
    for (const r of changed) this.seen.set(r.id, r.updatedAt)
    if (changed.length) this.changed.fire(changed)
  }

  /** The open rotation of a token, if any. */
  async forToken(connectionId: string, tokenId: string): Promise<Rotation | null> {
    return (await this.list()).find((r) => isOpen(r) && r.connectionId === connectionId && (r.oldId === tokenId || r.successorId === tokenId)) ?? null
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
    if (!ROTATES_AS_IS.includes(old.status) && !options.allowInactive) {
      const why = `This token is ${old.status}, but its successor would be active: anything given the new secret could use it. Confirm to replace it anyway.`
      throw new AppError('conflict', why, { fields: { allowInactive: why } })
    }
    if (await this.forToken(connectionId, tokenId)) throw alreadyReplaced()
    if (options.secretTo === 'handed-over' && !options.handOver) throw new AppError('validation', 'Say where the new secret goes.')
    const { input, missing, problems } = successorInput(vendor, old, this.now())
    if (missing.length || Object.keys(problems).length) {
      // The form's rule in words after the field's label ("its Name does not fit …: at most 200 characters").
      const [key, rule] = Object.entries(problems)[0] ?? []
      const label = vendor.create?.find((f) => f.key === key)?.label ?? key
      const broken = rule ? `its ${label} does not fit ${vendor.name}’s form (${rule.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())})` : null
      const why = missing.includes('expiresAt') ? 'its lifetime is not known (no creation date)' : broken ?? `${missing.join(', ')} unknown`
      throw new AppError('validation', `Tokendesk cannot make a successor with the same attributes: ${why}.`)
    }
    // The tokens held before the create: none of them can be the successor (an unclear create is reconciled).
    const before = new Set(this.deps.inventory.tokens(connectionId).map((t) => t.id))
    const id = randomUUID()
    const started = this.now().toISOString()
    // Checked again under the data folder's lock as the record is written: two processes starting
    // the same rotation at once both pass the check above, and only one may make a successor.
    const r = await this.save(id, (_, all): Rotation => {
      if (all.some((x) => isOpen(x) && x.connectionId === connectionId && (x.oldId === tokenId || x.successorId === tokenId))) throw alreadyReplaced()
      return {
        id, connectionId, oldId: tokenId, oldName: old.name, successorId: null, state: 'creating', step: 'create', pid: process.pid,
        selfRotation: old.isOwnCredential, secretTo: options.secretTo, overlapUntil: options.overlapUntil ?? null,
        plan: rotationPlan(vendor), startedAt: started, updatedAt: started, note: null,
        handedOverTo: options.secretTo === 'handed-over' ? (options.handedOverTo ?? null) : null, leftBehind: null,
      }
    })
    this.running.add(r.id)
    try {
      return await this.fromCreate(r, input as CreateTokenInput, before, options.handOver)
    } finally {
      this.running.delete(r.id)
    }
  }

  private async fromCreate(r: Rotation, input: CreateTokenInput, before: ReadonlySet<string>, handOver?: (secret: string) => Promise<void>): Promise<Rotation> {
    let created: { token: Token; secret: string | null }
    try {
      created = await this.deps.actions.create(r.connectionId, input, false)
    } catch (error) {
      const failed = `Creating the successor failed: ${this.said(error)}`
      if (nothingMade(error)) {
        // The vendor refused it, or it never left: nothing was made.
        const closed = await this.close(r, 'rolled-back', `${failed} Nothing changed; the token is untouched.`)
        await this.record(r, r.oldId, 'rotate', 'error', this.said(error))
        throw new RotationStopped(closed, toEnvelope(error).kind, error)
      }
      const unread = error instanceof AppError && error.kind === 'unexpected_response' ? ' Its answer could not be read, so it did not say which token it made, if any.' : ''
      return this.reconcile(r, () => input, before, `${failed}${unread}`, error, handOver)
    }
    const vendor = this.vendorOf(r)
    r = await this.put(r.id, () => ({ state: 'created', step: 'save', successorId: created.token.id }))
    await this.record(r, r.oldId, 'rotate', 'ok', `Successor ${created.token.id} created.`)
    return this.continueWith(r, created.secret, `${vendor.name} made the new token ${created.token.id} but did not return its secret`, handOver)
  }

  /** The successor exists and is in service (asked of the vendor where it can be, else by a refresh). */
  private async successorLive(r: Rotation): Promise<boolean> {
    if (!r.successorId) return false
    try {
      await this.refreshed(r.connectionId)
    } catch (error) {
      throw new AppError(toEnvelope(error).kind, `Tokendesk could not confirm the new token exists: ${this.said(error)}`)
    }
    const successor = this.held(r.connectionId, r.successorId)
    return !!successor && (successor.status === 'active' || successor.status === 'unknown')
  }

  /** Keep the rotation where it is with a note, and fail with the same words (the window shows them once). */
  private async refuse(r: Rotation, error: unknown, note: string): Promise<never> {
    // A record another process moved on meanwhile (or is moving on) keeps what that one wrote.
    const movedOn = (current: Rotation): boolean => current.state !== r.state || (!!current.step && current.pid !== process.pid && alive(current.pid))
    await this.put(r.id, (current) => (movedOn(current) ? {} : { step: null, note }))
    throw new AppError(toEnvelope(error).kind, note, { cause: error })
  }

  /**
   * End the overlap: retire the old token the least destructive way (a disable or a suspend); a
   * vendor that cannot do it by API leaves it to its page, and nothing is done to the token. Only
   * once the successor is confirmed in service. `by`: the user, or the overlap's chosen end (OverlapTimer).
   */
  async retire(id: string, by: 'user' | 'timer' = 'user'): Promise<Rotation> {
    let r = await this.deps.store.get(id)
    if (r.state !== 'overlap') throw new AppError('conflict', `This rotation is ${r.state}; only one in its overlap can retire the old token.`)
    let live: boolean
    try {
      live = await this.successorLive(r)
    } catch (error) {
      return this.refuse(r, error, `${this.said(error)} Both tokens still work; try again.`)
    }
    if (!live) return this.refuse(r, new AppError('conflict', 'not live'), 'The new token is not in service at the vendor, so the old one stays. Undo this rotation or check the vendor’s page.')
    const vendor = this.vendorOf(r)
    if (r.plan.byHand) {
      if (gone(this.held(r.connectionId, r.oldId))) {
        await this.record(r, r.oldId, 'rotate-finish', 'ok', `No longer listed at ${vendor.name}.`)
        return this.close(r, 'finished', null)
      }
      return this.put(r.id, () => ({
        state: 'retired',
        note: `${vendor.name} cannot retire a token through its API, so nothing was done to the old token ${r.oldId}: delete it on ${vendor.name}’s page (${r.plan.portalUrl}), then finish.`,
      }))
    }
    const action = r.plan.retire ?? r.plan.finish!
    try {
      await this.step(r, 'retire', () => this.act(r, r.oldId, action))
    } catch (error) {
      if (error instanceof StepTaken) throw error // the other process's record stays as it is
      return this.refuse(r, error, `Retiring the old token failed: ${this.said(error)} Both tokens still work; try again.`)
    }
    await this.record(r, r.oldId, 'rotate-retire', 'ok', by === 'timer' ? `${action}: the overlap ended (${r.overlapUntil}).` : `${action}`)
    r = await this.put(r.id, () => (r.plan.retire ? { state: 'retired', step: null, note: null } : { state: 'finished', step: null, note: null }))
    return r
  }

  /**
   * The final step (delete, through what the vendor needs first), after a retire. A vendor whose
   * tokens are deleted on its page: finished only once it no longer lists the old token as active.
   */
  async finish(id: string): Promise<Rotation> {
    const r = await this.deps.store.get(id)
    if (r.state !== 'retired') throw new AppError('conflict', `This rotation is ${r.state}; the old token is deleted only after it was retired.`)
    const vendor = this.vendorOf(r)
    if (r.plan.byHand) {
      try {
        await this.refreshed(r.connectionId)
      } catch (error) {
        return this.refuse(r, error, `Tokendesk could not check that ${vendor.name} no longer lists the old token: ${this.said(error)} Try again.`)
      }
      const old = this.held(r.connectionId, r.oldId)
      if (old && (old.status === 'active' || old.status === 'unknown')) {
        return this.refuse(r, new AppError('conflict', 'still listed'), `${vendor.name} still lists the old token ${r.oldId} as active: delete it on ${vendor.name}’s page (${r.plan.portalUrl}) first.`)
      }
      await this.record(r, r.oldId, 'rotate-finish', 'ok', `No longer listed as active at ${vendor.name}.`)
      return this.close(r, 'finished', null)
    }
    try {
      await this.step(r, 'finish', () => this.act(r, r.oldId, r.plan.finish!))
    } catch (error) {
      if (error instanceof StepTaken) throw error
      return this.refuse(r, error, `Deleting the old token failed: ${this.said(error)}${this.whereOldIs(r)}`)
    }
    await this.record(r, r.oldId, 'rotate-finish', 'ok', `${r.plan.finish}`)
    return this.close(r, 'finished', null)
  }

  /** After a failed delete: the state the old token is in now (a revoke before the delete is permanent). */
  private whereOldIs(r: Rotation): string {
    const status = this.held(r.connectionId, r.oldId)?.status
    if (!status || status === 'unknown' || status === 'deleted') return ' Try again.'
    return canComeBack(this.vendorOf(r), status) ? ` It is ${status}; try again to delete it.` : ` It is ${status} now, which cannot be undone; try again to delete it.`
  }

  /**
   * Replace several tokens of one connection, one after another; each successor's secret goes to
   * the keychain only (never the screen or a file: the user shows or copies it later, one by one).
   * A token that is not active is not replaced (its successor would be active: asked one by one).
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
    if (this.running.has(r.id) || (r.step && r.pid !== process.pid && alive(r.pid))) throw new AppError('conflict', 'A step of this rotation is under way; wait for it to end.')
    // Claimed before anything changes (under the lock: another process's --finish cannot retire the
    // old token while this one removes the successor), and held through the switch back.
    await this.claim(r, 'rollback')
    this.running.add(r.id)
    const switchedBack = r.selfRotation && r.state === 'overlap'
    let removal: Awaited<ReturnType<RotationSteps['removeSuccessor']>>
    try {
      if (switchedBack) {
        await this.switchBack(r).catch(async (error: unknown) => {
          await this.put(r.id, () => ({ step: null })) // nothing was removed: no rollback for a resume to carry on
          throw error
        })
      }
      removal = await this.removeSuccessor(r)
    } finally {
      this.running.delete(r.id)
    }
    if (!removal.removed && removal.error && !switchedBack) {
      // Nothing changed: both still work, and the undo can be tried again.
      return this.refuse(r, removal.error, `Undoing failed: the new token ${r.successorId} could not be removed (${this.said(removal.error)}). Both tokens still work; try again.`)
    }
    const note = `${removal.text}${this.handedOverNote(r, removal.removed, r.state === 'overlap' ? 'done' : 'maybe')}`
    await this.record(r, r.oldId, 'rotate-undo', removal.removed ? 'ok' : 'error', note)
    return this.close(r, 'rolled-back', note, removal.left)
  }

  private async switchBack(r: Rotation): Promise<void> {
    const previous = await this.deps.secrets.read(r.connectionId, r.oldId).catch(() => null)
    if (!previous) throw new AppError('conflict', 'The old token’s secret is not available, so the connection keeps the new one; retire instead.')
    await this.deps.setup.setCredential(r.connectionId, previous, { test: true })
    await this.deps.inventory.refresh(r.connectionId).catch(() => undefined)
  }

  /**
   * After a crash or quit: each open rotation whose step was under way in a process that is gone
   * is carried forward when what happened can be known, else rolled back; the user is told
   * (the record's note, the activity log). One that cannot be judged now (the vendor or the
   * keychain unreachable) keeps its step and is tried again. Returns the rotations it touched.
   */
  async resume(): Promise<Rotation[]> {
    const touched: Rotation[] = []
    for (const r of await this.list()) {
      if (!isOpen(r) || !r.step || this.running.has(r.id) || (r.pid !== process.pid && alive(r.pid))) continue
      this.running.add(r.id)
      try {
        touched.push(await this.resumeOne(r))
      } catch (error) {
        if (error instanceof RotationStopped) touched.push(error.rotation)
        else touched.push(await this.put(r.id, () => ({ note: `Tokendesk could not resume this rotation: ${this.said(error)} It tries again later.` })))
      } finally {
        this.running.delete(r.id)
      }
    }
    return touched
  }

  private async resumeOne(r: Rotation): Promise<Rotation> {
    const vendor = this.vendorOf(r)
    switch (r.step) {
      case 'create': {
        // Whether the vendor made the successor is not known: looked for as after an unclear answer.
        const inputOf = (): Record<string, unknown> | null => {
          const old = this.held(r.connectionId, r.oldId)
          const made = old ? successorInput(vendor, old, new Date(r.startedAt)) : null
          return made && !made.missing.length && !Object.keys(made.problems).length ? made.input : null
        }
        return this.reconcile(r, inputOf, new Set(), `Tokendesk stopped while creating a successor (at ${atTime(r.updatedAt)}).`, null)
      }
      case 'save':
      case 'switch': {
        // A secret the keychain (or the vendor) still has lets the rotation go on; a handed-over
        // one may not have reached its file, so that rotation is undone unless the switch was next.
        const secret = await this.secretNow(r)
        if (secret && (r.step === 'switch' || r.secretTo !== 'handed-over')) {
          if (r.step === 'save') await this.keepSecret(r, secret)
          return this.switchThenOverlap(r, secret)
        }
        return this.stop(r, 'Tokendesk stopped before the new secret was kept.', new AppError('cancelled', 'stopped'), null, r.step === 'switch' ? 'done' : 'maybe')
      }
      case 'retire':
      case 'finish':
      case 'rollback': {
        await this.refreshed(r.connectionId)
        const target = r.step === 'rollback' ? r.successorId! : r.oldId
        const action = r.step === 'retire' ? (r.plan.retire ?? r.plan.finish!) : r.plan.finish!
        const held = this.held(r.connectionId, target)
        const to = vendor.actions[action]?.to
        const done = gone(held) || (!!to && held!.status === to)
        if (r.step === 'rollback') {
          if (!done) return this.rollBackAgain(r)
          await this.deps.secrets.forget(r.connectionId, target).catch(() => undefined)
          return this.close(r, 'rolled-back', `The new token ${target} was removed; the old token is untouched.${this.handedOverNote(r, true, 'maybe')}`)
        }
        if (!done) {
          const where = r.step === 'finish' ? this.whereOldIs(r) : ' Both tokens still work; try again.'
          return this.put(r.id, () => ({ step: null, note: `Tokendesk stopped while ${r.step === 'retire' ? 'retiring' : 'deleting'} the old token; it was not done.${where}` }))
        }
        if (r.step === 'finish') return this.close(r, 'finished', null)
        return this.put(r.id, () => (r.plan.retire ? { state: 'retired', step: null, note: null } : { state: 'finished', step: null, note: null }))
      }
      default:
        return r
    }
  }

  /** The successor's secret as the keychain or vendor has it now; null when it is surely not there. */
  private async secretNow(r: Rotation): Promise<string | null> {
    try {
      return await this.deps.secrets.read(r.connectionId, r.successorId!)
    } catch (error) {
      if (error instanceof AppError && error.kind === 'not_found') return null
      // The keychain or the vendor cannot answer now: not a reason to remove the successor.
      throw new AppError(toEnvelope(error).kind, `the new token’s secret cannot be read now (${this.said(error)}).`)
    }
  }

  private async rollBackAgain(r: Rotation): Promise<Rotation> {
    const removal = await this.removeSuccessor(r)
    return this.close(r, 'rolled-back', `${removal.text}${this.handedOverNote(r, removal.removed, 'maybe')}`, removal.left)
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
