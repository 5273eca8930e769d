import { readFile } from 'node:fs/promises'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Connection } from '../../../../electron/common/model'
import { createServices, type Services } from '../../../../electron/main/services'
import { silentLogger } from '../../../../electron/main/services/logger'
import { TokenSecrets } from '../../../../electron/main/services/token-secrets'
import { startSandbox, type Sandbox } from '../../../../electron/main/sandbox/server'
import { MemoryClipboard } from '../../../fakes/memory-clipboard'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { connectEachVendor, testHttp } from '../../../support/sandbox-fixture'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

let sandbox: Sandbox
let dir: string
let services: Services
let secrets: MemorySecretStore
const conns: Record<string, Connection> = {}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tokens: 20 } })
})
afterAll(() => sandbox.stop())
beforeEach(async () => {
  dir = await makeTempDir()
  secrets = new MemorySecretStore()
  services = await createServices({ dataDir: dir, secrets, log: silentLogger, http: testHttp(), clipboard: new MemoryClipboard() })
  Object.assign(conns, await connectEachVendor(services, sandbox))
})
afterEach(async () => {
  await services.snapshots.flush()
  await removeDir(dir)
})

describe('token actions and secrets', () => {
  it('creates a token, saves its secret to the keychain, and reads it back later', async () => {
    const c = conns.fynn!
    const created = await services.actions.create(c.id, { provider: 'fynn', description: 'Nightly export', expiresAt: null }, true)
    expect(created.saved).toBe(true)
    expect(secrets.entries.get(TokenSecrets.account(c.id, created.token.id))).toBe(created.secret)
    expect(services.inventory.tokens(c.id).some((t) => t.id === created.token.id)).toBe(true)
    expect(await services.tokenSecrets.availability(c.id, created.token.id)).toEqual({ available: true, source: 'keychain', reason: null })
    expect(await services.tokenSecrets.read(c.id, created.token.id)).toBe(created.secret)
  })

  it('keeps a declined secret in memory only, briefly, for the one-time Copy', async () => {
    const c = conns.prefactor!
    const created = await services.actions.create(c.id, { provider: 'prefactor', tokenScope: 'account', environmentId: null, expiresAt: null }, false)
    expect(created.saved).toBe(false)
    expect([...secrets.entries.values()]).not.toContain(created.secret)
    expect(await services.tokenSecrets.read(c.id, created.token.id)).toBe(created.secret)
  })

  it('explains why a Fynn or Prefactor secret made elsewhere is not available, and accepts an attached one', async () => {
    const c = conns.fynn!
    const token = services.inventory.tokens(c.id)[0]!
    const none = await services.tokenSecrets.availability(c.id, token.id)
    expect(none).toEqual({ available: false, source: null, reason: expect.stringMatching(/only once, when it is created/) })
    await expect(services.tokenSecrets.read(c.id, token.id)).rejects.toMatchObject({ kind: 'not_found' })
    await services.tokenSecrets.save(c.id, token.id, 'fynn_attached_secret')
    expect((await services.tokenSecrets.availability(c.id, token.id)).source).toBe('keychain')
  })

  it('reads MPT secrets from the vendor at the moment they are asked for', async () => {
    const c = conns.mpt!
    const record = sandbox.data.mpt[0]!.tokens[4]!
    expect((await services.tokenSecrets.availability(c.id, record.id)).source).toBe('vendor')
    expect(await services.tokenSecrets.read(c.id, record.id)).toBe(record.token)
  })

  it('updates the inventory from the vendor’s answer and keeps the own-credential mark', async () => {
    const c = conns.mpt!
    const own = services.inventory.tokens(c.id).find((t) => t.isOwnCredential)!
    const disabled = await services.actions.run(c.id, own.id, 'disable')
    expect(disabled).toMatchObject({ status: 'disabled', isOwnCredential: true })
    expect(services.inventory.tokens(c.id).find((t) => t.id === own.id)!.status).toBe('disabled')
    await services.actions.run(c.id, own.id, 'enable')
  })

  it('deletes: removed from the inventory, its stored secret forgotten', async () => {
    const c = conns.fynn!
    // Fynn cannot delete through its API: refused before any call.
    await expect(services.actions.run(c.id, services.inventory.tokens(c.id)[0]!.id, 'delete')).rejects.toMatchObject({ kind: 'validation' })
    const p = conns.prefactor!
    const created = await services.actions.create(p.id, { provider: 'prefactor', tokenScope: 'account', environmentId: null, expiresAt: null }, true)
    await expect(services.actions.run(p.id, created.token.id, 'delete')).rejects.toMatchObject({ message: expect.stringMatching(/Revoke it first/) })
    await services.actions.run(p.id, created.token.id, 'revoke')
    expect(await services.actions.run(p.id, created.token.id, 'delete')).toBeNull()
    expect(services.inventory.tokens(p.id).some((t) => t.id === created.token.id)).toBe(false)
    expect(secrets.entries.has(TokenSecrets.account(p.id, created.token.id))).toBe(false)
  })

  it('enforces the vendor’s state rules in main: a refused action never reaches the vendor', async () => {
    const p = conns.prefactor!
    const active = services.inventory.tokens(p.id).find((t) => t.status === 'active')!
    const m = conns.mpt!
    const enabled = services.inventory.tokens(m.id).find((t) => t.status === 'active' && !t.isOwnCredential)!
    sandbox.resetStats()
    await expect(services.actions.run(p.id, active.id, 'delete')).rejects.toMatchObject({ kind: 'conflict', message: 'Prefactor deletes only revoked tokens. Revoke it first.' })
    await expect(services.actions.run(p.id, active.id, 'activate')).rejects.toMatchObject({ kind: 'conflict', message: 'Cannot activate a token that is active.' })
    await expect(services.actions.run(m.id, enabled.id, 'enable')).rejects.toMatchObject({ kind: 'conflict' })
    expect(sandbox.requests).toEqual([])
    expect((await services.activity.forToken(p.id, active.id)).map((e) => [e.action, e.outcome])).toEqual([['activate', 'error'], ['delete', 'error']])
  })

  it('takes a token through what its vendor needs first: a Prefactor delete revokes, then deletes', async () => {
    const p = conns.prefactor!
    const [one, two, three] = services.inventory.tokens(p.id).filter((t) => t.status === 'active')
    const revoked = (await services.actions.run(p.id, three!.id, 'revoke'))!
    sandbox.resetStats()
    expect(await services.actions.perform(p.id, one!.id, 'delete')).toBeNull()
    const calls = (): string[] => sandbox.requests.map((r) => r.route).filter((r) => r !== 'get')
    expect(calls()).toEqual(['revoke', 'delete'])
    expect(services.inventory.tokens(p.id).some((t) => t.id === one!.id)).toBe(false)
    const results = await services.actions.bulk(p.id, 'delete', [two!.id, revoked.id])
    expect(results.map((r) => [r.tokenId, r.ok])).toEqual([[two!.id, true], [revoked.id, true]])
    expect(calls().sort()).toEqual(['delete', 'delete', 'delete', 'revoke', 'revoke'])
  })

  it('runs a bulk action with a result per token', async () => {
    const p = conns.prefactor!
    const tokens = services.inventory.tokens(p.id)
    const active = tokens.filter((t) => t.status === 'active').slice(0, 3)
    const revoked = (await services.actions.run(p.id, active.pop()!.id, 'revoke'))!
    const results = await services.actions.bulk(p.id, 'suspend', [...active.map((t) => t.id), revoked.id])
    expect(results.map((r) => [r.tokenId, r.ok])).toEqual([...active.map((t) => [t.id, true]), [revoked.id, false]])
    expect(results[2]!.message).toMatch(/Cannot suspend a token that is revoked/)
    for (const t of active) expect(services.inventory.tokens(p.id).find((x) => x.id === t.id)!.status).toBe('suspended')
  })

  it('records every action in a sealed activity log', async () => {
    const p = conns.prefactor!
    const token = services.inventory.tokens(p.id).find((t) => t.status === 'active')!
    await services.actions.run(p.id, token.id, 'suspend')
    await services.actions.run(p.id, token.id, 'suspend').catch(() => undefined)
    const entries = await services.activity.forToken(p.id, token.id)
    expect(entries.map((e) => [e.action, e.outcome])).toEqual([['suspend', 'error'], ['suspend', 'ok']])
    const bytes = await readFile(services.activity.file)
    expect(bytes.includes(Buffer.from(token.id))).toBe(false)
  })
})
