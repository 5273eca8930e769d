/**
 * Two processes on one data folder (the app and a CLI, or two CLIs) rotating at once: the check
 * "no open rotation of this token" is made under the data folder's lock as the record is written,
 * so only one of them makes a successor; and a step is claimed under the lock (the state as read,
 * no step under way elsewhere), so a --finish and an --undo at once never leave no working token.
 */
import { describe, expect, it } from 'vitest'
import { rotationWorld } from './rotation-fixture'

const w = rotationWorld()

describe('two processes rotate the same token at the same moment', () => {
  it('one makes the successor; the other is refused before it asks the vendor', async () => {
    const c = w.conns.mpt
    const old = w.pick('mpt')
    const other = await w.open()
    const before = w.tokenCount('mpt')
    const outcomes = await Promise.allSettled([
      w.services.rotations.start(c.id, old.id, { secretTo: 'keychain' }),
      other.rotations.start(c.id, old.id, { secretTo: 'keychain' }),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult
    expect(refused.reason).toMatchObject({ kind: 'conflict', message: 'This token is already being replaced: continue or undo that rotation first.' })
    expect(w.tokenCount('mpt')).toBe(before + 1)
    const open = (await w.services.rotations.list()).filter((r) => r.oldId === old.id)
    expect(open).toHaveLength(1)
    expect(open[0]).toMatchObject({ state: 'overlap' })
    await other.snapshots.flush()
  })
})

describe('two processes act on one rotation at the same moment', () => {
  it('a --finish and an --undo: one goes through, the other does nothing — never the old token retired and its successor removed', async () => {
    const c = w.conns.mpt
    const old = w.pick('mpt')
    const r = await w.services.rotations.start(c.id, old.id, { secretTo: 'keychain' })
    const other = await w.open()
    const outcomes = await Promise.allSettled([w.services.rotations.retire(r.id), other.rotations.rollBack(r.id)])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult
    expect(refused.reason).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/Nothing was done\.$/) })
    const [oldNow, successorNow] = [w.record('mpt', old.id)?.status, w.record('mpt', r.successorId!)?.status]
    expect([oldNow, successorNow]).toContain('Active') // one token still works
    const record = await w.services.rotations.list().then((all) => all.find((x) => x.id === r.id)!)
    expect(record.step).toBeNull()
    if (oldNow === 'Active') expect(record).toMatchObject({ state: 'rolled-back', note: `The new token ${r.successorId} was removed; the old token is untouched.` })
    else expect(record).toMatchObject({ state: 'retired', note: null })
    await other.snapshots.flush()
  })
})
