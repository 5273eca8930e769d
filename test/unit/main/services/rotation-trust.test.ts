/**
 * Issue 26's rotation items beyond the create: the successor inherits the old token's owner, tags,
 * notes and display name (and an undo takes them away); a disabled token is not silently given an
 * active successor; a Prefactor delete that fails after its revoke says "revoked"; a handed-over
 * secret is named when its token is removed, and never lost when the successor cannot be removed;
 * a resume that cannot read the keychain, and an undo the vendor refuses, change nothing.
 */
import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { invokeContract } from '../../../../electron/common/ipc-contract'
import type { Rotation } from '../../../../electron/common/rotation'
import { createDispatcher } from '../../../../electron/main/ipc/dispatcher'
import { createHandlers } from '../../../../electron/main/ipc/handlers'
import { silentLogger } from '../../../../electron/main/services/logger'
import { ROTATIONS_FILE } from '../../../../electron/main/services/rotation-store'
import { TokenSecrets } from '../../../../electron/main/services/token-secrets'
import { rotationWorld } from './rotation-fixture'

const w = rotationWorld()

const failed = (p: Promise<unknown>): Promise<{ kind: string; message: string; fields?: Record<string, string> }> =>
  p.then(
    () => {
      throw new Error('expected a failure')
    },
    (e: unknown) => e as { kind: string; message: string; fields?: Record<string, string> },
  )

const META = { owner: 'Ops \u202Eteam', notes: 'Used by the nightly export.', tags: ['ci', 'billing'], displayName: 'Nightly export' }

describe('a token whose attributes the vendor’s form would refuse', () => {
  it('is not replaced, and the refusal names the field and its rule once', async () => {
    const c = w.conns.mpt
    const old = w.pick('mpt')
    ;(w.sandbox.data.mpt[0]!.tokens.find((t) => t.id === old.id) as { name: string }).name = 'A'.repeat(201) // longer than the vendor's own form allows
    await w.services.inventory.refresh(c.id)
    const before = w.tokenCount('mpt')
    const refused = await failed(w.services.rotations.start(c.id, old.id, { secretTo: 'keychain' }))
    expect(refused).toMatchObject({
      kind: 'validation',
      message: 'Tokendesk cannot make a successor with the same attributes: its Name does not fit SoftwareOne Marketplace Platform’s form (at most 200 characters).',
    })
    expect(w.tokenCount('mpt')).toBe(before)
  })
})

describe('the successor inherits the old token’s owner, tags, notes and display name', () => {
  it('on start; an undo takes the copy away with the successor', async () => {
    const c = w.conns.prefactor
    const old = w.pick('prefactor')
    await w.services.meta.update(c.id, [old.id], META)
    const r = await w.services.rotations.start(c.id, old.id, { secretTo: 'keychain' })
    expect(w.services.meta.get(c.id, r.successorId!)).toMatchObject(META)
    expect(w.services.meta.get(c.id, old.id)).toMatchObject(META) // the old one keeps its own
    await w.services.rotations.rollBack(r.id)
    expect(w.services.meta.get(c.id, r.successorId!)).toBeNull()
  })

  it('in a bulk replace, and in a rotation a stopped process left to resume', async () => {
    const c = w.conns.mpt
    const [a, b] = [w.pick('mpt'), w.pick('mpt')]
    await w.services.meta.update(c.id, [a.id, b.id], META)
    await w.services.rotations.startMany(c.id, [a.id])
    const bulk = (await w.services.rotations.list()).find((r) => r.oldId === a.id)!
    expect(w.services.meta.get(c.id, bulk.successorId!)).toMatchObject(META)

    w.keychain.tokenWrites = 'hang'
    void w.services.rotations.start(c.id, b.id, { secretTo: 'keychain' })
    await w.keychain.hung
    w.keychain.tokenWrites = 'ok'
    const second = await w.open()
    const [resumed] = await second.rotations.resume()
    expect(resumed).toMatchObject({ state: 'overlap' })
    expect(second.meta.get(c.id, resumed!.successorId!)).toMatchObject(META)
  })
})

describe('a token that is not active', () => {
  const disabled = () => w.services.inventory.tokens(w.conns.mpt.id).find((t) => t.status === 'disabled' && !t.isOwnCredential && t.createdAt)!

  it('is refused without allowInactive (a conflict that says why, in fields.allowInactive); with it, gets an active successor', async () => {
    const c = w.conns.mpt
    const old = disabled()
    const count = w.tokenCount('mpt')
    const refused = await failed(w.services.rotations.start(c.id, old.id, { secretTo: 'keychain' }))
    expect(refused).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/^This token is disabled, but its successor would be active/) })
    expect(refused.fields).toEqual({ allowInactive: refused.message })
    expect(w.tokenCount('mpt')).toBe(count)
    expect(await w.services.rotations.list()).toEqual([])

    const r = await w.services.rotations.start(c.id, old.id, { secretTo: 'keychain', allowInactive: true })
    expect(w.record('mpt', r.successorId!)!.status).toBe('Active')
  })

  it('the window’s channel carries the confirmation; a bulk replace reports the token as not replaced', async () => {
    const c = w.conns.mpt
    const old = disabled()
    expect(invokeContract['rotation:start'].args.safeParse([c.id, old.id, { saveToKeychain: true, overlapUntil: null, allowInactive: true }]).success).toBe(true)
    const [result] = await w.services.rotations.startMany(c.id, [old.id])
    expect(result).toMatchObject({ tokenId: old.id, ok: false, message: expect.stringContaining('This token is disabled, but its successor would be active') })
    const dispatch = createDispatcher(createHandlers(w.services, { version: '0', platform: 'linux' }), { trustedOrigins: ['app://tokendesk/'], log: silentLogger })
    const call = (channel: string, ...args: unknown[]) => dispatch({ url: 'app://tokendesk/index.html', isMainFrame: true }, channel, args)
    expect(await call('rotation:start', c.id, old.id, { saveToKeychain: true, overlapUntil: null })).toMatchObject({ ok: false, error: { kind: 'conflict', fields: { allowInactive: expect.any(String) } } })
    expect(await call('rotation:start', c.id, old.id, { saveToKeychain: true, overlapUntil: null, allowInactive: true })).toMatchObject({ ok: true, value: { state: 'overlap' } })
  })
})

describe('Prefactor: the revoke before the delete went through, the delete did not', () => {
  it('the record says the old token is revoked (permanent), and a retry deletes without revoking again', async () => {
    const c = w.conns.prefactor
    const old = w.pick('prefactor')
    const r = await w.services.rotations.start(c.id, old.id, { secretTo: 'keychain' })
    await w.services.rotations.retire(r.id)
    w.sandbox.faults.set('prefactor:delete', { kind: 'status', status: 500, times: 1 })
    const error = await failed(w.services.rotations.finish(r.id))
    expect(w.record('prefactor', old.id)!.status).toBe('revoked')
    const [now] = await w.services.rotations.list()
    expect(now).toMatchObject({ state: 'retired', step: null, note: error.message })
    expect(error.message).toMatch(/^Deleting the old token failed: Prefactor is unavailable.* It is revoked now, which cannot be undone; try again to delete it\.$/)
    w.sandbox.resetStats()
    expect((await w.services.rotations.finish(r.id)).state).toBe('finished')
    expect(w.sandbox.requests.map((q) => q.route)).toEqual(['delete'])
    expect(w.record('prefactor', old.id)).toBeUndefined()
  })
})

describe('a secret handed over (the CLI’s file or descriptor)', () => {
  it('is named when an undo removes its token: the file still holds a secret that no longer works', async () => {
    const c = w.conns.prefactor
    const file = path.join(w.dir, 'new.secret')
    const r = await w.services.rotations.start(c.id, w.pick('prefactor').id, { secretTo: 'handed-over', handOver: async () => undefined, handedOverTo: file })
    expect(r.handedOverTo).toBe(file)
    const undone = await w.services.rotations.rollBack(r.id)
    expect(undone.note).toBe(`The new token ${r.successorId} was removed; the old token is untouched. The file ${file} still holds the removed token’s secret, which no longer works; delete it.`)

    const fd = await w.services.rotations.start(c.id, w.pick('prefactor').id, { secretTo: 'handed-over', handOver: async () => undefined, handedOverTo: 'descriptor 3' })
    expect((await w.services.rotations.rollBack(fd.id)).note).toContain('The secret written to descriptor 3 belongs to the removed token and no longer works')
  })

  it('records written before it was kept still load (no hand-over named, nothing left behind)', async () => {
    const at = new Date().toISOString()
    const older = {
      id: 'older', connectionId: w.conns.mpt.id, oldId: 'TKN-0000-0000', oldName: null, successorId: null, state: 'rolled-back', step: null, pid: null,
      selfRotation: false, secretTo: 'keychain', overlapUntil: null, plan: { retire: 'disable', finish: 'delete', byHand: false, portalUrl: 'x' }, startedAt: at, updatedAt: at, note: null,
    }
    await w.services.sealed.seal(path.join(w.dir, ROTATIONS_FILE), { version: 1, rotations: [older] })
    expect(await w.services.rotations.list()).toEqual([{ ...older, handedOverTo: null, leftBehind: null }])
  })

  it('a hand-over that fails: the successor is removed, and the message says so — not "nothing was changed"', async () => {
    const c = w.conns.prefactor
    const count = w.tokenCount('prefactor')
    // The CLI's file sink writes FILE whole or not at all: a failed write leaves none, and the note says so.
    const file = path.join(w.dir, 'new.secret')
    const error = await failed(w.services.rotations.start(c.id, w.pick('prefactor').id, { secretTo: 'handed-over', handOver: async () => Promise.reject(new Error('disk full')), handedOverTo: file }))
    expect(error.message).toMatch(/^Saving the new secret failed: Something went wrong inside Tokendesk \(details are in the log\)\. The new token \w+ was removed; the old token is untouched\. No secret was written to \S+new\.secret: the file was not made\.$/)
    expect(w.tokenCount('prefactor')).toBe(count)
  })

  it('a hand-over that fails after FILE was made: the note says it may hold the removed token’s secret; an empty FILE is said to hold none', async () => {
    const c = w.conns.prefactor
    const file = path.join(w.dir, 'made.secret')
    const failing = (content: string) => async (): Promise<void> => {
      await writeFile(file, content)
      throw new Error('disk full')
    }
    const written = await failed(w.services.rotations.start(c.id, w.pick('prefactor').id, { secretTo: 'handed-over', handOver: failing('something\n'), handedOverTo: file }))
    expect(written.message).toContain(`If the file ${file} received the new secret, it belongs to the removed token and no longer works; delete it.`)
    await rm(file)
    const empty = await failed(w.services.rotations.start(c.id, w.pick('prefactor').id, { secretTo: 'handed-over', handOver: failing(''), handedOverTo: file }))
    expect(empty.message).toContain(`The file ${file} is empty: it holds no secret; delete it.`)
  })

  it.each([
    ['Fynn (no delete by API)', 'fynn', null],
    ['Prefactor whose revoke fails', 'prefactor', 'prefactor:revoke'],
  ] as const)('a hand-over that fails and a successor that cannot be removed — %s: its secret is saved to the keychain, not lost', async (_, provider, fault) => {
    const c = w.conns[provider]
    if (fault) w.sandbox.faults.set(fault, { kind: 'status', status: 500, times: 1 })
    const error = await failed(w.services.rotations.start(c.id, w.pick(provider).id, { secretTo: 'handed-over', handOver: async () => Promise.reject(new Error('disk full')) }))
    const [r] = await w.services.rotations.list()
    expect(r).toMatchObject({ state: 'rolled-back', leftBehind: { tokenId: r!.successorId } })
    expect(w.keychain.entries.get(TokenSecrets.account(c.id, r!.successorId!))).toBe(w.record(provider, r!.successorId!)!.secret)
    expect(error.message).toContain('Until then its secret is in your keychain, so it is not lost.')
    expect(error.message).toMatch(/delete it on (Fynn|Prefactor)’s page/)
  })
})

describe('nothing is removed on a guess', () => {
  it('a resume that cannot read the keychain leaves the rotation as it is, and tries again later', async () => {
    const c = w.conns.prefactor
    w.keychain.tokenWrites = 'hang'
    void w.services.rotations.start(c.id, w.pick('prefactor').id, { secretTo: 'keychain' })
    await w.keychain.hung
    const stuck = (await w.services.rotations.list())[0]!
    w.keychain.tokenWrites = 'ok'
    w.keychain.tokenReads = 'fail'
    const second = await w.open()
    const [touched] = await second.rotations.resume()
    expect(touched).toMatchObject({ id: stuck.id, state: 'created', step: 'save', note: expect.stringMatching(/^Tokendesk could not resume this rotation: .*keychain.* It tries again later\.$/) })
    expect(w.record('prefactor', stuck.successorId!)!.status).toBe('active')
    // The keychain answers again: the secret was never saved, so now the successor is removed.
    w.keychain.tokenReads = 'ok'
    const [again] = await second.rotations.resume()
    expect(again).toMatchObject({ state: 'rolled-back', note: expect.stringMatching(/stopped before the new secret was kept.*was removed/) })
  })

  it('an undo the vendor refuses keeps both tokens, the successor’s secret and the overlap; tried again, it goes through', async () => {
    const c = w.conns.prefactor
    const r = await w.services.rotations.start(c.id, w.pick('prefactor').id, { secretTo: 'keychain' })
    w.sandbox.faults.set('prefactor:revoke', { kind: 'status', status: 500, times: 1 })
    const error = await failed(w.services.rotations.rollBack(r.id))
    expect(error.message).toMatch(/^Undoing failed: the new token \w+ could not be removed \(Prefactor is unavailable.*\)\. Both tokens still work; try again\.$/)
    expect((await w.services.rotations.list())[0]).toMatchObject<Partial<Rotation>>({ state: 'overlap', step: null, note: error.message })
    expect(w.record('prefactor', r.successorId!)!.status).toBe('active')
    expect(w.keychain.entries.get(TokenSecrets.account(c.id, r.successorId!))).toBe(w.record('prefactor', r.successorId!)!.secret)
    expect((await w.services.rotations.rollBack(r.id)).state).toBe('rolled-back')
    expect(w.record('prefactor', r.successorId!)).toBeUndefined()
  })

  it('Fynn: an old token already deleted on Fynn’s page when the overlap ends finishes the rotation at once', async () => {
    const c = w.conns.fynn
    const old = w.pick('fynn')
    const r = await w.services.rotations.start(c.id, old.id, { secretTo: 'keychain' })
    const tokens = w.sandbox.data.fynn[0]!.tokens
    tokens.splice(tokens.findIndex((t) => t.id === old.id), 1)
    expect(await w.services.rotations.retire(r.id)).toMatchObject({ state: 'finished', note: null })
  })
})
