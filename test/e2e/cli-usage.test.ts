/**
 * The command line itself, as a real process: per-command options (one a command does not take
 * is refused, naming it), extra arguments refused, short errors with "did you mean", help from
 * the command table, --version; the filters export and connections list were ignoring; tables
 * that fit COLUMNS by display width; a closed stdout; rotations in progress in tokens list,
 * insights and rotations list.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import stringWidth from 'string-width'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProviderId } from '../../electron/common/providers'
import { KeytarSecretStore } from '../../electron/main/services/keytar-secret-store'
import { silentLogger } from '../../electron/main/services/logger'
import { startSandbox, type Sandbox } from '../../electron/main/sandbox/server'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { ROOT } from './harness/app-harness'
import { CLI, runCli, type CliRun } from './harness/cli-process'

let sandbox: Sandbox
let dataDir: string
const ids = {} as Record<ProviderId, string>
const cli = (args: string[], env?: NodeJS.ProcessEnv): Promise<CliRun> => runCli(args, { dataDir, env })
/** No stack frame, ever. */
const noTrace = (run: CliRun) => expect(run.stdout + run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tokens: 12, seed: 7 } })
  const names = sandbox.data.mpt[0]!.tokens
  names[0]!.name = '東京の本番トークン 🚀 deploy'
  names[1]!.name = 'Cafe\u0301 cre\u0300me brule\u0301e — combining marks'
  names[2]!.name = `${'x'.repeat(200)}`
  dataDir = await makeTempDir('tokendesk-usage-')
  for (const provider of ['mpt', 'prefactor'] as const) {
    const run = await runCli(['connections', 'add', '--provider', provider, '--label', provider === 'mpt' ? 'Production' : 'Agents', '--client', 'Acme, Inc.', '--base-url', sandbox.urls[provider], ...(provider === 'mpt' ? ['--account-id', sandbox.data.mpt[0]!.accountId] : [])], {
      input: `${sandbox.data[provider][0]!.credential}\n`,
      dataDir,
    })
    expect(run.code, run.stderr).toBe(0)
    ids[provider] = run.stdout.trim()
  }
  expect((await cli(['tokens', 'list'])).code).toBe(0)
})

afterAll(async () => {
  const keychain = new KeytarSecretStore(silentLogger)
  for (const account of await keychain.list()) if (Object.values(ids).some((id) => account.startsWith(id))) await keychain.delete(account)
  await sandbox.stop()
  await removeDir(dataDir)
})

describe('the command line', () => {
  it('refuses an option the command does not take, extra arguments, and a repeated single option (exit 2, one short line)', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['export', '--format', 'csv', '--out', 'x.csv', '--secret-out', 'y'], /^tokendesk: export does not take --secret-out\.\nSee: tokendesk help export\n$/],
      [['tokens', 'annotate', 'TKN-1', '--csv'], /^tokendesk: tokens annotate does not take --csv\.\nSee: tokendesk help tokens annotate\n$/],
      [['tokens', 'list', 'extra', 'words'], /^tokendesk: tokens list takes no arguments; “extra” “words” is extra\./],
      [['connections', 'test', 'a', 'b'], /^tokendesk: connections test takes <id\|label>; “b” is extra\./],
      [['tokens', 'rotate'], /^tokendesk: tokens rotate needs <token>\./],
      [['tokens', 'list', '--connection', 'a', '--connection', 'b'], /^tokendesk: --connection is given 2 times; give it once\./],
      [['tokens', 'list', '--jsn'], /^tokendesk: tokens list does not take --jsn\. Did you mean “--json”\?\nSee: tokendesk help tokens list/],
      [['tokens', 'lsit'], /^tokendesk: unknown command “tokens lsit”\. Did you mean “tokens list”\?\nSee: tokendesk help tokens\n$/],
      [['conections', 'list'], /^tokendesk: unknown command “conections”\. Did you mean “connections”\?\nSee: tokendesk help\n$/],
      [['export', '--out'], /^tokendesk: --out needs a value \(FILE\)\./],
      [['tokens', 'list', '--json=yes'], /^tokendesk: --json takes no value\./],
      [['tokens', 'list', '--offline', '--status', 'sleeping'], /^tokendesk: --status must be one of: active, disabled, suspended, revoked, deleted\./],
    ]
    for (const [args, expected] of cases) {
      const run = await cli(args)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr, args.join(' ')).toMatch(expected)
      expect(run.stdout).toBe('')
      expect(run.stderr.split('\n').length, 'short, not the whole usage').toBeLessThanOrEqual(3)
      noTrace(run)
    }
  })

  it('help for every command from its table entry, help CMD, CMD --help, --version', async () => {
    const viaHelp = await cli(['help', 'tokens', 'rotate'])
    const viaFlag = await cli(['tokens', 'rotate', '--help'])
    expect(viaHelp.code).toBe(0)
    expect(viaHelp.stdout).toBe(viaFlag.stdout)
    expect(viaHelp.stdout).toMatch(/^Usage: tokendesk tokens rotate <token> \[options\]/)
    for (const option of ['--connection', '--secret-out FILE', '--secret-fd N', '--finish', '--undo', '--yes', '--json', '--data-dir DIR']) expect(viaHelp.stdout).toContain(option)
    expect(viaHelp.stdout).not.toContain('--owner')
    expect(viaHelp.stdout).toMatch(/Exit codes:\n {2}0 /)
    const overview = await cli(['--help'])
    for (const command of ['tokens get', 'tokens create', 'tokens edit', 'tokens disable', 'tokens secret', 'connections set-credential', 'rotations list', 'help [COMMAND]']) expect(overview.stdout).toContain(command)
    const group = await cli(['tokens'])
    expect(group.code).toBe(2)
    expect(group.stderr).toMatch(/^tokendesk: tokens needs a command: list, get, /)
    const version = await cli(['--version'])
    expect([version.code, version.stdout]).toEqual([0, `${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`])
    const unknownTopic = await cli(['help', 'tokens', 'rotat'])
    expect([unknownTopic.code, unknownTopic.stderr]).toEqual([2, expect.stringMatching(/There is no help on “tokens rotat”\. Did you mean “tokens rotate”\?/)])
  })
})

describe('filters and outputs that were ignored', () => {
  it('export takes the list’s filters, and --out - writes to standard output', async () => {
    const [a, b] = sandbox.data.prefactor[0]!.tokens
    for (const [id, owner] of [[a!.id, 'Platform'], [b!.id, 'Data']]) expect((await cli(['tokens', 'annotate', id!, '--owner', owner!, '--tag', 'audit', '--offline'])).code).toBe(0)
    const run = await cli(['export', '--format', 'json', '--out', '-', '--owner', 'platform', '--owner', 'data', '--tag', 'AUDIT', '--offline'])
    expect(run.code, run.stderr).toBe(0)
    const exported = JSON.parse(run.stdout) as { tokens: Array<{ id: string }> }
    expect(exported.tokens.map((t) => t.id).sort()).toEqual([a!.id, b!.id].sort())
    expect(run.stderr).toMatch(/Exported 2 tokens to standard output/)
    const csv = await cli(['export', '--format', 'csv', '--out', '-', '--no-owner', '--connection', 'Agents', '--offline'])
    expect(parse(csv.stdout, { columns: true })).toHaveLength(sandbox.data.prefactor[0]!.tokens.length - 2)
  })

  it('connections list --csv, tokens annotate --json', async () => {
    const csv = await cli(['connections', 'list', '--csv'])
    expect(csv.code).toBe(0)
    const rows = parse(csv.stdout, { columns: true }) as Array<Record<string, string>>
    expect(rows.map((r) => r.label).sort()).toEqual(['Agents', 'Production'])
    expect(rows[0]).toEqual(expect.objectContaining({ client: 'Acme, Inc.', provider: expect.any(String), baseUrl: expect.stringMatching(/^http/) }))
    expect(Object.keys(rows[0]!)).toEqual(['id', 'label', 'client', 'provider', 'baseUrl', 'accountId'])
    const token = sandbox.data.prefactor[0]!.tokens[3]!
    const annotated = await cli(['tokens', 'annotate', token.id, '--notes', 'rotated quarterly', '--json', '--offline'])
    expect(annotated.code, annotated.stderr).toBe(0)
    expect(JSON.parse(annotated.stdout)).toEqual({ connectionId: ids.prefactor, id: token.id, owner: null, tags: [], notes: 'rotated quarterly', displayName: null })
  })
})

describe('tables', () => {
  it('fit COLUMNS by display width (CJK and emoji 2, combining marks 0), shortening names, never ids', async () => {
    const wide = await cli(['tokens', 'list', '--connection', 'Production', '--offline'], {})
    const lines = wide.stdout.trimEnd().split('\n')
    // Piped without COLUMNS: no limit, the 200-character name whole; columns aligned by width.
    expect(wide.stdout).toContain('x'.repeat(200))
    const at = (line: string, word: string) => stringWidth(line.slice(0, line.indexOf(word)))
    const statusColumn = at(lines[0]!, 'STATUS')
    for (const line of lines.slice(1)) expect(stringWidth(line.slice(0, line.search(/ (active|disabled|deleted)/) + 1))).toBe(statusColumn)

    const narrow = await cli(['tokens', 'list', '--connection', 'Production', '--offline'], { COLUMNS: '120' })
    const rows = narrow.stdout.trimEnd().split('\n')
    for (const line of rows) expect(stringWidth(line), line).toBeLessThanOrEqual(120)
    expect(narrow.stdout).toContain('…')
    for (const t of sandbox.data.mpt[0]!.tokens) expect(narrow.stdout).toContain(t.id)
    const tokyo = rows.find((l) => l.includes(sandbox.data.mpt[0]!.tokens[0]!.id))!
    expect(tokyo).toMatch(/東京/)
  })

  it('a closed standard output (tokendesk tokens list | head -1) ends the run quietly, with its own exit code', async () => {
    // insights writes line by line: every line after the first meets the closed pipe.
    for (const command of [['--help'], ['tokens', 'list'], ['tokens', 'insights']]) {
      const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, ...command, ...(command[0] === '--help' ? [] : ['--offline'])], { env: { ...process.env, TOKENDESK_DATA_DIR: dataDir } })
        child.stdout.destroy() // the reader is gone before the first line
        let stderr = ''
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
        child.on('close', (code) => resolve({ code, stderr }))
      })
      expect(run.stderr, command.join(' ')).not.toMatch(/EPIPE|Error|\n\s+at /)
      expect(run.code, command.join(' ')).toBe(0)
    }
  })
})

describe('rotations in progress', () => {
  it('are marked in tokens list (a field in --json and --csv), counted and listed in insights, and listed by rotations list', async () => {
    const old = sandbox.data.prefactor[0]!.tokens.find((t) => t.status === 'active' && t.secret !== sandbox.data.prefactor[0]!.credential)!
    const start = await cli(['tokens', 'rotate', old.id, '--connection', 'Agents', '--json'])
    expect(start.code, start.stderr).toBe(0)
    const r = JSON.parse(start.stdout) as { id: string; successorId: string }
    const rows = JSON.parse((await cli(['tokens', 'list', '--connection', 'Agents', '--json', '--offline'])).stdout) as Array<{ id: string; rotation: unknown }>
    expect(rows.find((t) => t.id === old.id)!.rotation).toEqual({ id: r.id, state: 'overlap', role: 'old', other: r.successorId })
    expect(rows.find((t) => t.id === r.successorId)!.rotation).toEqual({ id: r.id, state: 'overlap', role: 'successor', other: old.id })
    expect(rows.filter((t) => t.rotation !== null)).toHaveLength(2)
    const table = (await cli(['tokens', 'list', '--connection', 'Agents', '--offline'])).stdout
    // The successor's row names the old id too ("replaces …"): find each row by its own id column.
    const rowOf = (id: string) => table.split('\n').find((l) => new RegExp(`\\sprefactor\\s+${id}\\s`).test(l))
    expect(rowOf(old.id)).toContain(`↻ being replaced by ${r.successorId} (overlap)`)
    expect(rowOf(r.successorId)).toContain(`↻ replaces ${old.id} (overlap)`)
    const csv = parse((await cli(['tokens', 'list', '--connection', 'Agents', '--csv', '--offline'])).stdout, { columns: true }) as Array<Record<string, string>>
    expect(csv.find((t) => t.id === r.successorId)!.rotation).toBe(`replaces ${old.id} (overlap)`)

    const insights = JSON.parse((await cli(['tokens', 'insights', '--json', '--offline'])).stdout) as { beingReplaced: Array<{ id: string; successorId: string }> }
    expect(insights.beingReplaced).toEqual([expect.objectContaining({ id: old.id, successorId: r.successorId, state: 'overlap', connection: 'Agents' })])
    const text = (await cli(['tokens', 'insights', '--offline'])).stdout
    expect(text).toMatch(/^Being replaced\s+1$/m)
    expect(text).toMatch(new RegExp(`Being replaced:\\nCONNECTION.*\\nAgents\\s+${old.id}`))

    const open = await cli(['rotations', 'list'])
    expect(open.stdout).toMatch(new RegExp(`^${r.id}\\s+Agents\\s+${old.id}\\s+.*overlap`, 'm'))
    // A narrow terminal shortens names and notes, never an id (the rotation's is what a report quotes).
    expect((await cli(['rotations', 'list'], { COLUMNS: '40' })).stdout).toMatch(new RegExp(`^${r.id}\\s+Agents\\s+${old.id}\\s`, 'm'))
    expect((await cli(['tokens', 'rotate', old.id, '--connection', 'Agents', '--undo', '--yes'])).code).toBe(0)
    expect(JSON.parse((await cli(['rotations', 'list', '--json'])).stdout)).toEqual([])
    expect((JSON.parse((await cli(['rotations', 'list', '--all', '--json'])).stdout) as Array<{ state: string }>).map((x) => x.state)).toEqual(['rolled-back'])
  })

  it('rotating a suspended token is confirmed first: refused without a terminal unless --yes', async () => {
    const t = sandbox.data.prefactor[0]!.tokens.find((x) => x.status === 'suspended')!
    const count = sandbox.data.prefactor[0]!.tokens.length
    const refused = await cli(['tokens', 'rotate', t.id, '--connection', 'Agents'])
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringMatching(/Rotate .* in “Agents” \(Acme, Inc\.\)\? It is suspended\. This needs your confirmation/)])
    expect(sandbox.data.prefactor[0]!.tokens.length).toBe(count)
    const done = await cli(['tokens', 'rotate', t.id, '--connection', 'Agents', '--yes'])
    expect(done.code, done.stderr).toBe(0)
    expect(sandbox.data.prefactor[0]!.tokens.length).toBe(count + 1)
  })
})
