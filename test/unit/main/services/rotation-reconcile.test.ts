/**
 * A create whose outcome is not known (issue 26): the vendor made the successor but answered
 * oddly (`drift`), answered 5xx, or the process stopped mid-create. Never "nothing changed" when a
 * token may exist: the new token is looked up at the vendor and adopted (MPT shows its secret
 * again), removed (Prefactor: its secret was only in the lost answer), or named with its page
 * (Fynn cannot delete by API); when it cannot be checked, the record says "a new token may exist".
 */
import { describe, expect, it } from 'vitest'
import { PROVIDERS } from '../../../../electron/common/providers'
import { successorInput, type Rotation } from '../../../../electron/common/rotation'
import type { CreateTokenInput } from '../../../../electron/common/tokens'
import { TokenSecrets } from '../../../../electron/main/services/token-secrets'
import type { PrefactorRecord } from '../../../../electron/main/sandbox/model'
import { rotationWorld } from './rotation-fixture'

const w = rotationWorld()

const failed = (p: Promise<unknown>): Promise<{ kind: string; message: string }> =>
  p.then(
    () => {
      throw new Error('expected the rotation to fail')
    },
    (e: unknown) => e as { kind: string; message: string },
  )

describe('the vendor made the successor but its answer could not be read (drift)', () => {
  it('MPT: found at the vendor by its attributes, its secret read again, and the rotation goes on', async () => {
    const c = w.conns.mpt
    const old = w.pick('mpt')
    const count = w.tokenCount('mpt')
    w.sandbox.faults.set('mpt:create', { kind: 'drift', times: 1 })
    const r = await w.services.rotations.start(c.id, old.id, { secretTo: 'keychain' })
    expect(w.tokenCount('mpt')).toBe(count + 1)
    const made = w.sandbox.data.mpt[0]!.tokens.at(-1)!
    expect(r).toMatchObject({ state: 'overlap', step: null, successorId: made.id, leftBehind: null })
    expect(w.keychain.entries.get(TokenSecrets.account(c.id, made.id))).toBe(made.token)
    const activity = await w.services.activity.forToken(c.id, old.id)
    expect(activity.find((e) => e.action === 'rotate' && e.outcome === 'ok')!.detail).toMatch(/found at SoftwareOne Marketplace Platform after an unclear answer/)
  })

  it('Prefactor: found, but its secret was only in the lost answer — so it is revoked and deleted, and the note says exactly that', async () => {
    const c = w.conns.prefactor
    const old = w.pick('prefactor')
    const count = w.tokenCount('prefactor')
    w.sandbox.faults.set('prefactor:create', { kind: 'drift', times: 1 })
    const error = await failed(w.services.rotations.start(c.id, old.id, { secretTo: 'keychain' }))
    const [r] = await w.services.rotations.list()
    expect(error.message).toBe(r!.note)
    expect(r!.note).not.toMatch(/Nothing changed/)
    expect(r!.note).toMatch(/^Creating the successor failed: .*did not say which token it made.* Prefactor made the new token (\w+) anyway, and its secret cannot be had.* The new token \1 was removed; the old token is untouched\.$/)
    expect(r).toMatchObject({ state: 'rolled-back', leftBehind: null })
    expect(w.record('prefactor', r!.successorId!)).toBeUndefined()
    expect(w.tokenCount('prefactor')).toBe(count)
    expect(w.record('prefactor', old.id)!.status).toBe('active')
  })

  it('Fynn: found, secret lost, and Fynn cannot delete by API — the token is named with Fynn’s page, and the record keeps it as left behind', async () => {
    const c = w.conns.fynn
    const old = w.pick('fynn')
    w.sandbox.faults.set('fynn:create', { kind: 'drift', times: 1 })
    const error = await failed(w.services.rotations.start(c.id, old.id, { secretTo: 'keychain' }))
    const made = w.sandbox.data.fynn[0]!.tokens.at(-1)!
    const [r] = await w.services.rotations.list()
    expect(made.description).toBe(old.description)
    expect(r).toMatchObject({ state: 'rolled-back', successorId: made.id, leftBehind: { tokenId: made.id, createdAround: r!.startedAt } })
    expect(error.message).toBe(r!.note)
    expect(r!.note).toContain(`The new token ${made.id} cannot be removed through Fynn’s API: delete it on Fynn’s page (https://app.fynn.eu/settings/developer). Its secret is lost.`)
    expect([...w.keychain.entries.values()]).not.toContain(made.secret)
  })
})

describe('an unknown outcome that made nothing, or cannot be checked', () => {
  it('a 5xx: the list is checked afterwards, no new token found — said so, nothing left behind', async () => {
    const c = w.conns.prefactor
    const old = w.pick('prefactor')
    w.sandbox.faults.set('prefactor:create', { kind: 'status', status: 500, times: 1 })
    w.sandbox.resetStats()
    const error = await failed(w.services.rotations.start(c.id, old.id, { secretTo: 'keychain' }))
    expect(error.kind).toBe('unavailable')
    expect(error.message).toMatch(/^Creating the successor failed: Prefactor is unavailable.* Tokendesk then checked Prefactor’s list and found no new token: the token is untouched\.$/)
    expect(w.sandbox.requests.map((q) => q.route)).toEqual(['create', 'list'])
    expect((await w.services.rotations.list())[0]).toMatchObject({ state: 'rolled-back', successorId: null, leftBehind: null })
  })

  it('a 5xx and the list cannot be read: "a new token may exist", with when and what to look for — never "nothing changed"', async () => {
    const c = w.conns.mpt
    const old = w.pick('mpt')
    w.sandbox.faults.set('mpt:create', { kind: 'status', status: 500, times: 1 })
    w.sandbox.faults.set('mpt:list', { kind: 'status', status: 500, times: 1 })
    const error = await failed(w.services.rotations.start(c.id, old.id, { secretTo: 'keychain' }))
    const [r] = await w.services.rotations.list()
    expect(error.message).toBe(r!.note)
    expect(r!.note).not.toMatch(/Nothing changed/)
    expect(r!.note).toContain('may have made the new token anyway, and Tokendesk could not check')
    expect(r!.note).toContain(`A new token may exist: look on SoftwareOne Marketplace Platform’s page (https://platform.softwareone.com/settings/api-tokens) for one created around ${r!.startedAt.slice(0, 16).replace('T', ' ')} UTC, with the name “${old.name}”`)
    expect(r).toMatchObject({ state: 'rolled-back', leftBehind: { tokenId: null, createdAround: r!.startedAt } })
  })

  it('several tokens made meanwhile look like the successor: none is touched, each is named', async () => {
    const c = w.conns.prefactor
    const old = w.pick('prefactor')
    const lifetime = Date.parse(old.expiresAt!) - Date.parse(old.createdAt!)
    const template = w.sandbox.data.prefactor[0]!.tokens.find((t) => t.id === old.id)!
    const alike = (id: string): PrefactorRecord => ({ ...template, id, status: 'active', inserted_at: new Date().toISOString(), expires_at: new Date(Date.now() + lifetime).toISOString(), secret: `pf_${id}` })
    const ids = ['A'.repeat(32), 'B'.repeat(32)]
    w.sandbox.data.prefactor[0]!.tokens.push(...ids.map(alike))
    w.sandbox.faults.set('prefactor:create', { kind: 'status', status: 500, times: 1 })
    const error = await failed(w.services.rotations.start(c.id, old.id, { secretTo: 'keychain' }))
    expect(error.message).toContain(`Prefactor lists 2 tokens made since then that look like the successor (${ids.join(', ')}); Tokendesk cannot tell which one, if any, it made, so it left them all.`)
    expect(error.message).toContain('A new token may exist')
    for (const id of ids) expect(w.record('prefactor', id)!.status).toBe('active')
    const tokens = w.sandbox.data.prefactor[0]!.tokens
    for (const id of ids) tokens.splice(tokens.findIndex((t) => t.id === id), 1) // not for later tests to pick
  })
})

describe('a process that stopped while creating', () => {
  /** The successor made at the vendor as the stopped process had asked, and the record it left (step 'create', a dead pid). */
  async function stoppedWhileCreating(provider: 'mpt' | 'prefactor'): Promise<{ stuck: Rotation; madeId: string; secret: string }> {
    const c = w.conns[provider]
    const old = w.pick(provider)
    const startedAt = new Date().toISOString()
    const { input } = successorInput(PROVIDERS[provider], old, new Date(startedAt))
    const made = await w.services.actions.create(c.id, input as CreateTokenInput, false)
    const plan = provider === 'mpt' ? { retire: 'disable', finish: 'delete', byHand: false, portalUrl: PROVIDERS.mpt.portalUrl } : { retire: 'suspend', finish: 'delete', byHand: false, portalUrl: PROVIDERS.prefactor.portalUrl }
    const stuck = await w.store().put('stopped', () => ({
      id: 'stopped', connectionId: c.id, oldId: old.id, oldName: old.name, successorId: null, state: 'creating', step: 'create', pid: w.deadPid(),
      selfRotation: false, secretTo: 'keychain', overlapUntil: null, plan: plan as Rotation['plan'], startedAt, updatedAt: startedAt, note: null,
    }))
    return { stuck, madeId: made.token.id, secret: made.secret! }
  }

  it('MPT: the successor it made is found and adopted (its secret read again), so the rotation reaches its overlap', async () => {
    const { stuck, madeId, secret } = await stoppedWhileCreating('mpt')
    const second = await w.open()
    const [resumed] = await second.rotations.resume()
    expect(resumed).toMatchObject({ id: stuck.id, state: 'overlap', step: null, successorId: madeId })
    expect(w.keychain.entries.get(TokenSecrets.account(w.conns.mpt.id, madeId))).toBe(secret)
  })

  it('Prefactor: the successor it made is found, and removed — its secret died with the process', async () => {
    const { stuck, madeId } = await stoppedWhileCreating('prefactor')
    const second = await w.open()
    const [resumed] = await second.rotations.resume()
    expect(resumed).toMatchObject({ id: stuck.id, state: 'rolled-back', successorId: madeId, leftBehind: null })
    expect(resumed!.note).toMatch(/^Tokendesk stopped while creating a successor \(at .* UTC\)\. Prefactor made the new token \w+ anyway, .* was removed; the old token is untouched\.$/)
    expect(w.record('prefactor', madeId)).toBeUndefined()
  })
})
