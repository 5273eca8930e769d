/**
 * Two processes on one data folder (the app and a CLI, or two CLIs) rotating at once: the check
 * "no open rotation of this token" is made under the data folder's lock as the record is written,
 * so only one of them makes a successor.
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
