/**
 * One event path from services to windows (ipc/events.ts): what the services announce — a change
 * made here, one another process made in the data folder, a refresh's progress, a notice, the
 * clipboard cleared — reaches `emit` on its channel, and nothing does after stop.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EventChannel } from '../../../../electron/common/ipc-channels'
import { forwardEvents } from '../../../../electron/main/ipc/events'
import { createServices, type Services } from '../../../../electron/main/services'
import { silentLogger } from '../../../../electron/main/services/logger'
import { startSandbox, type Sandbox } from '../../../../electron/main/sandbox/server'
import { MemoryClipboard } from '../../../fakes/memory-clipboard'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { testHttp } from '../../../support/sandbox-fixture'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

let sandbox: Sandbox
let dir: string
let services: Services
let events: Array<[EventChannel, unknown]>
let stop: () => void
const seen = (channel: EventChannel): unknown[] => events.filter(([e]) => e === channel).map(([, p]) => p)
const fynn = (label: string) => ({ provider: 'fynn' as const, label, client: 'Acme', baseUrl: sandbox.urls.fynn, accountId: null, credential: sandbox.data.fynn[0]!.credential })

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tokens: 5 } })
})
afterAll(() => sandbox.stop())
beforeEach(async () => {
  dir = await makeTempDir()
  services = await createServices({ dataDir: dir, secrets: new MemorySecretStore(), log: silentLogger, http: testHttp(), clipboard: new MemoryClipboard() })
  events = []
  stop = forwardEvents(services, (event, payload) => void events.push([event, payload]))
})
afterEach(async () => {
  stop()
  await services.snapshots.flush()
  await removeDir(dir)
})

describe('forwardEvents', () => {
  it('sends what the services announce to the windows, on its channel', async () => {
    const added = await services.connections.add(fynn('Billing'))
    expect(seen('connections:changed')).toEqual([[added]])
    await services.settings.update({ theme: 'dark' })
    expect(seen('settings:changed')).toMatchObject([{ theme: 'dark' }])
    await services.inventory.refresh(added.id)
    expect(seen('inventory:status').map((s) => (s as { state: string }).state)).toEqual(['refreshing', 'ok'])
    expect(seen('inventory:progress').length).toBeGreaterThan(0)
    services.board.post({ id: 'n1', severity: 'warning', message: 'Look.' })
    expect(seen('app:notice')).toEqual([{ id: 'n1', severity: 'warning', message: 'Look.' }])
    await services.clipboard!.copySecret('s3cret', 30)
    await services.clipboard!.clearOnQuit()
    expect(seen('clipboard:cleared')).toEqual([{ reason: 'quit' }])
    await services.connections.remove(added.id)
    expect(seen('connections:changed').at(-1)).toEqual([])
    expect(seen('inventory:forgotten')).toEqual([{ connectionId: added.id }])
  })

  it('tells the windows what another process changed in the data folder', async () => {
    const cli = await createServices({ dataDir: dir, secrets: new MemorySecretStore(), log: silentLogger, http: testHttp() })
    const added = await cli.connections.add(fynn('From a script'))
    await vi.waitFor(() => expect(seen('connections:changed')).toEqual([[added]]), { timeout: 5000, interval: 20 })
    await cli.settings.update({ clipboardClearSec: 45 })
    await vi.waitFor(() => expect(seen('settings:changed')).toMatchObject([{ clipboardClearSec: 45 }]), { timeout: 5000, interval: 20 })
  })

  it('tells the windows of a rotation another process (a CLI) started, as it now is', async () => {
    // One user's keychain: the CLI seals with the same data key.
    const cli = await createServices({ dataDir: dir, secrets: services.secrets, log: silentLogger, http: testHttp() })
    const added = await cli.connections.add(fynn('Rotated from a script'))
    await cli.inventory.refresh(added.id)
    const old = cli.inventory.tokens(added.id).find((t) => t.status === 'active' && t.createdAt && t.expiresAt && !t.isOwnCredential)!
    const r = await cli.rotations.start(added.id, old.id, { secretTo: 'keychain' })
    await vi.waitFor(() => expect(seen('rotation:changed').flat()).toContainEqual(expect.objectContaining({ id: r.id, state: 'overlap' })), { timeout: 5000, interval: 20 })
  })

  it('sends nothing after stop', async () => {
    stop()
    await services.connections.add(fynn('Quiet'))
    services.board.post({ id: 'n2', severity: 'info', message: 'Hush.' })
    expect(events).toEqual([])
  })
})
