/** The built `tokendesk` CLI as a real process, against the sandbox, in the test keyring. */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KeytarSecretStore } from '../../electron/main/services/keytar-secret-store'
import { silentLogger } from '../../electron/main/services/logger'
import { startSandbox, type Sandbox } from '../../electron/main/sandbox/server'
import { filesContaining, makeTempDir, removeDir } from '../support/temp-dir'
import { runCli, type CliRun } from './harness/cli-process'

const outputs: string[] = []

async function cli(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; dataDir: string }): Promise<CliRun> {
  const run = await runCli(args, options)
  outputs.push(run.stdout, run.stderr)
  return run
}

let sandbox: Sandbox
let dataDir: string
const ids: Record<string, string> = {}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tokens: 120 } })
  dataDir = await makeTempDir('tokendesk-cli-')
})

afterAll(async () => {
  const keychain = new KeytarSecretStore(silentLogger)
  for (const id of Object.values(ids)) await keychain.delete(id).catch(() => false)
  await sandbox.stop()
  await removeDir(dataDir)
})

function allSecrets(): string[] {
  return [
    ...sandbox.data.mpt.flatMap((a) => [a.credential, ...a.tokens.map((t) => t.token)]),
    ...sandbox.data.fynn.flatMap((a) => [a.credential, ...a.tokens.map((t) => t.secret)]),
    ...sandbox.data.prefactor.flatMap((a) => [a.credential, ...a.tokens.map((t) => t.secret)]),
  ]
}

describe('tokendesk CLI', () => {
  it('adds one connection per vendor, reading each credential from stdin', async () => {
    const add = async (label: string, provider: 'mpt' | 'fynn' | 'prefactor', client: string) => {
      const run = await cli(['connections', 'add', '--provider', provider, '--label', label, '--client', client, '--base-url', sandbox.urls[provider]], {
        input: `${sandbox.data[provider][0]!.credential}\n`,
        dataDir,
      })
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/)
      ids[label] = run.stdout.trim()
    }
    await add('Production', 'mpt', 'Acme Corp')
    await add('Billing', 'fynn', 'Globex')
    await add('Agents', 'prefactor', 'Globex')
    const list = await cli(['connections', 'list', '--json'], { dataDir })
    expect(JSON.parse(list.stdout).map((c: { label: string }) => c.label).sort()).toEqual(['Agents', 'Billing', 'Production'])
    // The credential went to the keychain, not to a file.
    const keychain = new KeytarSecretStore(silentLogger)
    expect(await keychain.get(ids.Production!)).toBe(sandbox.data.mpt[0]!.credential)
    expect(await filesContaining(dataDir, allSecrets())).toEqual([])
  })

  it('lists a mixed inventory as JSON with exactly the specified keys', async () => {
    const run = await cli(['tokens', 'list', '--json'], { dataDir })
    expect(run.code, run.stderr).toBe(0)
    const rows = JSON.parse(run.stdout) as Array<Record<string, unknown>>
    expect(rows).toHaveLength(121 + 120 + 120)
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['connection', 'client', 'provider', 'id', 'name', 'description', 'status', 'expired', 'createdAt', 'createdBy', 'updatedAt', 'lastUsedAt', 'lastUsedReported', 'expiresAt', 'scope', 'owner', 'tags', 'notes', 'displayName', 'findings', 'rotation'])
      expect(row.rotation).toBeNull()
      expect(row.findings).toEqual([])
      expect(['active', 'disabled', 'deleted', 'suspended', 'revoked']).toContain(row.status)
      expect(row.expired).toBe(typeof row.expiresAt === 'string' && Date.parse(row.expiresAt) < Date.now())
      for (const key of ['createdAt', 'updatedAt', 'lastUsedAt', 'expiresAt']) {
        if (row[key] !== null) expect(row[key]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
      }
      expect(Array.isArray(row.scope)).toBe(true)
    }
    const byProvider = (p: string) => rows.filter((r) => r.provider === p)
    const mptRecord = sandbox.data.mpt[0]!.tokens[7]!
    expect(byProvider('mpt').find((r) => r.id === mptRecord.id)).toMatchObject({
      connection: 'Production',
      client: 'Acme Corp',
      name: mptRecord.name,
      createdBy: mptRecord.audit.created.by.name,
      scope: mptRecord.modules.map((m) => m.name),
      expiresAt: null,
    })
    const fynnRecord = sandbox.data.fynn[0]!.tokens[3]!
    expect(byProvider('fynn').find((r) => r.id === fynnRecord.id)).toMatchObject({ status: 'active', name: fynnRecord.description || null, scope: [], createdBy: null, lastUsedReported: false })
    const pf = sandbox.data.prefactor[0]!.tokens[2]!
    expect(byProvider('prefactor').find((r) => r.id === pf.id)).toMatchObject({ name: null, description: null, status: pf.status, scope: [pf.token_scope], lastUsedReported: true })
  })

  it('filters by client, connection and status, and prints CSV', async () => {
    const globex = JSON.parse((await cli(['tokens', 'list', '--client', 'globex', '--json'], { dataDir })).stdout) as Array<{ client: string }>
    expect(globex).toHaveLength(240)
    const suspended = JSON.parse((await cli(['tokens', 'list', '--connection', 'Agents', '--status', 'suspended', '--json'], { dataDir })).stdout) as Array<{ status: string }>
    expect(suspended.length).toBe(sandbox.data.prefactor[0]!.tokens.filter((t) => t.status === 'suspended').length)
    const csv = await cli(['tokens', 'list', '--connection', 'Billing', '--csv'], { dataDir })
    expect(csv.code).toBe(0)
    expect(csv.stdout.split('\r\n')[0]).toBe('connection,client,provider,id,name,description,status,expired,createdAt,createdBy,updatedAt,lastUsedAt,lastUsedReported,expiresAt,scope,owner,tags,notes,displayName,findings,rotation')
  })

  it('lists in the order it exports, the window’s Connection order: client, connection, then name and id', async () => {
    const ids = (rows: Array<{ connection: string; id: string }>) => rows.map((r) => `${r.connection}/${r.id}`)
    const listed = JSON.parse((await cli(['tokens', 'list', '--offline', '--json'], { dataDir })).stdout) as Array<{ connection: string; id: string }>
    const file = path.join(dataDir, 'order.json')
    expect((await cli(['export', '--format', 'json', '--out', file, '--offline'], { dataDir })).code).toBe(0)
    const exported = (JSON.parse(await readFile(file, 'utf8')) as { tokens: Array<{ connection: string; id: string }> }).tokens
    expect(ids(listed)).toEqual(ids(exported))
    // Acme Corp's connection first, then Globex's two, each by label.
    expect([...new Set(listed.map((r) => r.connection))]).toEqual(['Production', 'Agents', 'Billing'])
  })

  it('annotates a token locally: owner, tags and a display name, listed and exported; a secret-looking note is refused', async () => {
    const token = sandbox.data.prefactor[0]!.tokens[0]!
    const run = await cli(['tokens', 'annotate', token.id, '--owner', 'Platform team', '--tag', 'ci', '--tag', 'prod', '--display-name', 'Deploy bot', '--offline'], { dataDir })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toBe(`Annotated ${token.id} in “Agents” (Globex): display name Deploy bot; owner Platform team; tags ci, prod.\n`)
    const refused = await cli(['tokens', 'annotate', token.id, '--notes', `rotate ${token.secret}`, '--offline'], { dataDir })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/looks like a secret/)
    expect(refused.stderr).not.toContain(token.secret)
    const rows = JSON.parse((await cli(['tokens', 'list', '--connection', 'Agents', '--offline', '--json'], { dataDir })).stdout) as Array<{ id: string; owner: string | null; tags: string[]; notes: string | null; displayName: string | null }>
    expect(rows.find((r) => r.id === token.id)).toMatchObject({ owner: 'Platform team', tags: ['ci', 'prod'], notes: null, displayName: 'Deploy bot' })
    expect(rows.filter((r) => r.owner !== null)).toHaveLength(1)
    const table = (await cli(['tokens', 'list', '--connection', 'Agents', '--offline'], { dataDir })).stdout
    expect(table.split('\n')[0]).toMatch(/NAME\s+OWNER\s+STATUS/)
    expect(table.split('\n').find((l) => l.includes(token.id))).toMatch(/Platform team/)
    const unknown = await cli(['tokens', 'annotate', 'TKN-0000-0000', '--owner', 'x', '--offline'], { dataDir })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/No token “TKN-0000-0000” in the saved inventory/)
  })

  it('imports an audit spreadsheet with a report per row: hostile cells kept inert, duplicates, unknown ids and secrets refused', async () => {
    const [a, b, c, d] = sandbox.data.fynn[0]!.tokens
    const secret = sandbox.data.prefactor[0]!.tokens[1]!.secret
    const csv = [
      '\uFEFFToken ID,Owner,Tags,Notes,Display name',
      `${a!.id},Finance team,billing;prod,"Used by ""the"" ledger, nightly",`,
      `${b!.id},"=HYPERLINK(""http://x"")",ops,,`,
      `${c!.id},Evil\u202Eeman,,,`,
      `${a!.id},Someone else,,,`,
      'TKN-0000-0000,Nobody,,,',
      `${d!.id},,,rotate ${secret},`,
      `,,,,`,
    ].join('\r\n')
    const file = path.join(dataDir, 'audit.csv')
    await writeFile(file, csv)
    const run = await cli(['tokens', 'annotate', '--from-csv', file, '--json', '--offline'], { dataDir })
    expect(run.code, run.stderr).toBe(3)
    const report = JSON.parse(run.stdout) as Array<{ row: number; outcome: string; detail: string }>
    expect(report.map((r) => [r.row, r.outcome])).toEqual([[2, 'annotated'], [3, 'annotated'], [4, 'annotated'], [5, 'duplicate'], [6, 'not_found'], [7, 'refused'], [8, 'refused']])
    expect(report[7 - 2]!.detail).toMatch(/^notes: That looks like a secret/)
    expect(run.stdout + run.stderr).not.toContain(secret)
    expect(run.stderr).toMatch(/^Annotated 3 of 7 rows from /)

    const rows = JSON.parse((await cli(['tokens', 'list', '--connection', 'Billing', '--offline', '--json'], { dataDir })).stdout) as Array<{ id: string; owner: string | null; tags: string[]; notes: string | null }>
    const byId = new Map(rows.map((r) => [r.id, r]))
    expect(byId.get(a!.id)).toMatchObject({ owner: 'Finance team', tags: ['billing', 'prod'], notes: 'Used by "the" ledger, nightly' })
    expect(byId.get(c!.id)?.owner).toBe('Evil\u202Eeman')
    // Shown inert: the table reveals the override; the exported CSV neutralises the formula.
    const table = (await cli(['tokens', 'list', '--connection', 'Billing', '--offline'], { dataDir })).stdout
    expect(table).toContain('Evil<U+202E>eman')
    expect(table).not.toContain('\u202E')
    const exported = (await cli(['tokens', 'list', '--connection', 'Billing', '--offline', '--csv'], { dataDir })).stdout
    expect(exported).toContain(`"'=HYPERLINK(""http://x"")"`)
    expect((await cli(['tokens', 'annotate', '--from-csv', path.join(dataDir, 'missing.csv')], { dataDir })).code).toBe(2)
  })

  it('prints the others (and the failed one as last saved) and exits 3, naming it on stderr', async () => {
    sandbox.faults.set('fynn:list', { kind: 'status', status: 503, retryAfter: 0 })
    try {
      const run = await cli(['tokens', 'list', '--json'], { dataDir })
      expect(run.code).toBe(3)
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/“Billing” \(Globex\) failed: unavailable: .* Showing the inventory as of 20\d\d-/)])
      expect((JSON.parse(run.stdout) as unknown[]).length).toBe(361)
    } finally {
      sandbox.faults.clear()
    }
  })

  it('tests a connection: 0 when it works, 3 when the vendor refuses', async () => {
    expect((await cli(['connections', 'test', 'Production'], { dataDir })).code).toBe(0)
    sandbox.faults.set('mpt:list', { kind: 'status', status: 401 })
    try {
      const run = await cli(['connections', 'test', 'Production'], { dataDir })
      expect(run.code).toBe(3)
      expect(run.stderr).toMatch(/auth: .*rejected the credential/)
    } finally {
      sandbox.faults.clear()
    }
  })

  it('exits 2 on usage errors, with a clear line', async () => {
    const cases: string[][] = [
      ['tokens', 'lost'],
      ['tokens', 'list', '--colour'],
      ['tokens', 'list', '--status', 'sleeping'],
      ['tokens', 'list', '--connection', 'Nope'],
      ['connections', 'add', '--provider', 'github', '--label', 'x', '--base-url', 'https://x.io'],
      ['connections', 'add', '--provider', 'fynn', '--label', 'Bad', '--base-url', 'http://example.com'],
      ['connections', 'add', '--provider', 'fynn', '--label', 'Billing', '--client', 'Globex', '--base-url', 'https://coreapi.io'],
    ]
    for (const args of cases) {
      const run = await cli(args, { dataDir, input: 'some-credential-value\n' })
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr, args.join(' ')).toMatch(/^tokendesk: /)
      expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/) // no stack trace
    }
  })

  it('exits 4 when the keychain is unavailable, and stores nothing', async () => {
    const noBus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/tokendesk', DISPLAY: '' }
    const add = await cli(['connections', 'add', '--provider', 'fynn', '--label', 'Other', '--base-url', sandbox.urls.fynn], { dataDir, input: `${sandbox.data.fynn[0]!.credential}\n`, env: noBus })
    expect(add.code).toBe(4)
    expect(add.stderr).toMatch(/gnome-keyring/)
    const list = await cli(['tokens', 'list', '--json'], { dataDir, env: noBus })
    expect(list.code).toBe(4)
    expect(JSON.parse((await cli(['connections', 'list', '--json'], { dataDir })).stdout)).toHaveLength(3)
  })

  it('removes a connection and its keychain entry', async () => {
    const run = await cli(['connections', 'remove', 'Agents'], { dataDir })
    expect(run.code).toBe(0)
    expect(await new KeytarSecretStore(silentLogger).get(ids.Agents!)).toBeNull()
    expect(JSON.parse((await cli(['connections', 'list', '--json'], { dataDir })).stdout)).toHaveLength(2)
  })

  it('never printed a secret', () => {
    const everything = outputs.join('\n')
    for (const secret of allSecrets()) expect(everything.includes(secret), 'a secret was printed').toBe(false)
  })
})

describe('tokendesk CLI offline, export and review', () => {
  let dir: string
  beforeAll(async () => {
    dir = await makeTempDir('tokendesk-cli5-')
    for (const [label, provider] of [['Production', 'mpt'], ['Billing', 'fynn']] as const) {
      const run = await cli(['connections', 'add', '--provider', provider, '--label', label, '--client', 'Acme', '--base-url', sandbox.urls[provider]], {
        input: `${sandbox.data[provider][0]!.credential}\n`,
        dataDir: dir,
      })
      ids[`${label}-5`] = run.stdout.trim()
    }
  })
  afterAll(() => removeDir(dir))

  it('says there is nothing offline before the first refresh, then lists from the snapshot without any request', async () => {
    const before = await cli(['tokens', 'list', '--offline', '--json'], { dataDir: dir })
    expect(before.code).toBe(3)
    expect(before.stderr).toMatch(/no inventory is saved for offline use yet/)
    const online = JSON.parse((await cli(['tokens', 'list', '--json'], { dataDir: dir })).stdout) as unknown[]
    sandbox.resetStats()
    const offline = await cli(['tokens', 'list', '--offline', '--json'], { dataDir: dir })
    expect(offline.code).toBe(0)
    expect(JSON.parse(offline.stdout)).toEqual(online)
    expect(offline.stderr).toMatch(/“Production” \(Acme\): offline, inventory as of 20\d\d-/)
    expect(sandbox.stats().total).toBe(0)
  })

  it('exports CSV and JSON stamped with the snapshot time', async () => {
    const csvFile = path.join(dir, 'out.csv')
    const run = await cli(['export', '--format', 'csv', '--out', csvFile, '--offline'], { dataDir: dir })
    expect(run.code, run.stderr).toBe(0)
    const { readFile } = await import('node:fs/promises')
    const lines = (await readFile(csvFile, 'utf8')).trim().split('\r\n')
    expect(lines[0]).toMatch(/,scope,owner,tags,notes,displayName,findings,snapshotAt$/)
    expect(lines).toHaveLength(1 + 121 + 120)
    const jsonFile = path.join(dir, 'out.json')
    expect((await cli(['export', '--format', 'json', '--out', jsonFile, '--connection', 'Billing', '--offline'], { dataDir: dir })).code).toBe(0)
    const json = JSON.parse(await readFile(jsonFile, 'utf8')) as { exportedAt: string; tokens: Array<{ snapshotAt: string; connection: string }> }
    expect(json.tokens).toHaveLength(120)
    expect(json.tokens.every((t) => t.connection === 'Billing' && /^20\d\d-/.test(t.snapshotAt))).toBe(true)
    expect((await cli(['export', '--format', 'xml', '--out', jsonFile], { dataDir: dir })).code).toBe(2)
  })

  it('prints insights from the same module as the window', async () => {
    const run = await cli(['tokens', 'insights', '--json', '--offline'], { dataDir: dir })
    expect(run.code, run.stderr).toBe(0)
    const insights = JSON.parse(run.stdout) as { total: number; byProvider: Record<string, number>; usageUnknown: number }
    expect(insights.total).toBe(241)
    expect(insights.byProvider).toEqual({ mpt: 121, fynn: 120, prefactor: 0 })
    expect(insights.usageUnknown).toBe(120)
    expect((await cli(['tokens', 'insights', '--offline'], { dataDir: dir })).stdout).toMatch(/Expiring within 7 days\s+\d+/)
  })

  it('marks a review, then shows what changed since', async () => {
    expect((await cli(['tokens', 'diff'], { dataDir: dir })).code).toBe(2)
    expect((await cli(['review', 'mark'], { dataDir: dir })).code).toBe(0)
    const victim = sandbox.data.fynn[0]!.tokens[0]!
    sandbox.data.fynn[0]!.tokens.splice(0, 1)
    const changed = sandbox.data.mpt[0]!.tokens[3]!
    changed.status = changed.status === 'Active' ? 'Disabled' : 'Active'
    const run = await cli(['tokens', 'diff', '--json'], { dataDir: dir })
    expect(run.code, run.stderr).toBe(0)
    const diff = JSON.parse(run.stdout) as { removed: Array<{ id: string }>; changed: Array<{ token: { id: string }; changes: Array<{ field: string }> }> }
    expect(diff.removed.map((t) => t.id)).toContain(victim.id)
    expect(diff.changed.find((c) => c.token.id === changed.id)?.changes.map((c) => c.field)).toEqual(['status'])
    const text = await cli(['tokens', 'diff', '--offline'], { dataDir: dir })
    expect(text.stdout).toMatch(/^Since the review of .*: 0 added, 1 removed, 1 changed/)
  })
})
