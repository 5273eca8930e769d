/**
 * The CLI's exact outcome for every failure class (README, "Exit codes"), as a real process:
 * keychain unavailable → 4 with or without --offline; a data folder or export target the
 * operating system refuses → 2 with the path and the system's reason; an offline copy that could
 * not be saved → said, exit 3; an empty result → said on stderr, stdout still valid.
 */
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KeytarSecretStore } from '../../electron/main/services/keytar-secret-store'
import { silentLogger } from '../../electron/main/services/logger'
import { startSandbox, type Sandbox } from '../../electron/main/sandbox/server'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { runCli } from './harness/cli-process'

const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/tokendesk', DISPLAY: '' }
/** A folder no process may write into, root included (sysfs). */
const UNWRITABLE = '/sys/kernel'
const keychain = new KeytarSecretStore(silentLogger)
let sandbox: Sandbox
let dataDir: string
let scratch: string
const ids: string[] = []

beforeAll(async () => {
  // A second Fynn account for the connection added after a crash (one account is connected once).
  sandbox = await startSandbox({ seed: { tokens: 60, accounts: { fynn: 2 } } })
  dataDir = await makeTempDir('tokendesk-outcomes-')
  scratch = await makeTempDir('tokendesk-outcomes-scratch-')
  const add = await runCli(['connections', 'add', '--provider', 'fynn', '--label', 'Billing', '--base-url', sandbox.urls.fynn], { dataDir, input: `${sandbox.data.fynn[0]!.credential}\n` })
  ids.push(add.stdout.trim())
  expect((await runCli(['tokens', 'list'], { dataDir })).code).toBe(0)
})
afterAll(async () => {
  for (const id of ids) await keychain.delete(id).catch(() => false)
  await sandbox.stop()
  await removeDir(dataDir)
  await removeDir(scratch)
})

describe('CLI outcomes', () => {
  it('keychain unavailable: exit 4, online and --offline alike, saying it could not read', async () => {
    for (const args of [['tokens', 'list', '--json'], ['tokens', 'list', '--offline', '--json'], ['tokens', 'insights', '--offline']]) {
      const run = await runCli(args, { dataDir, env: NO_KEYCHAIN })
      expect(run.code, args.join(' ')).toBe(4)
      expect(run.stderr).toMatch(/keychain is not available, so Tokendesk could not read .*gnome-keyring/)
      expect(run.stderr).not.toMatch(/no inventory is saved|nothing was stored/)
    }
  })

  it('a data folder that is a file, or one that cannot be written: exit 2 with the path and the reason', async () => {
    const file = path.join(scratch, 'a-file')
    await writeFile(file, '')
    const list = await runCli(['connections', 'list'], { dataDir: file })
    expect(list.code).toBe(2)
    expect(list.stderr).toContain(`The data folder ${file} cannot be used: not a directory (ENOTDIR)`)
    if (existsSync(UNWRITABLE)) {
      const add = await runCli(['connections', 'add', '--provider', 'fynn', '--label', 'X', '--base-url', sandbox.urls.fynn], { dataDir: UNWRITABLE, input: 'some-credential-1234\n' })
      expect(add.code).toBe(2)
      expect(add.stderr).toMatch(new RegExp(`The data folder ${UNWRITABLE} cannot be used: (operation not permitted|permission denied) \\((EPERM|EACCES)\\)`))
      expect(add.stdout).toBe('')
    }
    for (const run of [list]) expect(run.stderr).not.toMatch(/something went wrong|\n\s+at /)
  })

  it('an export target that cannot be written: exit 2 with the path and the reason; no folder is made', async () => {
    const underFile = path.join(scratch, 'a-file', 'tokens.csv')
    const run = await runCli(['export', '--format', 'csv', '--out', underFile, '--offline'], { dataDir })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`The export file ${underFile} cannot be used: not a directory (ENOTDIR)`)
    const missing = path.join(scratch, 'no-such-folder', 'tokens.csv')
    const second = await runCli(['export', '--format', 'json', '--out', missing, '--offline'], { dataDir })
    expect(second.code).toBe(2)
    expect(second.stderr).toContain(`The export file ${missing} cannot be used: no such file or directory (ENOENT)`)
    expect(existsSync(path.dirname(missing))).toBe(false)
    if (existsSync(UNWRITABLE)) {
      const denied = await runCli(['export', '--format', 'csv', '--out', path.join(UNWRITABLE, 'tokens.csv'), '--offline'], { dataDir })
      expect(denied.code).toBe(2)
      expect(denied.stderr).toMatch(/cannot be used: (permission denied|operation not permitted) \((EACCES|EPERM)\)/)
    }
  })

  it('an empty result says so on stderr; stdout stays valid', async () => {
    const json = await runCli(['tokens', 'list', '--client', 'Nobody', '--offline', '--json'], { dataDir })
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual([])
    expect(json.stderr).toMatch(/no tokens match these filters/)
    const csv = await runCli(['tokens', 'list', '--client', 'Nobody', '--offline', '--csv'], { dataDir })
    expect(csv.stdout.trim().split('\r\n')).toHaveLength(1) // the header only
    expect(csv.stderr).toMatch(/no tokens match/)
    const table = await runCli(['tokens', 'list', '--client', 'Nobody', '--offline'], { dataDir })
    expect(table.stdout).toBe('')
    expect(table.stderr).toMatch(/no tokens match/)
  })

  it('an offline copy that could not be saved is said, and the run fails (exit 3)', async () => {
    const dir = await makeTempDir('tokendesk-outcomes-nosave-')
    try {
      const add = await runCli(['connections', 'add', '--provider', 'fynn', '--label', 'Billing', '--base-url', sandbox.urls.fynn], { dataDir: dir, input: `${sandbox.data.fynn[0]!.credential}\n` })
      ids.push(add.stdout.trim())
      await writeFile(path.join(dir, 'snapshots'), 'a file where the snapshots folder belongs')
      const run = await runCli(['tokens', 'list', '--json'], { dataDir: dir })
      expect(JSON.parse(run.stdout)).toHaveLength(60) // the inventory itself is printed
      expect(run.stderr).toMatch(/The offline copy of “Billing” could not be saved: not a directory \(ENOTDIR\)/)
      expect(run.code).toBe(3)
    } finally {
      await removeDir(dir)
    }
  })

  it('stale lock of a killed writer: the next run takes it over and succeeds', async () => {
    // A lock directory whose owner is gone: never refreshed, so older than the stale time.
    const lock = path.join(dataDir, 'tokendesk.lock')
    await mkdir(lock)
    const { utimes } = await import('node:fs/promises')
    const old = new Date(Date.now() - 60_000)
    await utimes(lock, old, old)
    const run = await runCli(['connections', 'add', '--provider', 'fynn', '--label', 'After a crash', '--base-url', sandbox.urls.fynn], { dataDir, input: `${sandbox.data.fynn[1]!.credential}\n` })
    expect(run.code, run.stderr).toBe(0)
    ids.push(run.stdout.trim())
    expect(existsSync(lock)).toBe(false)
  })
})
