import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mptAdapter } from '../../../../electron/main/providers/mpt'
import { startSandbox, type Sandbox } from '../../../../electron/main/sandbox/server'
import { contextFor, failure } from '../../../support/sandbox-fixture'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tokens: 30, accounts: { mpt: 2 } } })
})
afterAll(() => sandbox.stop())

const secretsOf = (account: number): string[] => sandbox.data.mpt[account]!.tokens.map((t) => t.token)

describe('MPT adapter over the sandbox', () => {
  it('lists every token with audit data, marks its own, and keeps no secret', async () => {
    const ctx = contextFor(sandbox, 'mpt')
    const tokens = await mptAdapter.list(ctx)
    const records = sandbox.data.mpt[0]!.tokens
    expect(tokens).toHaveLength(records.length)
    const own = tokens.filter((t) => t.isOwnCredential)
    expect(own.map((t) => t.id)).toEqual([records[0]!.id])
    const sample = records[5]!
    const mapped = tokens.find((t) => t.id === sample.id)!
    expect(mapped).toMatchObject({
      provider: 'mpt',
      name: sample.name,
      status: sample.status.toLowerCase(),
      createdAt: sample.audit.created.at,
      createdBy: { id: sample.audit.created.by.id, name: sample.audit.created.by.name },
      lastUsedAt: sample.lastAccessAt,
      expiresAt: null,
      scope: sample.modules.map((m) => m.name),
    })
    const text = JSON.stringify(tokens)
    for (const secret of secretsOf(0)) expect(text).not.toContain(secret)
  })

  it('shares one account, module and person object among a list’s tokens (a refresh keeps them all)', async () => {
    const tokens = await mptAdapter.list(contextFor(sandbox, 'mpt'))
    const accounts = new Set(tokens.map((t) => t.vendor.account))
    expect(accounts.size).toBe(1)
    expect([...accounts][0]).toEqual({ id: sandbox.data.mpt[0]!.accountId, name: sandbox.data.mpt[0]!.accountName })
    const creators = tokens.map((t) => t.createdBy!)
    const distinct = new Set(creators.map((c) => `${c.id}|${c.name}`))
    expect(new Set(creators).size).toBe(distinct.size)
    const modules = tokens.flatMap((t) => t.vendor.modules as Array<{ id: string }>)
    expect(new Set(modules).size).toBe(new Set(modules.map((m) => m.id)).size)
    // Shared, yet each token still says what it said: its scope is its own modules' names.
    const sample = sandbox.data.mpt[0]!.tokens[7]!
    expect(tokens.find((t) => t.id === sample.id)!.scope).toEqual(sample.modules.map((m) => m.name))
  })

  it('asks for audit data and an explicit page size', async () => {
    sandbox.resetStats()
    await mptAdapter.list(contextFor(sandbox, 'mpt'))
    const lists = sandbox.requests.filter((r) => r.route === 'list')
    expect(lists.length).toBeGreaterThan(0)
  })

  it('narrows to the connection’s account id with RQL', async () => {
    const mine = await mptAdapter.list(contextFor(sandbox, 'mpt', 0, undefined, { accountId: sandbox.data.mpt[0]!.accountId }))
    expect(mine).toHaveLength(31)
    const other = await mptAdapter.list(contextFor(sandbox, 'mpt', 0, undefined, { accountId: 'ACC-0000-0000' }))
    expect(other).toEqual([])
  })

  it('gets one token, reads its secret, and maps 404', async () => {
    const ctx = contextFor(sandbox, 'mpt')
    const record = sandbox.data.mpt[0]!.tokens[3]!
    expect((await mptAdapter.get!(ctx, record.id)).name).toBe(record.name)
    expect(await mptAdapter.readSecret!(ctx, record.id)).toBe(record.token)
    expect((await failure(mptAdapter.get!(ctx, 'TKN-0000-0000'))).kind).toBe('not_found')
  })

  it('creates (secret shown), edits, disables, enables, refuses a second enable, and deletes', async () => {
    const ctx = contextFor(sandbox, 'mpt', 0, undefined, { accountId: sandbox.data.mpt[0]!.accountId })
    const created = await mptAdapter.create!(ctx, { provider: 'mpt', name: 'New “CI” token', description: 'for tests', moduleIds: ['MOD-1756'] })
    expect(created.secret).toMatch(new RegExp(`^idt:${created.token.id}:`))
    expect(created.token).toMatchObject({ name: 'New “CI” token', status: 'active', scope: ['Billing'] })
    expect(JSON.stringify(created.token)).not.toContain(created.secret!)

    const edited = await mptAdapter.update!(ctx, created.token.id, { name: 'Renamed', description: null, moduleIds: ['MOD-2210', 'MOD-3301'] })
    expect(edited).toMatchObject({ name: 'Renamed', scope: ['Catalog', 'Commerce'] })

    expect((await mptAdapter.changeState!(ctx, created.token.id, 'disable')).status).toBe('disabled')
    expect((await mptAdapter.changeState!(ctx, created.token.id, 'enable')).status).toBe('active')
    const again = await failure(mptAdapter.changeState!(ctx, created.token.id, 'enable'))
    expect(again.kind).toBe('validation')
    expect(again.message).toMatch(/already active/)

    await mptAdapter.delete!(ctx, created.token.id)
    expect((await failure(mptAdapter.get!(ctx, created.token.id))).kind).toBe('not_found')
    expect((await mptAdapter.list(ctx)).some((t) => t.id === created.token.id)).toBe(false)
  })

  it('finds the account id from its own token when the connection has none', async () => {
    const created = await mptAdapter.create!(contextFor(sandbox, 'mpt', 1), { provider: 'mpt', name: 'x', description: null, moduleIds: ['MOD-1756'] })
    expect(created.token.vendor.account).toMatchObject({ id: sandbox.data.mpt[1]!.accountId })
  })

  it('quotes the vendor’s own validation message', async () => {
    const ctx = contextFor(sandbox, 'mpt')
    const error = await failure(mptAdapter.create!(ctx, { provider: 'mpt', name: '', description: null, moduleIds: ['MOD-9999'] }))
    expect(error.kind).toBe('validation')
    expect(error.message).toMatch(/name: The name is required/)
    expect(error.message).toMatch(/modules: Unknown module/)
  })

  it('says the credential was rejected, without echoing it', async () => {
    const ctx = { ...contextFor(sandbox, 'mpt'), credential: 'idt:TKN-0000-0000:wrong-secret-value' }
    const error = await failure(mptAdapter.list(ctx))
    expect(error.kind).toBe('auth')
    expect(error.message).not.toContain('wrong-secret-value')
  })
})
