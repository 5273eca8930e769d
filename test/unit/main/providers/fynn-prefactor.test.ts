import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fynnAdapter } from '../../../../electron/main/providers/fynn'
import { prefactorAdapter } from '../../../../electron/main/providers/prefactor'
import { startSandbox, type Sandbox } from '../../../../electron/main/sandbox/server'
import { contextFor, failure } from '../../../support/sandbox-fixture'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tokens: 25, accounts: { fynn: 2, prefactor: 1 } } })
  sandbox.data.fynn[1]!.forbidden = true
})
afterAll(() => sandbox.stop())

describe('Fynn adapter', () => {
  it('lists tokens: name from the description, no state, expiry kept, no secret', async () => {
    const tokens = await fynnAdapter.list(contextFor(sandbox, 'fynn'))
    const records = sandbox.data.fynn[0]!.tokens
    expect(tokens).toHaveLength(records.length)
    for (const t of tokens) {
      const r = records.find((x) => x.id === t.id)!
      expect(t).toMatchObject({ status: 'active', name: r.description || null, description: r.description, expiresAt: r.expiresAt, lastUsedAt: null, scope: [] })
    }
    expect(JSON.stringify(tokens)).not.toContain('fynn_')
  })

  it('creates with both keys present and returns the secret once', async () => {
    const ctx = contextFor(sandbox, 'fynn')
    const never = await fynnAdapter.create!(ctx, { provider: 'fynn', description: 'Billing export', expiresAt: null })
    expect(never.secret).toMatch(/^fynn_/)
    expect(never.token).toMatchObject({ name: 'Billing export', expiresAt: null })
    const listed = (await fynnAdapter.list(ctx)).find((t) => t.id === never.token.id)
    expect(listed).toBeDefined()
    expect(JSON.stringify(listed)).not.toContain(never.secret!)
    const past = await failure(fynnAdapter.create!(ctx, { provider: 'fynn', description: null, expiresAt: '2001-01-01T00:00:00Z' }))
    expect(past.kind).toBe('validation')
    expect(past.message).toMatch(/future/)
  })

  it('names the missing permission on 403', async () => {
    const error = await failure(fynnAdapter.list(contextFor(sandbox, 'fynn', 1)))
    expect(error.kind).toBe('permission')
    expect(error.message).toContain('user:api-token:read')
  })

  it('offers only what Fynn documents', () => {
    expect(Object.entries(fynnAdapter.capabilities).filter(([, v]) => v).map(([k]) => k)).toEqual(['list', 'create'])
  })
})

describe('Prefactor adapter', () => {
  it('lists tokens with scope, account and environment', async () => {
    const tokens = await prefactorAdapter.list(contextFor(sandbox, 'prefactor'))
    const records = sandbox.data.prefactor[0]!.tokens
    expect(tokens).toHaveLength(records.length)
    const r = records[0]!
    expect(tokens.find((t) => t.id === r.id)).toMatchObject({
      name: null,
      description: null,
      status: r.status,
      scope: [r.token_scope],
      createdAt: r.inserted_at,
      lastUsedAt: r.last_used_at,
      expiresAt: r.expires_at,
      vendor: { account_id: r.account_id, environment_id: r.environment_id },
    })
    expect(JSON.stringify(tokens)).not.toContain('pf_')
  })

  it('creates (secret once), suspends, activates, revokes, then deletes — and refuses to delete before revoking', async () => {
    const ctx = contextFor(sandbox, 'prefactor')
    const created = await prefactorAdapter.create!(ctx, { provider: 'prefactor', tokenScope: 'environment', environmentId: null, expiresAt: '2030-01-01T00:00:00Z' })
    expect(created.secret).toMatch(/^pf_/)
    expect(created.token).toMatchObject({ status: 'active', scope: ['environment'], expiresAt: '2030-01-01T00:00:00.000Z' })
    const id = created.token.id
    expect((await prefactorAdapter.get!(ctx, id)).status).toBe('active')
    const early = await failure(prefactorAdapter.delete!(ctx, id))
    expect(early.kind).toBe('validation')
    expect(early.message).toMatch(/Revoke it first/)
    expect((await prefactorAdapter.changeState!(ctx, id, 'suspend')).status).toBe('suspended')
    expect((await prefactorAdapter.changeState!(ctx, id, 'activate')).status).toBe('active')
    expect((await prefactorAdapter.changeState!(ctx, id, 'revoke')).status).toBe('revoked')
    expect((await failure(prefactorAdapter.changeState!(ctx, id, 'activate'))).message).toMatch(/Cannot activate a token that is revoked/)
    await prefactorAdapter.delete!(ctx, id)
    expect((await failure(prefactorAdapter.get!(ctx, id))).kind).toBe('not_found')
  })

  it('sends an idempotency key on every write', async () => {
    const ctx = contextFor(sandbox, 'prefactor')
    const seen: string[] = []
    const http = {
      ...ctx.http,
      request: (req: Parameters<typeof ctx.http.request>[0]) => {
        if (req.method !== 'GET') seen.push(req.headers?.['Idempotency-Key'] ?? 'missing')
        return ctx.http.request(req)
      },
    }
    const c2 = { ...ctx, http } as typeof ctx
    const created = await prefactorAdapter.create!(c2, { provider: 'prefactor', tokenScope: 'account', environmentId: null, expiresAt: null })
    await prefactorAdapter.changeState!(c2, created.token.id, 'revoke')
    await prefactorAdapter.delete!(c2, created.token.id)
    expect(seen).toHaveLength(3)
    for (const key of seen) expect(key).toMatch(/^[0-9a-f-]{36}$/)
    expect(new Set(seen).size).toBe(3)
  })
})
