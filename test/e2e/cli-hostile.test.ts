/* eslint-disable no-control-regex -- these tests look for raw control characters on purpose */
/**
 * The CLI with hostile vendor data and a wrong credential: nothing from a vendor reaches the
 * terminal raw, CSV carries no raw control character, JSON keeps the data exact, a refused
 * credential is not saved unless asked to, and "not reported" is not "never used".
 */
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KeytarSecretStore } from '../../electron/main/services/keytar-secret-store'
import { silentLogger } from '../../electron/main/services/logger'
import { startSandbox, type Sandbox } from '../../electron/main/sandbox/server'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { runCli, type CliRun } from './harness/cli-process'

const EVIL = 'evil\u001b[31mRED\u001b]0;pwned\u0007\u001b[2J'
const SPLIT = 'first line\nsecond line'
/** Anything a terminal would act on: C0 (but the table's own newlines), DEL, C1, bidi controls. */
const RAW = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/

const cli = (args: string[], dataDir: string, input = ''): Promise<CliRun> => runCli(args, { dataDir, input })

let sandbox: Sandbox
let dataDir: string
const ids: string[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tokens: 12, seed: 4 } })
  sandbox.data.mpt[0]!.tokens[1]!.name = EVIL
  sandbox.data.mpt[0]!.tokens[2]!.name = SPLIT
  sandbox.data.fynn[0]!.tokens[0]!.description = null
  sandbox.data.fynn[0]!.tokens[1]!.description = `\u202Egnp.exe`
  dataDir = await makeTempDir('tokendesk-cli-hostile-')
})

afterAll(async () => {
  const keychain = new KeytarSecretStore(silentLogger)
  for (const id of ids) await keychain.delete(id).catch(() => false)
  await sandbox?.stop()
  await removeDir(dataDir)
})

async function add(provider: 'mpt' | 'fynn', label: string, credential: string, extra: string[] = []) {
  const run = await cli(['connections', 'add', '--provider', provider, '--label', label, '--client', `Client ${label}`, '--base-url', sandbox.urls[provider], ...extra], dataDir, `${credential}\n`)
  if (run.code === 0) ids.push(run.stdout.trim())
  return run
}

describe('tokendesk CLI with hostile data', () => {
  it('tests a credential before saving it: a refused one exits 3 and is not saved, unless --no-test', async () => {
    const refused = await add('fynn', 'Wrong', 'eyJ-wrong-credential-value')
    expect(refused.code).toBe(3)
    expect(refused.stderr).toMatch(/Fynn rejected the credential/)
    expect(refused.stderr).toMatch(/--no-test/)
    expect(JSON.parse((await cli(['connections', 'list', '--json'], dataDir)).stdout)).toEqual([])
    const saved = await add('fynn', 'Offline', 'eyJ-wrong-credential-value', ['--no-test'])
    expect(saved.code).toBe(0)
    await cli(['connections', 'remove', 'Offline'], dataDir)
    const ok = await add('mpt', 'Production', sandbox.data.mpt[0]!.credential)
    expect(ok.code, ok.stderr).toBe(0)
    expect(ok.stderr).toMatch(/accepted the credential/)
    expect((await add('fynn', 'Billing', sandbox.data.fynn[0]!.credential)).code).toBe(0)
  })

  it('writes no escape sequence, control character or vendor newline to the terminal', async () => {
    const run = await cli(['tokens', 'list'], dataDir)
    expect(run.code, run.stderr).toBe(0)
    expect(RAW.test(run.stdout)).toBe(false)
    expect(run.stdout).toContain('evil<U+001B>[31mRED<U+001B>]0;pwned<U+0007>')
    expect(run.stdout).toContain('first line<U+000A>second line')
    // One line per token, plus the header.
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1 + 13 + 12)
    // Fynn does not report use: not "never".
    const fynnLine = run.stdout.split('\n').find((l) => l.includes(sandbox.data.fynn[0]!.tokens[3]!.id))!
    expect(fynnLine).toMatch(/not reported/)
  })

  it('keeps JSON exact (and escaped for the terminal): name is the vendor’s or null, with lastUsedReported', async () => {
    const run = await cli(['tokens', 'list', '--json'], dataDir)
    expect(RAW.test(run.stdout)).toBe(false)
    const rows = JSON.parse(run.stdout) as Array<{ id: string; name: string | null; lastUsedReported: boolean; description: string | null }>
    const byId = new Map(rows.map((r) => [r.id, r]))
    expect(byId.get(sandbox.data.mpt[0]!.tokens[1]!.id)!.name).toBe(EVIL)
    expect(byId.get(sandbox.data.mpt[0]!.tokens[2]!.id)!.name).toBe(SPLIT)
    expect(byId.get(sandbox.data.fynn[0]!.tokens[0]!.id)!.name).toBeNull()
    expect(byId.get(sandbox.data.fynn[0]!.tokens[1]!.id)!.description).toBe('\u202Egnp.exe')
    expect(byId.get(sandbox.data.fynn[0]!.tokens[1]!.id)!.lastUsedReported).toBe(false)
    expect(byId.get(sandbox.data.mpt[0]!.tokens[3]!.id)!.lastUsedReported).toBe(true)
  })

  it('writes CSV without raw control characters, escaped as \\u{…}', async () => {
    const run = await cli(['tokens', 'list', '--csv'], dataDir)
    const records = parse(run.stdout, { columns: true }) as Array<Record<string, string>>
    const evil = records.find((r) => r.id === sandbox.data.mpt[0]!.tokens[1]!.id)!
    expect(evil.name).toBe('evil\\u{1B}[31mRED\\u{1B}]0;pwned\\u{7}\\u{1B}[2J')
    expect(records.find((r) => r.id === sandbox.data.mpt[0]!.tokens[2]!.id)!.name).toBe('first line\\u{A}second line')
    expect(records.find((r) => r.id === sandbox.data.fynn[0]!.tokens[0]!.id)!.name).toBe('')
    expect(records[0]).toHaveProperty('lastUsedReported')
    for (const r of records) for (const v of Object.values(r)) expect(/[\u0000-\u001F\u007F-\u009F]/.test(v), v).toBe(false)
  })
})
