/**
 * One query over the inventory (services/token-queries.ts) for the window's rows and the export,
 * and one query↔URL mapping (common/query-url.ts) for the window, Insights and notifications.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { filterFromQuery, inventoryRoute, queryFromFilter, sortFromQuery } from '../../../../electron/common/query-url'
import { DEFAULT_SORT, EMPTY_FILTER, type TokenFilter, type TokenSort } from '../../../../electron/common/token-query'
import type { TokenRow } from '../../../../electron/common/token-meta'
import type { BulkLabelReply, BulkResult } from '../../../../electron/common/tokens'
import { selectionOf } from '../../../../electron/common/token-selection'
import { createDispatcher } from '../../../../electron/main/ipc/dispatcher'
import { createHandlers } from '../../../../electron/main/ipc/handlers'
import { DataLock } from '../../../../electron/main/services/data-lock'
import { SealedFiles } from '../../../../electron/main/services/sealed-file'
import { TokenMetaStore } from '../../../../electron/main/services/token-meta-store'
import { createServices, type Services } from '../../../../electron/main/services'
import { silentLogger } from '../../../../electron/main/services/logger'
import { startSandbox, type Sandbox } from '../../../../electron/main/sandbox/server'
import { MemoryClipboard } from '../../../fakes/memory-clipboard'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { testHttp } from '../../../support/sandbox-fixture'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

describe('query ↔ URL', () => {
  it('round-trips a filter and sort, and falls back on values it does not know', () => {
    const filter: TokenFilter = { ...EMPTY_FILTER, text: 'ci bot', statuses: ['active', 'suspended'], providers: ['fynn'], client: 'Acme', expiry: 'within', expiryDays: 14, usage: 'unused', unusedDays: 30, owners: ['Platform & Ops'], tag: 'prod' }
    const sort: TokenSort = { key: 'name', dir: -1 }
    const query = queryFromFilter(filter, sort)
    expect(filterFromQuery(query)).toEqual(filter)
    expect(sortFromQuery(query)).toEqual(sort)
    const unowned = { ...EMPTY_FILTER, noOwner: true }
    expect(queryFromFilter(unowned, { key: 'owner', dir: 1 })).toEqual({ noowner: '1', sort: 'owner' })
    expect(filterFromQuery(queryFromFilter(unowned, DEFAULT_SORT))).toEqual(unowned)
    expect(filterFromQuery({ owner: '', tag: '', noowner: 'yes' })).toEqual(EMPTY_FILTER)
    expect(filterFromQuery({ status: 'active,bogus', expiry: 'soon', days: '-3', provider: 'nobody' })).toEqual({ ...EMPTY_FILTER, statuses: ['active'] })
    expect(sortFromQuery({ sort: '-password' })).toEqual({ key: 'createdAt', dir: -1 })
  })

  it('builds the routes main opens the window at', () => {
    expect(inventoryRoute({ expiry: 'within', expiryDays: 7 }, { key: 'expiresAt', dir: 1 })).toBe('/inventory?expiry=within&days=7&sort=expiresAt')
    expect(inventoryRoute({})).toBe('/inventory')
    expect(inventoryRoute({ client: 'A&B = C' })).toBe('/inventory?client=A%26B+%3D+C')
  })
})

describe('TokenQueries', () => {
  let sandbox: Sandbox
  let dir: string
  let services: Services
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: { tokens: 30 } })
  })
  afterAll(() => sandbox.stop())
  beforeEach(async () => {
    dir = await makeTempDir()
    services = await createServices({ dataDir: dir, secrets: new MemorySecretStore(), log: silentLogger, http: testHttp(), clipboard: new MemoryClipboard() })
    for (const provider of ['mpt', 'prefactor'] as const) {
      await services.connections.add({ provider, label: provider, client: provider === 'mpt' ? 'Acme' : 'Globex', baseUrl: sandbox.urls[provider], accountId: null, credential: sandbox.data[provider][0]!.credential })
    }
    await services.inventory.refreshAll()
  })
  afterEach(async () => {
    await services.snapshots.flush()
    await removeDir(dir)
  })

  it('gives the window and the export the same rows in the same order', async () => {
    const save = path.join(dir, 'out.json')
    const handlers = createHandlers(services, { version: 'x', platform: 'linux' }, { openExternal: async () => undefined, chooseSavePath: async () => save })
    const filter: TokenFilter = { ...EMPTY_FILTER, statuses: ['active'] }
    const sort: TokenSort = { key: 'name', dir: 1 }
    const selected = services.queries.select(filter, sort).map((t) => t.id)
    expect(selected.length).toBeGreaterThan(10)
    const window = (await handlers['tokens:window']!(filter, sort, 5)) as { rows: Array<{ id: string }>; total: number }
    expect(window).toMatchObject({ total: selected.length })
    expect(window.rows.map((r) => r.id)).toEqual(selected.slice(0, 5))
    expect(services.exporter.rows(filter, sort).map((r) => r.id)).toEqual(selected)
    expect(await handlers['export:save']!('json', filter, sort)).toEqual({ path: save, count: selected.length })
    const saved = JSON.parse(await readFile(save, 'utf8')) as { tokens: Array<{ id: string }> }
    expect(saved.tokens.map((r) => r.id)).toEqual(selected)
    const acme = services.connections.list().find((c) => c.client === 'Acme')!
    expect(new Set(services.queries.select(EMPTY_FILTER, sort, { only: new Set([acme.id]) }).map((t) => t.connectionId))).toEqual(new Set([acme.id]))
  })

  it('joins the user’s metadata onto every row in one place: the window’s rows, an action’s answer, the query and the export', async () => {
    const handlers = createHandlers(services, { version: 'x', platform: 'linux' })
    const mpt = services.connections.list().find((c) => c.provider === 'mpt')!
    const [a, b] = services.inventory.tokens(mpt.id)
    await services.meta.update(mpt.id, [a!.id], { owner: 'Platform team', tags: ['prod'], notes: 'kept by the quokka job', displayName: 'Deployer' })
    await services.meta.addTags(mpt.id, [b!.id], ['prod'])
    const listed = (await handlers['tokens:list']!(mpt.id)) as TokenRow[]
    expect(listed.find((r) => r.id === a!.id)).toMatchObject({ owner: 'Platform team', tags: ['prod'], notes: 'kept by the quokka job', displayName: 'Deployer', vendor: {} })
    expect(listed.find((r) => r.id === b!.id)).toMatchObject({ owner: null, tags: ['prod'], notes: null, displayName: null })
    const acted = (await handlers['tokens:action']!(mpt.id, a!.id, 'disable')) as TokenRow
    expect(acted).toMatchObject({ status: 'disabled', owner: 'Platform team' })
    const sort: TokenSort = { key: 'name', dir: 1 }
    expect(services.queries.select({ ...EMPTY_FILTER, owners: ['platform TEAM'] }, sort).map((t) => t.id)).toEqual([a!.id])
    expect(services.queries.select({ ...EMPTY_FILTER, tag: 'prod' }, sort).map((t) => t.id).sort()).toEqual([a!.id, b!.id].sort())
    expect(services.queries.select({ ...EMPTY_FILTER, text: 'QUOKKA' }, sort).map((t) => t.id)).toEqual([a!.id])
    const unowned = services.queries.select({ ...EMPTY_FILTER, noOwner: true }, sort)
    expect(unowned).toHaveLength(services.inventory.tokens().length - 1)
    const window = (await handlers['tokens:window']!({ ...EMPTY_FILTER, owners: ['Platform team'] }, sort, 10)) as { rows: TokenRow[]; total: number }
    expect(window).toMatchObject({ total: 1, rows: [{ id: a!.id, owner: 'Platform team' }] })
    const exported = services.exporter.rows({ ...EMPTY_FILTER, tag: 'prod' }, sort).map((r) => [r.id, r.owner])
    expect(exported.sort()).toEqual([[a!.id, 'Platform team'], [b!.id, null]].sort())
  })

  it('bulk-edits owners and tags of a selection across connections in one locked write, a result per token, keeping a CLI’s edits made meanwhile', async () => {
    const dispatch = createDispatcher(createHandlers(services, { version: 'x', platform: 'linux' }), { trustedOrigins: ['app://tokendesk/'], log: silentLogger })
    const call = (channel: string, ...args: unknown[]) => dispatch({ url: 'app://tokendesk/index.html', isMainFrame: true }, channel, args)
    const [mpt, prefactor] = ['mpt', 'prefactor'].map((p) => services.connections.list().find((c) => c.provider === p)!)
    const selection = [...services.inventory.tokens(mpt!.id).slice(0, 15), ...services.inventory.tokens(prefactor!.id).slice(0, 10)]
    const keys = selection.map((t) => t.key)
    const crowded = selection[1]!
    await services.meta.update(crowded.connectionId, [crowded.id], { tags: Array.from({ length: 20 }, (_, i) => `t${i}`) })
    const gone = `${mpt!.id}/TKN-0000-0000`
    // A CLI (its own lock and sealed files over the same folder) annotates other tokens meanwhile.
    const lock = new DataLock(dir, { log: silentLogger })
    const cli = new TokenMetaStore(dir, { sealed: new SealedFiles(services.secrets, lock), lock, log: silentLogger })
    const others = services.inventory.tokens(mpt!.id).slice(15, 25)
    const [bulk] = await Promise.all([
      call('meta:bulk', selectionOf([...selection, { connectionId: mpt!.id, id: 'TKN-0000-0000' }]), { owner: 'Platform team', addTags: ['prod', 'prod'] }),
      ...others.map((t, i) => cli.update(mpt!.id, [t.id], { owner: `CLI ${i}` })),
    ])
    // The reply names the tokens not changed, each with why; every other one asked for changed.
    const { failed } = (bulk as { ok: true; value: BulkLabelReply }).value
    expect(failed).toEqual([
      { connectionId: mpt!.id, tokenId: crowded.id, name: crowded.name, ok: false, message: 'It would have more than 20 tags.' },
      { connectionId: mpt!.id, tokenId: 'TKN-0000-0000', name: null, ok: false, message: expect.stringMatching(/No longer in the inventory/) },
    ])
    const results: BulkResult[] = await services.queries.labelMany([...keys, gone], { owner: 'Platform team', addTags: ['prod'] })
    expect(results).toHaveLength(26)
    expect(results.filter((r) => r.ok)).toHaveLength(24)
    expect(results.find((r) => r.tokenId === selection[20]!.id)).toMatchObject({ connectionId: prefactor!.id, ok: true })

    const fresh = new TokenMetaStore(dir, { sealed: new SealedFiles(services.secrets, lock), lock, log: silentLogger })
    await fresh.load()
    for (const t of selection.filter((x) => x !== crowded)) expect(fresh.byKey(t.key), t.key).toMatchObject({ owner: 'Platform team', tags: ['prod'] })
    expect(fresh.byKey(crowded.key)?.owner).toBeNull()
    others.forEach((t, i) => expect(fresh.byKey(t.key)?.owner).toBe(`CLI ${i}`))
    expect(fresh.byKey(gone)).toBeNull()

    // Remove a tag (any case) and clear the owner; a secret as the owner is refused, nothing written.
    expect(await call('meta:bulk', selectionOf(selection.slice(0, 2)), { removeTags: ['PROD'], owner: '' })).toMatchObject({ ok: true })
    expect(services.meta.byKey(keys[0]!)).toBeNull()
    expect(services.meta.byKey(keys[1]!)?.tags).toHaveLength(20)
    const refused = await call('meta:bulk', selectionOf(selection), { owner: 'fynn_a8F3kLm2Qp9Zr7Tx1Vb5Nc4Hd6Jg0Ws8Ye2Ui3Oa' })
    expect(refused).toMatchObject({ ok: false, error: { kind: 'validation', fields: { owner: expect.stringContaining('looks like a secret') } } })
    expect(JSON.stringify(refused)).not.toContain('fynn_a8F3')
    expect(services.meta.byKey(keys[5]!)?.owner).toBe('Platform team')
    expect(await call('meta:bulk', selectionOf(selection), {})).toMatchObject({ ok: false, error: { kind: 'validation' } })
    // A key per token, as the selection travelled before: refused, nothing written.
    expect(await call('meta:bulk', keys, { owner: 'Keys' })).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(services.meta.byKey(keys[5]!)?.owner).toBe('Platform team')
  })

  it('names the owner and display name of a token that disappeared since the review (kept now, else as at the review)', async () => {
    const mpt = services.connections.list().find((c) => c.provider === 'mpt')!
    const [gone, alsoGone, stays] = services.inventory.tokens(mpt.id)
    await services.meta.update(mpt.id, [gone!.id], { owner: 'Platform team', displayName: 'Deploy bot' })
    await services.meta.update(mpt.id, [alsoGone!.id, stays!.id], { owner: 'Data team' })
    await services.review.mark()
    await services.actions.perform(mpt.id, gone!.id, 'delete')
    await services.actions.perform(mpt.id, alsoGone!.id, 'delete')
    await services.meta.update(mpt.id, [alsoGone!.id], { owner: '' }) // cleared after the review
    await services.inventory.refresh(mpt.id)
    const diff = (await services.review.diff())!
    expect(diff.removed.map((t) => [t.id, t.owner, t.displayName]).sort()).toEqual(
      [[gone!.id, 'Platform team', 'Deploy bot'], [alsoGone!.id, 'Data team', null]].sort(),
    )
    expect(diff.added).toEqual([])
  })

  it('records a reveal, a copy and an attached secret once each, in the token’s activity', async () => {
    const handlers = createHandlers(services, { version: 'x', platform: 'linux' })
    const mpt = services.connections.list().find((c) => c.provider === 'mpt')!
    const token = services.inventory.tokens(mpt.id)[3]!
    await handlers['secret:reveal']!(mpt.id, token.id)
    await handlers['secret:copy']!(mpt.id, token.id)
    await handlers['secret:attach']!(mpt.id, token.id, 'idt:attached')
    expect((await services.activity.forToken(mpt.id, token.id)).map((e) => e.action).sort()).toEqual(['attach-secret', 'copy', 'reveal'])
  })
})
