/**
 * Adding a vendor is its folder (adapter), its descriptor and one registry line each side: a
 * throwaway fourth vendor (test/fixtures/fourth-vendor/) added that way is spoken by the whole app —
 * connections, validation, refresh, create, its state rules enforced in main, the secret's once-only
 * notice, the portal allowlist, the CLI's usage — with no other file touched.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { acme } from '../../fixtures/fourth-vendor/descriptor'
import { startAcmeApi, type AcmeApi } from '../../fixtures/fourth-vendor/api'
import { MemoryClipboard } from '../../fakes/memory-clipboard'
import { MemorySecretStore } from '../../fakes/memory-secret-store'
import { testHttp } from '../../support/sandbox-fixture'
import { makeTempDir, removeDir } from '../../support/temp-dir'

// The registries as they would read with one more line each.
vi.mock('../../../electron/common/providers', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/common/providers')>()
  const { registryOf } = await import('../../../electron/common/vendors/descriptor')
  const { acme } = await import('../../fixtures/fourth-vendor/descriptor')
  const VENDORS = [...real.VENDORS, acme]
  return { ...real, VENDORS, ...registryOf(VENDORS) }
})
vi.mock('../../../electron/main/providers/registry', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/main/providers/registry')>()
  const { acmeAdapter } = await import('../../fixtures/fourth-vendor/index')
  return { ...real, ADAPTERS: { ...real.ADAPTERS, acme: acmeAdapter } }
})

const { createServices } = await import('../../../electron/main/services')
const { silentLogger } = await import('../../../electron/main/services/logger')
const { createTokenSchema, newConnectionSchema } = await import('../../../electron/common/validation')
const { isAllowedExternalUrl } = await import('../../../electron/main/security')
const { COMMANDS } = await import('../../../electron/main/cli/commands')
const { commandHelp } = await import('../../../electron/main/cli/help')

type Services = Awaited<ReturnType<typeof createServices>>
let api: AcmeApi
let dir: string
let services: Services
let connectionId: string
const provider = acme.id as 'mpt' // the product's ProviderId type knows only the real vendors

beforeAll(async () => {
  api = await startAcmeApi()
})
afterAll(() => api.stop())
beforeEach(async () => {
  dir = await makeTempDir()
  services = await createServices({ dataDir: dir, secrets: new MemorySecretStore(), log: silentLogger, http: testHttp(), clipboard: new MemoryClipboard() })
  const connection = await services.connections.add({ provider, label: 'Keys', client: 'Globex', baseUrl: api.url, accountId: null, credential: api.credential })
  connectionId = connection.id
  await services.inventory.refreshAll()
})
afterEach(async () => {
  await services.snapshots.flush()
  await removeDir(dir)
})

describe('a fourth vendor: folder + descriptor + one registry line', () => {
  it('is a vendor to validation: its connection and its own create form', () => {
    expect(newConnectionSchema.safeParse({ provider, label: 'K', client: '', baseUrl: api.url, accountId: null, credential: 'x' }).success).toBe(true)
    expect(createTokenSchema.parse({ provider, label: ' CI ', expiresAt: null })).toEqual({ provider, label: 'CI', expiresAt: null })
    const bad = createTokenSchema.safeParse({ provider, label: '', expiresAt: null })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]?.message).toBe('Enter a label.')
  })

  it('refreshes, creates, and says its secret is shown only once', async () => {
    expect(services.inventory.tokens(connectionId).map((t) => [t.id, t.status])).toEqual([
      ['k1', 'active'],
      ['k2', 'revoked'],
    ])
    const input = createTokenSchema.parse({ provider, label: 'Nightly', expiresAt: null })
    const created = await services.actions.create(connectionId, input, false)
    expect(created).toMatchObject({ secret: 'acme_s3', token: { name: 'Nightly', status: 'active' } })
    const other = services.inventory.tokens(connectionId).find((t) => t.id === 'k2')!
    expect((await services.tokenSecrets.availability(connectionId, other.id)).reason).toMatch(/^Acme Keys shows a token’s secret only once/)
  })

  it('has its rules enforced in main: a delete of a live key revokes it first; a single delete is refused before any call', async () => {
    api.calls.length = 0
    await expect(services.actions.run(connectionId, 'k1', 'delete')).rejects.toMatchObject({ kind: 'conflict', message: 'Acme Keys deletes only revoked tokens. Revoke it first.' })
    expect(api.calls).toEqual([])
    expect(await services.actions.perform(connectionId, 'k1', 'delete')).toBeNull()
    expect(api.calls).toEqual(['POST /keys/k1/revoke', 'DELETE /keys/k1'])
    expect(services.inventory.tokens(connectionId).some((t) => t.id === 'k1')).toBe(false)
  })

  it('is known to the portal allowlist and the CLI', () => {
    expect(isAllowedExternalUrl('https://console.acme.test/keys')).toBe(true)
    const help = (name: string) => commandHelp(COMMANDS.find((c) => c.name === name)!)
    expect(help('connections add')).toContain('the vendor: mpt, fynn, prefactor, acme')
    // Its create form's fields, from its descriptor, in the CLI's tokens create help.
    expect(help('tokens create')).toMatch(/Acme Keys \(--provider acme\):\n\s+label\s+Label/)
  })
})
