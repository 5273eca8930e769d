/**
 * `tokendesk tokens rotate` as a real process against the sandbox, in the test keyring. Secret
 * canaries: the successor's secret reaches the keychain, or the named file (0600) or descriptor,
 * and nothing else — not stdout, stderr, or any file in the data folder.
 */
import { spawn } from 'node:child_process'
import { readFile, stat, writeFile } from 'node:fs/promises'
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

const cli = async (args: string[]): Promise<CliRun> => {
  const run = await runCli(args, { dataDir })
  runs.push(run)
  return run
}
const tokens = (p: ProviderId) => sandbox.data[p][0]!.tokens as Array<{ id: string; status?: string; token?: string; secret?: string }>
const secretOf = (p: ProviderId, id: string): string => {
  const t = tokens(p).find((x) => x.id === id)!
  return (t.token ?? t.secret)!
}
/** An active token no other test here uses. */
const used = new Set<string>()
const fresh = (p: ProviderId): string => {
  const t = tokens(p).find((x) => (x.status ?? 'active').toLowerCase() === 'active' && x.token !== sandbox.data[p][0]!.credential && !used.has(x.id))!
  used.add(t.id)
  return t.id
}

/** No output and no data-folder file holds any of these secrets. */
async function expectNowhere(secrets: string[]): Promise<void> {
  for (const run of runs) for (const s of secrets) expect(run.stdout + run.stderr).not.toContain(s)
  expect(await filesContaining(dataDir, secrets)).toEqual([])
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tokens: 20 }, tokenAuth: true })
  dataDir = await makeTempDir('tokendesk-rotate-')
  outDir = await makeTempDir('tokendesk-rotate-out-')
  Object.assign(ids, await addVendorConnections(sandbox, dataDir))
})

afterAll(async () => {
  await forgetConnections(keychain, ids)
  await sandbox.stop()
  await removeDir(dataDir)
  await removeDir(outDir)
})

describe('tokendesk tokens rotate', () => {
  it('keychain by default; --finish retires (suspend), again deletes; the secret is printed nowhere', async () => {
    const old = fresh('prefactor')
    const start = await cli(['tokens', 'rotate', old, '--connection', 'prefactor', '--json'])
    expect(start.code, start.stderr).toBe(0)
    const r = JSON.parse(start.stdout) as { id: string; state: string; successorId: string }
    expect(r.state).toBe('overlap')
    const secret = secretOf('prefactor', r.successorId)
    expect(await keychain.get(TokenSecrets.account(ids.prefactor, r.successorId))).toBe(secret)
    expect(start.stderr).toMatch(/saved to the keychain/)

    // Each step is confirmed as the window confirms it: without a terminal, refused unless --yes, and nothing changes.
    const unconfirmed = await cli(['tokens', 'rotate', old, '--connection', 'prefactor', '--finish'])
    expect(unconfirmed.code).toBe(2)
    expect(unconfirmed.stderr).toMatch(/Suspend the old token .* in “prefactor”\? This needs your confirmation .* add --yes/)
    expect(tokens('prefactor').find((t) => t.id === old)!.status).toBe('active')
    const retire = await cli(['tokens', 'rotate', old, '--connection', 'prefactor', '--finish', '--yes'])
    expect(retire.code, retire.stderr).toBe(0)
    expect(tokens('prefactor').find((t) => t.id === old)!.status).toBe('suspended')
    const unconfirmedDelete = await cli(['tokens', 'rotate', old, '--connection', 'prefactor', '--finish'])
    expect(unconfirmedDelete.code).toBe(2)
    expect(unconfirmedDelete.stderr).toMatch(/Delete the old token .* This needs your confirmation/)
    expect(tokens('prefactor').some((t) => t.id === old)).toBe(true)
    const finish = await cli(['tokens', 'rotate', old, '--connection', 'prefactor', '--finish', '--yes'])
    expect(finish.code, finish.stderr).toBe(0)
    expect(tokens('prefactor').some((t) => t.id === old)).toBe(false)
    await expectNowhere([secret])
  })

  it('--secret-out: a new file, owner-only, holding the secret; an existing file is refused before anything is made', async () => {
    const file = path.join(outDir, 'fynn.secret')
    const run = await cli(['tokens', 'rotate', fresh('fynn'), '--connection', 'fynn', '--secret-out', file])
    expect(run.code, run.stderr).toBe(0)
    const successorId = run.stdout.split('\t')[2]!.trim()
    const secret = secretOf('fynn', successorId)
    expect(await readFile(file, 'utf8')).toBe(`${secret}\n`)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(await keychain.get(TokenSecrets.account(ids.fynn, successorId))).toBeNull()
    await expectNowhere([secret])

    const taken = path.join(outDir, 'taken.secret')
    await writeFile(taken, 'keep me')
    const count = tokens('fynn').length
    const refused = await cli(['tokens', 'rotate', fresh('fynn'), '--connection', 'fynn', '--secret-out', taken])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/exists; name a new file/)
    expect(await readFile(taken, 'utf8')).toBe('keep me')
    expect(tokens('fynn').length).toBe(count)
  })

  it('--secret-fd: the secret on the caller’s descriptor only; standard output is refused', async () => {
    const old = fresh('mpt')
    const child = spawn(process.execPath, [CLI, 'tokens', 'rotate', old, '--connection', 'mpt', '--secret-fd', '3'], {
      env: { ...process.env, TOKENDESK_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    })
    const read = (i: 1 | 2 | 3): Promise<string> => new Promise((resolve) => {
      let text = ''
      const stream = child.stdio[i] as NodeJS.ReadableStream
      stream.on('data', (d: Buffer) => (text += d.toString()))
      stream.on('end', () => resolve(text))
    })
    const [stdout, stderr, fd3, code] = await Promise.all([read(1), read(2), read(3), new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)))])
    runs.push({ code, stdout, stderr })
    expect(code, stderr).toBe(0)
    const successorId = stdout.split('\t')[2]!.trim()
    expect(fd3).toBe(`${secretOf('mpt', successorId)}\n`)
    await expectNowhere([fd3.trim()])

    const refused = await cli(['tokens', 'rotate', fresh('mpt'), '--connection', 'mpt', '--secret-fd', '1'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/never standard output/)
  })

  it('the connection’s own credential: switched in the keychain, tested, then the old one retired', async () => {
    const own = tokens('mpt').find((t) => t.token === sandbox.data.mpt[0]!.credential)!.id
    const run = await cli(['tokens', 'rotate', own, '--connection', 'mpt'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/The connection now signs in with it/)
    const successorId = run.stdout.split('\t')[2]!.trim()
    expect(await keychain.get(ids.mpt)).toBe(secretOf('mpt', successorId))
    expect((await cli(['tokens', 'rotate', own, '--connection', 'mpt', '--finish', '--yes'])).code).toBe(0)
    expect(tokens('mpt').find((t) => t.id === own)!.status).toBe('Disabled')
    expect((await cli(['connections', 'test', 'mpt'])).code).toBe(0)
    await expectNowhere([secretOf('mpt', successorId)])
  })

  it('a vendor that refuses the create: exit 3, nothing made, no rotation left open', async () => {
    sandbox.faults.set('prefactor:create', { kind: 'status', status: 500, times: 10 })
    const count = tokens('prefactor').length
    const old = fresh('prefactor')
    const run = await cli(['tokens', 'rotate', old, '--connection', 'prefactor'])
    sandbox.faults.clear()
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/Creating the successor failed: Prefactor is unavailable.*the token is untouched/)
    expect(tokens('prefactor').length).toBe(count)
    const none = await cli(['tokens', 'rotate', old, '--connection', 'prefactor', '--finish', '--yes'])
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/No rotation of .* is open/)
  })
})
