/**
 * The activity log on disk (`activity.sealed`): one that cannot be read is never shown as an
 * empty Activity tab in silence. It is set aside (kept, never overwritten) and the user told once,
 * on the notice board the window and the CLI show; the next entry starts a new log.
 */
import { readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServices } from '../../../../electron/main/services'
import { silentLogger } from '../../../../electron/main/services/logger'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

let dir: string
let secrets: MemorySecretStore
beforeEach(async () => {
  dir = await makeTempDir()
  secrets = new MemorySecretStore()
})
afterEach(() => removeDir(dir))

const entry = { connectionId: 'c', tokenId: 't', action: 'reveal', outcome: 'ok', detail: null } as const

describe('an activity log that cannot be read', () => {
  it('is set aside and told on the notice board, once; the next entry starts a new log', async () => {
    const first = await createServices({ dataDir: dir, secrets, log: silentLogger })
    await first.activity.record(entry)
    await writeFile(path.join(dir, 'activity.sealed'), 'overwritten by something else')

    const services = await createServices({ dataDir: dir, secrets, log: silentLogger })
    const heard: string[] = []
    services.board.onNotice((n) => heard.push(n.id))
    const told = (): string[] => services.notices.filter((n) => n.id.startsWith('activity-corrupt-')).map((n) => n.message)
    expect(await services.activity.forToken('c', 't')).toEqual([])
    const kept = (await readdir(dir)).filter((f) => f.startsWith('activity.sealed.corrupt-'))
    expect(kept).toHaveLength(1)
    expect(told()).toEqual([
      `The activity log (what was done to each token from Tokendesk) could not be read because it is not a Tokendesk sealed file (truncated or overwritten); ` +
        `Tokendesk starts a new one and kept the old file as ${kept[0]}. A token’s Activity shows only what is done from now on.`,
    ])
    expect(heard).toEqual([`activity-corrupt-${kept[0]}`]) // sent to the window as it happens (app:notice)

    await services.activity.record({ ...entry, action: 'copy' })
    expect((await services.activity.forToken('c', 't')).map((e) => e.action)).toEqual(['copy'])
    expect(told()).toHaveLength(1)
    expect((await readdir(dir)).filter((f) => f.startsWith('activity.sealed.corrupt-'))).toEqual(kept)
  })

  it('a damaged log found while recording is told as well, and the entry is kept in a new log', async () => {
    const services = await createServices({ dataDir: dir, secrets, log: silentLogger })
    await writeFile(path.join(dir, 'activity.sealed'), '{"not":"sealed"}')
    await services.activity.record(entry)
    expect(services.notices.filter((n) => n.id.startsWith('activity-corrupt-'))).toHaveLength(1)
    expect((await services.activity.forToken('c', 't')).map((e) => e.action)).toEqual(['reveal'])
  })
})
