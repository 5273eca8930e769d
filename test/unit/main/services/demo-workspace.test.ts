import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../electron/main/services'
import { DEMO_CLIENT } from '../../../../electron/main/services/demo-workspace'
import { silentLogger } from '../../../../electron/main/services/logger'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { testHttp } from '../../../support/sandbox-fixture'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

let dir: string
let secrets: MemorySecretStore
const running: Services[] = []
const start = async () => {
  const s = await createServices({ dataDir: dir, secrets, log: silentLogger, http: testHttp() })
  running.push(s)
  return s
}

beforeEach(async () => {
  dir = await makeTempDir()
  secrets = new MemorySecretStore()
})
afterEach(async () => {
  for (const s of running.splice(0)) {
    await s.snapshots.flush()
    await s.demo.stop()
  }
  await removeDir(dir)
})

describe('demo workspace', () => {
  it('adds three labelled demo connections over the embedded sandbox and fills the inventory', async () => {
    const services = await start()
    const demo = await services.demo.start()
    expect(demo.map((c) => [c.provider, c.label, c.client, c.demo])).toEqual([
      ['mpt', 'Contoso', DEMO_CLIENT, true],
      ['fynn', 'Northwind', DEMO_CLIENT, true],
      ['prefactor', 'Fabrikam', DEMO_CLIENT, true],
    ])
    expect(demo.every((c) => /^http:\/\/127\.0\.0\.1:\d+/.test(c.baseUrl))).toBe(true)
    const tokens = services.inventory.tokens()
    expect(tokens.length).toBe(251 + 250 + 250)
    // Varied enough to show every insight.
    expect(tokens.some((t) => t.status === 'disabled')).toBe(true)
    expect(tokens.some((t) => t.lastUsedAt === null && t.provider !== 'fynn')).toBe(true)
    expect(tokens.some((t) => t.expiresAt && Date.parse(t.expiresAt) - Date.now() < 7 * 86_400_000 && Date.parse(t.expiresAt) > Date.now())).toBe(true)
    // Credentials in the keychain like any other connection.
    for (const c of demo) expect(secrets.entries.has(c.id)).toBe(true)
    // Starting again adds nothing.
    expect((await services.demo.start()).map((c) => c.id)).toEqual(demo.map((c) => c.id))
  })

  it('comes back after a restart, on the sandbox’s new ports', async () => {
    const first = await start()
    const before = await first.demo.start()
    await first.snapshots.flush() // as the app does on quit
    await first.demo.stop()
    const again = await start()
    await again.demo.resume()
    const after = again.demo.connections()
    expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id))
    expect(again.inventory.statuses().every((s) => s.state === 'ok' && s.error === null)).toBe(true)
  })

  it('is removed in one step: connections, keychain entries and servers', async () => {
    const services = await start()
    const demo = await services.demo.start()
    await services.demo.remove()
    expect(services.connections.list()).toEqual([])
    for (const c of demo) expect(secrets.entries.has(c.id)).toBe(false)
    await expect(fetch(demo[0]!.baseUrl)).rejects.toThrow()
  })
})
