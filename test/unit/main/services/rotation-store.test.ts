/**
 * The record of rotations on disk (`rotations.sealed`): one that cannot be read is never taken for
 * "no rotations" in silence — an open rotation may have a live successor or an old token still to
 * retire at the vendor. It is set aside (kept, never overwritten) and the user told, once.
 */
import { readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROTATIONS_FILE } from '../../../../electron/main/services/rotation-store'
import { rotationWorld } from './rotation-fixture'

const w = rotationWorld()

describe('a record of rotations that cannot be read', () => {
  it('is set aside and told (the window’s notice, the CLI’s stderr), once; the next rotation starts a new record', async () => {
    const c = w.conns.mpt
    await w.services.rotations.start(c.id, w.pick('mpt').id, { secretTo: 'keychain' })
    await writeFile(path.join(w.dir, ROTATIONS_FILE), 'overwritten by something else')
    const other = await w.open()
    const told = (): string[] => other.notices.filter((n) => n.id.startsWith('rotations-corrupt-')).map((n) => n.message)
    expect(await other.rotations.list()).toEqual([])
    const kept = (await readdir(w.dir)).filter((f) => f.startsWith(`${ROTATIONS_FILE}.corrupt-`))
    expect(kept).toHaveLength(1)
    expect(told()).toEqual([
      `The record of rotations could not be read because it is not a Tokendesk sealed file (truncated or overwritten); Tokendesk starts a new one and kept the old file as ${kept[0]}. ` +
        'A rotation that was under way is no longer tracked: check its connection for a new token nothing uses, or an old token still to retire.',
    ])
    await other.rotations.list()
    const r = await other.rotations.start(c.id, w.pick('mpt', other).id, { secretTo: 'keychain' })
    expect(await other.rotations.list()).toEqual([r])
    expect(told()).toHaveLength(1)
    expect((await readdir(w.dir)).filter((f) => f.startsWith(`${ROTATIONS_FILE}.corrupt-`))).toEqual(kept)
    await other.snapshots.flush()
  })
})
