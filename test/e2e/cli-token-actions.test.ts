/**
 * Token actions from the CLI as a real process against the sandbox, in the test keyring: get,
 * create and edit with the vendor's own form fields, state changes and deletes with the window's
 * confirmations (refused without a terminal unless --yes; asked on a real pty), bulk actions by
 * filter with a report per token, connections set-credential, and never a secret on the terminal.
 */
import { spawn } from 'node:child_process'
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProviderId } from '../../electron/common/providers'
import { KeytarSecretStore } from '../../electron/main/services/keytar-secret-store'
import { silentLogger } from '../../electron/main/services/logger'
import { TokenSecrets } from '../../electron/main/services/token-secrets'
import { startSandbox, type Sandbox } from '../../electron/main/sandbox/server'
import { filesContaining, makeTempDir, removeDir } from '../support/temp-dir'
import { CLI, runCli, type CliRun, addVendorConnections, forgetConnections } from './harness/cli-process'

let sandbox: Sandbox
let dataDir: string
let outDir: string
const keychain = new KeytarSecretStore(silentLogger)
const ids = {} as Record<ProviderId, string>
const runs: CliRun[] = []

const cli = async (args: string[], input?: string): Promise<CliRun> => {
  const run = await runCli(args, { dataDir, input })
  runs.push(run)
  return run
}
type Rec = { id: string; status?: string; name?: string; description?: string | null; token?: string; secret?: string; modules?: Array<{ id: string; name: string }> }
const tokens = (p: ProviderId) => sandbox.data[p][0]!.tokens as Rec[]
const byId = (p: ProviderId, id: string) => tokens(p).find((t) => t.id === id)
const used = new Set<string>()
/** An active token no other test here uses (not the connection's own). */
const fresh = (p: ProviderId): string => {
  const t = tokens(p).find((x) => (x.status ?? 'active').toLowerCase() === 'active' && (x.token ?? x.secret) !== sandbox.data[p][0]!.credential && !used.has(x.id))!
  used.add(t.id)
  return t.id
}

/**
 * The CLI on a real terminal (util-linux `script` gives it a pty), typing `answer` at the prompt.
 * What it printed (prompt and all, the answer echoed) and its exit code.
 */
function onTerminal(args: string[], answer: string): Promise<{ code: number; output: string }> {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, TOKENDESK_DATA_DIR: dataDir } })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, output }))
    child.stdin.end(`${answer}\n`)
  })
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tokens: 16 } })
  dataDir = await makeTempDir('tokendesk-actions-')
  outDir = await makeTempDir('tokendesk-actions-out-')
  Object.assign(ids, await addVendorConnections(sandbox, dataDir, ['--client', 'Acme']))
  expect((await cli(['tokens', 'list'])).code).toBe(0)
})

afterAll(async () => {
  await forgetConnections(keychain, ids)
  await sandbox.stop()
  await removeDir(dataDir)
  await removeDir(outDir)
})

describe('tokens get', () => {
  it('shows one token in full, its hidden characters revealed; --json is exact and carries no secret', async () => {
    const t = tokens('mpt')[2]!
    t.name = 'Deploy\u202Ebot\u001b[2J'
    const run = await cli(['tokens', 'get', t.id, '--connection', 'mpt'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^Name\s+Deploy<U\+202E>bot<U\+001B>\[2J$/m)
    expect(run.stdout).toMatch(new RegExp(`^Secret\\s+available \\(vendor\\): tokendesk tokens secret ${t.id} --connection mpt --secret-out FILE$`, 'm')) // a command to copy
    expect(run.stdout.includes('\u001b') || run.stdout.includes('\u202e')).toBe(false)
    const json = JSON.parse((await cli(['tokens', 'get', t.id, '--json'])).stdout) as Record<string, unknown>
    expect(json).toMatchObject({ id: t.id, name: t.name, connectionId: ids.mpt, rotation: null, secret: { available: true, source: 'vendor' } })
    expect(JSON.stringify(json)).not.toContain(t.token!)
    const missing = await cli(['tokens', 'get', 'TKN-0000-0000', '--connection', 'mpt'])
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/^tokendesk: No token “TKN-0000-0000” in the inventory of “mpt” \(Acme\)/)])
  })
})

describe('tokens create and edit', () => {
  it('creates with the vendor’s own fields; the secret goes to the keychain, printed nowhere', async () => {
    const moduleId = tokens('mpt')[0]!.modules![0]!
    const run = await cli(['tokens', 'create', '--connection', 'mpt', '--field', 'name=CI deploy', '--field', `moduleIds=${moduleId.name}`, '--json'])
    expect(run.code, run.stderr).toBe(0)
    const made = JSON.parse(run.stdout) as { id: string; name: string; scope: string[]; secretTo: string }
    expect(made).toMatchObject({ name: 'CI deploy', scope: [moduleId.name], secretTo: 'keychain' })
    const record = byId('mpt', made.id)!
    expect(record.modules!.map((m) => m.id)).toEqual([moduleId.id]) // the name was taken to its id
    expect(await keychain.get(TokenSecrets.account(ids.mpt, made.id))).toBe(record.token)
    expect(run.stdout + run.stderr).not.toContain(record.token!)
  })

  it('a field past its limit is refused in plain words (never zod’s own text), before anything is made', async () => {
    const count = tokens('mpt').length
    const modules = Array.from({ length: 101 }, (_, i) => `MOD-1000-${String(i).padStart(4, '0')}`).join(',')
    const run = await cli(['tokens', 'create', '--connection', 'mpt', '--field', 'name=Too wide', '--field', `moduleIds=${modules}`])
    expect([run.code, run.stderr]).toEqual([2, expect.stringMatching(/^tokendesk: The .* create form was not accepted — moduleIds: Too many modules: at most 100 modules\. See: tokendesk help tokens create\n$/)])
    expect(tokens('mpt').length).toBe(count)
  })

  it('--secret-out: a new 0600 file; a bad field or an existing file is refused before anything is made', async () => {
    const file = path.join(outDir, 'fynn.secret')
    const count = tokens('fynn').length
    const bad = await cli(['tokens', 'create', '--connection', 'fynn', '--field', 'expiresAt=yesterday', '--secret-out', file])
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/“yesterday” is not a date/)])
    const typo = await cli(['tokens', 'create', '--connection', 'fynn', '--field', 'descripton=x'])
    expect([typo.code, typo.stderr]).toEqual([2, expect.stringMatching(/“descripton” is not a field of Fynn’s create form; its fields: description, expiresAt\. Did you mean “description”\?/)])
    expect(tokens('fynn').length).toBe(count)

    const run = await cli(['tokens', 'create', '--connection', 'fynn', '--field', 'description=Nightly export', '--field', 'expiresAt=2099-12-31', '--secret-out', file])
    expect(run.code, run.stderr).toBe(0)
    const id = run.stdout.trim()
    const record = byId('fynn', id)!
    expect(record.description).toBe('Nightly export')
    expect(await readFile(file, 'utf8')).toBe(`${record.secret}\n`)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(await keychain.get(TokenSecrets.account(ids.fynn, id))).toBeNull()
    expect(run.stderr).toContain(`its secret was written to ${file}`)
    const again = await cli(['tokens', 'create', '--connection', 'fynn', '--field', 'description=x', '--secret-out', file])
    expect([again.code, again.stderr]).toEqual([2, expect.stringMatching(/exists; name a new file/)])
    expect(tokens('fynn').length).toBe(count + 1)
    expect(await filesContaining(dataDir, [record.secret!])).toEqual([])
  })

  it('edits with the vendor’s edit form, the rest kept; a vendor without one is refused', async () => {
    const t = tokens('mpt')[4]!
    const modules = t.modules!.map((m) => m.id)
    const run = await cli(['tokens', 'edit', t.id, '--connection', 'mpt', '--field', 'name=Renamed by CLI'])
    expect(run.code, run.stderr).toBe(0)
    expect(byId('mpt', t.id)).toMatchObject({ name: 'Renamed by CLI' })
    expect(byId('mpt', t.id)!.modules!.map((m) => m.id)).toEqual(modules)
    const refused = await cli(['tokens', 'edit', tokens('fynn')[0]!.id, '--connection', 'fynn', '--field', 'description=x'])
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringMatching(/Fynn tokens cannot be edited through its API/)])
  })
})

describe('state changes and deletes', () => {
  it('refuses a change without a terminal unless --yes; an enable needs no confirmation', async () => {
    const id = fresh('mpt')
    const refused = await cli(['tokens', 'disable', id, '--connection', 'mpt'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/^tokendesk: Disable “.*” \(TKN-.*\) in “mpt” \(Acme\)\? This needs your confirmation and there is no terminal to ask on; add --yes/)
    expect(byId('mpt', id)!.status).toBe('Active')
    const done = await cli(['tokens', 'disable', id, '--connection', 'mpt', '--yes', '--json'])
    expect(done.code, done.stderr).toBe(0)
    expect(JSON.parse(done.stdout)).toMatchObject({ id, ok: true, status: 'disabled' })
    expect(byId('mpt', id)!.status).toBe('Disabled')
    const again = await cli(['tokens', 'disable', id, '--connection', 'mpt', '--yes'])
    expect([again.code, again.stderr]).toEqual([0, expect.stringMatching(/Already disabled; nothing to do/)])
    const enabled = await cli(['tokens', 'enable', id, '--connection', 'mpt'])
    expect(enabled.code, enabled.stderr).toBe(0)
    expect(byId('mpt', id)!.status).toBe('Active')
    const unsupported = await cli(['tokens', 'suspend', id, '--connection', 'mpt', '--yes'])
    expect([unsupported.code, unsupported.stderr]).toEqual([2, expect.stringMatching(/cannot suspend tokens through its API/)])
  })

  it('asks on a terminal, naming the token and client: "no" changes nothing (exit 1); yes deletes, revoking first where the vendor needs it', async () => {
    const id = fresh('prefactor')
    const no = await onTerminal(['tokens', 'delete', id, '--connection', 'prefactor'], 'y')
    expect(no.code).toBe(1)
    expect(no.output).toContain(`Delete ${id} in “prefactor” (Acme)?`)
    expect(no.output).toMatch(/deletes only revoked tokens: it will be revoked first, then deleted/)
    expect(no.output).toMatch(/Type yes to confirm:/)
    expect(no.output).toMatch(/Nothing was changed \(type the whole word yes/)
    expect(byId('prefactor', id)).toBeDefined()
    const yes = await onTerminal(['tokens', 'delete', id, '--connection', 'prefactor'], 'yes')
    expect(yes.code, yes.output).toBe(0)
    expect(byId('prefactor', id)).toBeUndefined()
    // The saved inventory follows: an offline list no longer shows it.
    const offline = JSON.parse((await cli(['tokens', 'list', '--connection', 'prefactor', '--offline', '--json'])).stdout) as Array<{ id: string }>
    expect(offline.map((t) => t.id)).not.toContain(id)
  })

  it('warns before disabling the token the connection signs in with', async () => {
    const own = tokens('mpt').find((t) => t.token === sandbox.data.mpt[0]!.credential)!
    const run = await onTerminal(['tokens', 'disable', own.id, '--connection', 'mpt'], 'n')
    expect(run.code).toBe(1)
    expect(run.output).toMatch(/Warning: Tokendesk signs in to “mpt” \(Acme\) with .*After this, Tokendesk loses access/)
    expect(run.output).toMatch(/Continue\? \[y\/N\]/)
    expect(own.status).toBe('Active')
  })
})

describe('bulk actions', () => {
  it('picks tokens with the list’s filters, confirms, reports each; exit 3 when one fails', async () => {
    const [a, b, c] = [fresh('prefactor'), fresh('prefactor'), fresh('prefactor')]
    for (const id of [a, b, c]) expect((await cli(['tokens', 'annotate', id, '--tag', 'batch', '--offline'])).code).toBe(0)
    const unfiltered = await cli(['tokens', 'suspend', '--connection', 'prefactor', '--yes'])
    expect([unfiltered.code, unfiltered.stderr]).toEqual([2, expect.stringMatching(/Say which tokens to suspend: .*--all/)])
    const unconfirmed = await cli(['tokens', 'suspend', '--connection', 'prefactor', '--tag', 'batch'])
    expect([unconfirmed.code, unconfirmed.stderr]).toEqual([2, expect.stringMatching(/Suspend 3 tokens in “prefactor” \(Acme\)\? This needs your confirmation/)])
    expect([a, b, c].map((id) => byId('prefactor', id)!.status)).toEqual(['active', 'active', 'active'])

    sandbox.faults.set('prefactor:suspend', { kind: 'status', status: 500, times: 20 })
    expect((await cli(['tokens', 'suspend', c, '--connection', 'prefactor', '--yes'])).code).toBe(3)
    sandbox.faults.clear()
    sandbox.faults.set('prefactor:suspend', { kind: 'status', status: 400, times: 1 })
    const run = await cli(['tokens', 'suspend', '--connection', 'prefactor', '--tag', 'batch', '--yes', '--json'])
    sandbox.faults.clear()
    expect(run.code, run.stderr).toBe(3)
    const report = JSON.parse(run.stdout) as Array<{ id: string; ok: boolean; message: string | null }>
    expect(report.map((r) => r.id).sort()).toEqual([a, b, c].sort())
    expect(report.filter((r) => !r.ok)).toHaveLength(1)
    expect(report.every((r) => Object.keys(r).join() === 'id,name,ok,message')).toBe(true)
    expect(run.stderr).toMatch(/Suspended 2 of 3 tokens; 1 failed\./)
    const failed = report.find((r) => !r.ok)!.id
    expect([a, b, c].filter((id) => byId('prefactor', id)!.status === 'suspended').sort()).toEqual([a, b, c].filter((id) => id !== failed).sort())

    // Again: the two already suspended are left as they are, the third is done.
    const table = await cli(['tokens', 'suspend', '--connection', 'prefactor', '--tag', 'batch', '--yes'])
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+OUTCOME\s+MESSAGE$/)
    expect(table.stdout.match(/Already suspended; nothing to do/g)).toHaveLength(2)
    expect(byId('prefactor', failed)!.status).toBe('suspended')
  })
})

describe('connections set-credential', () => {
  it('tests the new credential first: a refused one is not saved (exit 3); an accepted one is', async () => {
    const refused = await cli(['connections', 'set-credential', 'fynn'], 'eyJ-not-a-real-credential\n')
    expect(refused.code).toBe(3)
    expect(refused.stderr).toMatch(/Fynn did not accept “fynn”: auth: [^\n]*\nNothing was saved/)
    expect(await keychain.get(ids.fynn)).toBe(sandbox.data.fynn[0]!.credential)
    const ok = await cli(['connections', 'set-credential', 'fynn'], `${sandbox.data.fynn[0]!.credential}\n`)
    expect(ok.code, ok.stderr).toBe(0)
    expect(ok.stderr).toMatch(/ok: Fynn accepted the credential/)
  })
})

describe('every run', () => {
  it('never printed a secret', () => {
    const all = runs.map((r) => r.stdout + r.stderr).join('\n')
    for (const p of ['mpt', 'fynn', 'prefactor'] as const) {
      for (const t of tokens(p)) expect(all.includes((t.token ?? t.secret)!), `${p} ${t.id}`).toBe(false)
    }
  })
})
