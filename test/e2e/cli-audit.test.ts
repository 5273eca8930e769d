/* eslint-disable no-control-regex -- these tests look for raw control characters on purpose */
/**
 * `tokendesk audit` as a real process against the sandbox, with tokens whose dates are set so
 * each rule's finding is known: exit 0 / 1 / 2 / 3 / 4 online and --offline, --fail-on, --json
 * and --csv rows, --policy FILE from the caller's directory (never written), hostile vendor and
 * user text kept off the terminal raw, and `tokens list --json`'s findings ids.
 */
import { parse } from 'csv-parse/sync'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import stringWidth from 'string-width'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KeytarSecretStore } from '../../electron/main/services/keytar-secret-store'
import { silentLogger } from '../../electron/main/services/logger'
import { startSandbox, type Sandbox } from '../../electron/main/sandbox/server'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { runCli, type CliRun } from './harness/cli-process'

const DAY = 86_400_000
const HOUR = 3_600_000
const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/tokendesk', DISPLAY: '' }
/** Anything a terminal would act on: C0 (but newlines), DEL, C1, bidi controls. */
const RAW = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/
/** CSV keeps text exact but its control characters (export-format.ts). */
const RAW_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/
const HOSTILE = 'Nightly \u202Egnp.exe\u001b[2J'
const OWNER = 'Evil\u202Eeman'

/** Each rule this file's tokens break, by policy (see beforeAll). */
const ERRORS_AND_WARNINGS = { version: 1, rules: { maxAgeDays: 365, unusedDays: 90, expiringWithinDays: 30 } }
const WARNINGS_ONLY = { version: 1, rules: { unusedDays: 90, expiringWithinDays: 30 } }
const CLEAN = { version: 1, rules: { maxAgeDays: 5000 } }

let sandbox: Sandbox
let dataDir: string
let work: string
const ids: string[] = []
const t = { old: '', idle: '', disabled: '', expiring: '' }

const cli = (args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliRun> => runCli(args, { dataDir, ...options })
const policyFile = (name: string, policy: unknown): Promise<string> => writeFile(path.join(work, name), typeof policy === 'string' ? policy : JSON.stringify(policy)).then(() => path.join(work, name))
const setPolicy = (policy: unknown | null): Promise<void> => (policy === null ? rm(path.join(dataDir, 'policy.json'), { force: true }) : writeFile(path.join(dataDir, 'policy.json'), JSON.stringify(policy)))

interface Row {
  connection: string
  client: string
  provider: string
  id: string
  name: string | null
  owner: string | null
  rule: string
  severity: string
  detail: string
  fixAction: string
  fix: string
  fixUrl: string | null
  connectionId: string
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tokens: 3, seed: 7 } })
  const now = Date.now()
  const iso = (ms: number): string => new Date(ms).toISOString()
  // SoftwareOne (reports last use, no expiry): its own token fine; one 400 days old; one unused for 120 days; one disabled and ancient.
  const [own, old, idle, disabled] = sandbox.data.mpt[0]!.tokens
  const mpt = (r: typeof own, createdDaysAgo: number, usedDaysAgo: number | null, status: 'Active' | 'Disabled' = 'Active') => {
    r!.status = status
    r!.audit.created.at = iso(now - createdDaysAgo * DAY - HOUR)
    r!.lastAccessAt = usedDaysAgo === null ? null : iso(now - usedDaysAgo * DAY - HOUR)
  }
  mpt(own, 10, 0)
  mpt(old, 400, 1)
  old!.name = HOSTILE
  mpt(idle, 200, 120)
  idle!.name = 'Backup job'
  mpt(disabled, 1000, 900, 'Disabled')
  // Fynn (no last use): one expiring in 10 days, the others in 200.
  sandbox.data.fynn[0]!.tokens.forEach((r, i) => {
    r.createdAt = iso(now - 10 * DAY)
    r.expiresAt = iso(now + (i === 0 ? 10 : 200) * DAY)
  })
  Object.assign(t, { old: old!.id, idle: idle!.id, disabled: disabled!.id, expiring: sandbox.data.fynn[0]!.tokens[0]!.id })
  dataDir = await makeTempDir('tokendesk-cli-audit-')
  work = await makeTempDir('tokendesk-cli-audit-work-')
  for (const [provider, label, client] of [['mpt', 'Production', 'Acme Corp'], ['fynn', 'Billing', 'Globex']] as const) {
    const run = await runCli(['connections', 'add', '--provider', provider, '--label', label, '--client', client, '--base-url', sandbox.urls[provider]], { dataDir, input: `${sandbox.data[provider][0]!.credential}\n` })
    expect(run.code, run.stderr).toBe(0)
    ids.push(run.stdout.trim())
  }
})

afterAll(async () => {
  const keychain = new KeytarSecretStore(silentLogger)
  for (const id of ids) await keychain.delete(id).catch(() => false)
  await sandbox?.stop()
  await removeDir(dataDir)
  await removeDir(work)
})

describe('tokendesk audit', () => {
  it('no policy at all: exit 2, saying where to write one, before any vendor call', async () => {
    const run = await cli(['audit'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('No policy: write policy.json in the data folder or pass --policy FILE.')
    expect(run.stderr).toContain(path.join(dataDir, 'policy.json'))
    expect(run.stdout).toBe('')
  })

  it('--offline before any refresh: exit 3, nothing saved to judge', async () => {
    await setPolicy(ERRORS_AND_WARNINGS)
    const run = await cli(['audit', '--offline'])
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/no inventory is saved for offline use yet/)
  })

  it('online: errors exit 1, grouped by client and connection with the total; hostile text shown inert', async () => {
    expect((await cli(['tokens', 'list'])).code).toBe(0)
    const annotated = await cli(['tokens', 'annotate', t.idle, '--connection', 'Production', '--owner', OWNER])
    expect(annotated.code, annotated.stderr).toBe(0)
    const run = await cli(['audit'], { env: { COLUMNS: '120' } })
    expect(run.code, run.stderr).toBe(1)
    expect(RAW.test(run.stdout) || RAW.test(run.stderr)).toBe(false)
    const lines = run.stdout.trimEnd().split('\n')
    // The table and its headings fit COLUMNS (the total is a sentence, wrapped by the terminal).
    for (const line of lines.slice(0, -1)) expect(stringWidth(line), line).toBeLessThanOrEqual(120)
    // Acme Corp's connection first (client order), each with its heading and rows.
    const acme = lines.findIndex((l) => l.startsWith('Acme Corp · “Production” (SoftwareOne Marketplace Platform): 2 findings in 2 tokens'))
    const globex = lines.findIndex((l) => l.startsWith('Globex · “Billing” (Fynn): 1 finding in 1 token'))
    expect(acme).toBeGreaterThanOrEqual(0)
    expect(globex).toBeGreaterThan(acme)
    const oldLine = lines.find((l) => l.includes(t.old))!
    // Names give way first; the detail stays whole.
    expect(oldLine).toMatch(/Nightly .*max-age\s+error\s+created 400 days ago; limit 365\s+Replace$/)
    expect(lines.find((l) => l.includes(t.idle))).toMatch(/Evil<U\+202E>.*unused\s+warning\s+last used 120 days ago; limit 90\s+Disable$/)
    expect(lines.find((l) => l.includes(t.expiring))).toMatch(/expiring\s+warning/)
    expect(run.stdout).not.toContain(t.disabled)
    expect(lines.at(-1)).toBe('3 findings (1 error, 2 warnings) in 3 tokens of 2 connections; 6 usable tokens in 2 connections checked.')
    // Narrower: everything gives way but the ids, the rule and its severity.
    const narrow = (await cli(['audit'], { env: { COLUMNS: '80' } })).stdout.trimEnd().split('\n')
    for (const line of narrow.slice(0, -1)) expect(stringWidth(line), line).toBeLessThanOrEqual(80)
    for (const id of [t.old, t.idle, t.expiring]) expect(narrow.find((l) => l.includes(id))).toMatch(/(max-age|unused|expiring)\s+(error|warning)/)
    // Piped without COLUMNS nothing is cut: the whole name, its escape sequence inert.
    const piped = await cli(['audit'])
    expect(RAW.test(piped.stdout)).toBe(false)
    expect(piped.stdout).toContain('Nightly <U+202E>gnp.exe<U+001B>[2J')
  })

  it('--json: one object per finding with the connection’s label, the rule, its detail and its fix; data exact', async () => {
    const run = await cli(['audit', '--json'])
    expect(run.code).toBe(1)
    expect(RAW.test(run.stdout)).toBe(false)
    const rows = JSON.parse(run.stdout) as Row[]
    expect(rows.map((r) => [r.connection, r.id, r.rule, r.severity])).toEqual([
      ['Production', t.idle, 'unused', 'warning'],
      ['Production', t.old, 'max-age', 'error'],
      ['Billing', t.expiring, 'expiring', 'warning'],
    ])
    expect(rows[1]).toEqual({
      connection: 'Production', client: 'Acme Corp', provider: 'mpt', id: t.old, name: HOSTILE, owner: null, rule: 'max-age', severity: 'error',
      detail: 'created 400 days ago; limit 365', fixAction: 'replace', fix: 'Replace', fixUrl: null, connectionId: ids[0],
    })
    expect(rows[0]).toMatchObject({ name: 'Backup job', owner: OWNER, fixAction: 'retire', fix: 'Disable' })
    expect(rows[2]!.detail).toMatch(/^expires in (9|10) days; limit 30$/)
    // The total goes to stderr: stdout is the document alone.
    expect(run.stderr).toContain('3 findings (1 error, 2 warnings)')
  })

  it('--csv: the same columns, no raw control character', async () => {
    const run = await cli(['audit', '--csv'])
    expect(run.code).toBe(1)
    expect(RAW_CONTROL.test(run.stdout.replace(/\r\n/g, '\n'))).toBe(false)
    const records = parse(run.stdout, { columns: true }) as Array<Record<string, string>>
    expect(Object.keys(records[0]!)).toEqual(['connection', 'client', 'provider', 'id', 'name', 'owner', 'rule', 'severity', 'detail', 'fixAction', 'fix', 'fixUrl', 'connectionId'])
    expect(records.map((r) => r.rule)).toEqual(['unused', 'max-age', 'expiring'])
    expect(records[1]!.name).toBe('Nightly \u202Egnp.exe\\u{1B}[2J')
  })

  it('--offline judges the saved inventory the same way; --connection and --client narrow it', async () => {
    const offline = await cli(['audit', '--offline', '--json'])
    expect(offline.code).toBe(1)
    expect((JSON.parse(offline.stdout) as Row[]).map((r) => r.rule)).toEqual(['unused', 'max-age', 'expiring'])
    const billing = await cli(['audit', '--offline', '--connection', 'Billing', '--json'])
    // Only a warning there: the default --fail-on error passes.
    expect(billing.code).toBe(0)
    expect((JSON.parse(billing.stdout) as Row[]).map((r) => r.rule)).toEqual(['expiring'])
    const acme = await cli(['audit', '--offline', '--client', 'acme corp', '--json'])
    expect((JSON.parse(acme.stdout) as Row[]).map((r) => r.connection)).toEqual(['Production', 'Production'])
  })

  it('warnings only: exit 0, and exit 1 with --fail-on warning; a clean policy: exit 0 and "No findings"', async () => {
    await setPolicy(WARNINGS_ONLY)
    const passes = await cli(['audit'])
    expect(passes.code).toBe(0)
    expect(passes.stdout).toContain('2 findings (0 errors, 2 warnings)')
    const strict = await cli(['audit', '--fail-on', 'warning'])
    expect(strict.code).toBe(1)
    await setPolicy(CLEAN)
    for (const args of [['audit'], ['audit', '--offline', '--fail-on', 'warning']]) {
      const run = await cli(args)
      expect(run.code, args.join(' ')).toBe(0)
      expect(run.stdout).toBe('No findings; 6 usable tokens in 2 connections checked.\n')
    }
    expect(JSON.parse((await cli(['audit', '--json', '--offline'])).stdout)).toEqual([])
  })

  it('--policy FILE from the caller’s directory, read and never written, over policy.json', async () => {
    await setPolicy(CLEAN)
    await mkdir(path.join(work, 'ci'), { recursive: true })
    const file = await policyFile('ci/policy.json', ERRORS_AND_WARNINGS)
    const before = await stat(file)
    const run = await cli(['audit', '--offline', '--policy', 'ci/policy.json', '--json'], { cwd: work })
    expect(run.code, run.stderr).toBe(1)
    expect((JSON.parse(run.stdout) as Row[]).map((r) => r.rule)).toEqual(['unused', 'max-age', 'expiring'])
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs)
    expect(await readFile(file, 'utf8')).toBe(JSON.stringify(ERRORS_AND_WARNINGS))
    expect(await readFile(path.join(dataDir, 'policy.json'), 'utf8')).toBe(JSON.stringify(CLEAN))
  })

  it('a policy file missing, a folder or not valid: exit 2 with its problems, one a line; nothing checked', async () => {
    const missing = await cli(['audit', '--policy', 'nope.json'], { cwd: work })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe(`tokendesk: The policy ${path.join(work, 'nope.json')} cannot be used: the file does not exist.\n`)
    const folder = await cli(['audit', '--policy', work])
    expect(folder.code).toBe(2)
    expect(folder.stderr).toContain('it is a folder, not a file')
    const bad = await policyFile('bad.json', { version: 1, rules: { maxAgeDay: 365, unusedDays: -1 }, clients: { 'Acme\u202ECorp': { requireExpiry: 'yes' } } })
    const invalid = await cli(['audit', '--policy', bad])
    expect(invalid.code).toBe(2)
    expect(invalid.stdout).toBe('')
    expect(RAW.test(invalid.stderr)).toBe(false)
    expect(invalid.stderr.split('\n').filter(Boolean)).toEqual([
      `tokendesk: The policy ${bad} is not valid (3 problems); nothing was checked:`,
      '  rules.unusedDays: expected a whole number of days ≥ 0',
      '  rules.maxAgeDay: unknown rule — did you mean maxAgeDays?',
      expect.stringMatching(/^ {2}clients\.Acme<U\+202E>Corp\.requireExpiry: expected true or false$/),
    ])
    // policy.json in the data folder that does not validate: the same for audit.
    await writeFile(path.join(dataDir, 'policy.json'), '{ "version": 1, "rules": { "maxAgeDays": "a year" } }')
    const own = await cli(['audit', '--offline'])
    expect(own.code).toBe(2)
    expect(own.stderr).toMatch(/is not valid \(1 problem\); nothing was checked:\n {2}rules\.maxAgeDays: /)
    expect(own.stderr.match(/not valid/g)).toHaveLength(1)
  })

  it('usage errors exit 2', async () => {
    await setPolicy(ERRORS_AND_WARNINGS)
    for (const args of [['audit', '--fail-on', 'info'], ['audit', '--json', '--csv'], ['audit', '--connection', 'Nope'], ['audit', 'extra'], ['audit', '--status', 'active']]) {
      const run = await cli([...args, '--offline'])
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stdout).toBe('')
    }
  })

  it('a failing connection: exit 3 even with findings, the others’ and its saved inventory still judged; no keychain: exit 4', async () => {
    sandbox.faults.set('fynn:list', { kind: 'status', status: 503, retryAfter: 0 })
    try {
      const run = await cli(['audit', '--json'])
      expect(run.code).toBe(3)
      expect(run.stderr).toMatch(/“Billing” \(Globex\) failed: unavailable: .* Showing the inventory as of 20\d\d-/)
      expect((JSON.parse(run.stdout) as Row[]).map((r) => r.rule)).toEqual(['unused', 'max-age', 'expiring'])
      const warningsOnly = await cli(['audit', '--connection', 'Billing'])
      expect(warningsOnly.code).toBe(3)
    } finally {
      sandbox.faults.clear()
    }
    for (const args of [['audit'], ['audit', '--offline']]) {
      const run = await cli(args, { env: NO_KEYCHAIN })
      expect(run.code, args.join(' ')).toBe(4)
      expect(run.stderr).toMatch(/keychain is not available/)
    }
  })

  it('tokens list --json/--csv rows and its table carry the ids of the rules each token breaks; --policy there too', async () => {
    await setPolicy(ERRORS_AND_WARNINGS)
    const rows = JSON.parse((await cli(['tokens', 'list', '--offline', '--json'])).stdout) as Array<{ id: string; findings: string[] }>
    const byId = new Map(rows.map((r) => [r.id, r.findings]))
    expect(byId.get(t.old)).toEqual(['max-age'])
    expect(byId.get(t.idle)).toEqual(['unused'])
    expect(byId.get(t.expiring)).toEqual(['expiring'])
    expect(byId.get(t.disabled)).toEqual([])
    // The table: a FINDINGS column while a policy is in force.
    const table = (await cli(['tokens', 'list', '--offline'])).stdout.split('\n')
    expect(table[0]).toMatch(/LAST USED\s+FINDINGS$/)
    expect(table.find((l) => l.includes(t.old))).toMatch(/max-age$/)
    expect(table.find((l) => l.includes(t.disabled))).toMatch(/—$/)
    const clean = await policyFile('clean.json', CLEAN)
    const withFile = JSON.parse((await cli(['tokens', 'list', '--offline', '--json', '--policy', clean])).stdout) as Array<{ findings: string[] }>
    expect(withFile.every((r) => r.findings.length === 0)).toBe(true)
    const csv = parse((await cli(['tokens', 'list', '--offline', '--csv'])).stdout, { columns: true }) as Array<Record<string, string>>
    expect(csv.find((r) => r.id === t.old)!.findings).toBe('max-age')
    const exported = JSON.parse((await cli(['export', '--format', 'json', '--out', '-', '--offline', '--policy', clean])).stdout) as { tokens: Array<{ findings: string[] }> }
    expect(exported.tokens.every((r) => r.findings.length === 0)).toBe(true)
    // A --policy file that does not validate is refused there too (a named file must be right).
    const list = await cli(['tokens', 'list', '--offline', '--policy', 'nope.json'], { cwd: work })
    expect(list.code).toBe(2)
    expect(list.stderr).toContain('cannot be used: the file does not exist')
    // policy.json that does not validate only warns: the list still runs, without findings.
    await writeFile(path.join(dataDir, 'policy.json'), '{ "version": 1, "rules": { "maxAgeDays": -3 } }')
    const warned = await cli(['tokens', 'list', '--offline', '--json'])
    expect(warned.code).toBe(0)
    expect(warned.stderr).toMatch(/is not valid, so no token is checked against it: rules\.maxAgeDays/)
    expect((await cli(['tokens', 'list', '--offline'])).stdout.split('\n')[0]).not.toContain('FINDINGS')
    expect(existsSync(path.join(dataDir, 'policy.json'))).toBe(true)
  })
})
