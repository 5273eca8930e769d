/**
 * Secrets to descriptors and files, as real processes against the sandbox in the test keyring:
 * `--secret-fd N` takes only a descriptor the caller passed — never one of Node's own, one not
 * open, one open for reading, a folder, or standard output under another number — and refuses
 * before any vendor call (a refused descriptor costs no token, and never aborts Node). A secret
 * that cannot be handed over leaves no live successor without it. `tokens secret` writes a saved
 * secret on request. `build/run-built.mjs` passes a descriptor on; `npm run cli` cannot, and says so.
 */
import { spawn, type StdioOptions } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProviderId } from '../../electron/common/providers'
import { createServices } from '../../electron/main/services'
import { KeytarSecretStore } from '../../electron/main/services/keytar-secret-store'
import { silentLogger } from '../../electron/main/services/logger'
import { TokenSecrets } from '../../electron/main/services/token-secrets'
import { startSandbox, type Sandbox } from '../../electron/main/sandbox/server'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { ROOT } from './harness/app-harness'
import { CLI, runCli, type CliRun, addVendorConnections, forgetConnections } from './harness/cli-process'

let sandbox: Sandbox
let dataDir: string
let outDir: string
const keychain = new KeytarSecretStore(silentLogger)
const ids = {} as Record<ProviderId, string>
type Rec = { id: string; status?: string; token?: string; secret?: string }
const tokens = (p: ProviderId) => sandbox.data[p][0]!.tokens as Rec[]
const secretOf = (p: ProviderId, id: string): string => {
  const t = tokens(p).find((x) => x.id === id)!
  return (t.token ?? t.secret)!
}
const used = new Set<string>()
const fresh = (p: ProviderId): string => {
  const t = tokens(p).find((x) => (x.status ?? 'active').toLowerCase() === 'active' && (x.token ?? x.secret) !== sandbox.data[p][0]!.credential && !used.has(x.id))!
  used.add(t.id)
  return t.id
}

interface Run extends CliRun {
  signal: NodeJS.Signals | null
  /** What arrived on the child's descriptor 3, when it was a pipe. */
  fd3: string
}

/** A command with the given stdio (index 3 and up: what the child gets there), its outputs read to the end. */
function spawnRun(command: string, args: string[], stdio: StdioOptions, options: { cwd?: string; env?: NodeJS.ProcessEnv; closeFd3?: boolean } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: { ...process.env, TOKENDESK_DATA_DIR: dataDir, ...options.env }, stdio })
    const read = (i: number): Promise<string> =>
      new Promise((done) => {
        const stream = child.stdio[i] as NodeJS.ReadableStream | null
        if (!stream) return done('')
        let text = ''
        stream.on('data', (d: Buffer) => (text += d.toString()))
        stream.on('end', () => done(text))
        stream.on('error', () => done(text))
      })
    if (options.closeFd3) (child.stdio[3] as NodeJS.ReadableStream & { destroy(): void }).destroy()
    child.on('error', reject)
    void Promise.all([read(1), read(2), options.closeFd3 ? Promise.resolve('') : read(3), new Promise<[number | null, NodeJS.Signals | null]>((r) => child.on('close', (c, s) => r([c, s])))]).then(
      ([stdout, stderr, fd3, [code, signal]]) => resolve({ code: code ?? -1, signal, stdout, stderr, fd3 }),
    )
  })
}
const node = (args: string[], stdio: StdioOptions, options?: Parameters<typeof spawnRun>[3]) => spawnRun(process.execPath, [CLI, ...args], stdio, options)
const PIPES: StdioOptions = ['ignore', 'pipe', 'pipe', 'pipe']
const NO_FD3: StdioOptions = ['ignore', 'pipe', 'pipe']

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tokens: 16 } })
  dataDir = await makeTempDir('tokendesk-sinks-')
  outDir = await makeTempDir('tokendesk-sinks-out-')
  Object.assign(ids, await addVendorConnections(sandbox, dataDir))
  expect((await runCli(['tokens', 'list'], { dataDir })).code).toBe(0)
})

afterAll(async () => {
  await forgetConnections(keychain, ids)
  await sandbox.stop()
  await removeDir(dataDir)
  await removeDir(outDir)
})

describe('--secret-fd refuses what the caller did not pass, before any vendor call', () => {
  it('a number the shell never opened (one of Node’s own, or none at all): exit 2, no token, no abort', async () => {
    const count = tokens('prefactor').length
    sandbox.resetStats()
    for (const fd of ['3', '5', '7', '40']) {
      const run = await node(['tokens', 'rotate', fresh('prefactor'), '--connection', 'prefactor', '--secret-fd', fd], NO_FD3)
      expect([run.code, run.signal], `${fd}: ${run.stderr}`).toEqual([2, null])
      expect(run.stderr).toMatch(new RegExp(`^tokendesk: Descriptor ${fd} (was not passed to Tokendesk \\(it is one Node\\.js opened for itself\\)|is not open in this process)`))
    }
    expect(tokens('prefactor').length).toBe(count)
    expect(sandbox.stats().total).toBe(0) // not even a refresh
  })

  it('a descriptor open for reading, a folder, /dev/null, or standard output under another number: refused, saying which', async () => {
    const readOnly = openSync(path.join(ROOT, 'package.json'), 'r')
    const folder = openSync(outDir, 'r')
    const devNull = openSync('/dev/null', 'w')
    try {
      const cases: Array<[StdioOptions, RegExp]> = [
        [['ignore', 'pipe', 'pipe', readOnly], /Descriptor 3 is open for reading only/],
        [['ignore', 'pipe', 'pipe', folder], /Descriptor 3 is a folder/],
        [['ignore', 'pipe', 'pipe', devNull], /Descriptor 3 is a device \(such as \/dev\/null\), which keeps no secret/],
      ]
      const count = tokens('fynn').length
      const args = ['tokens', 'create', '--connection', 'fynn', '--field', 'description=x', '--secret-fd', '3']
      for (const [stdio, why] of cases) {
        const run = await node(args, stdio)
        expect(run.code, run.stderr).toBe(2)
        expect(run.stderr).toMatch(why)
      }
      const dup = await spawnRun('bash', ['-c', `exec "$0" "$@" 3>&1`, process.execPath, CLI, ...args], NO_FD3)
      expect([dup.code, dup.stderr]).toEqual([2, expect.stringMatching(/Descriptor 3 is standard output under another number/)])
      expect(tokens('fynn').length).toBe(count)
    } finally {
      closeSync(readOnly)
      closeSync(folder)
      closeSync(devNull)
    }
  })

  it('a reader that went away: the rotation is rolled back (no successor without its secret), exit 3, not an abort', async () => {
    const old = fresh('mpt')
    const count = tokens('mpt').filter((t) => t.status !== 'Deleted').length
    const run = await node(['tokens', 'rotate', old, '--connection', 'mpt', '--secret-fd', '3'], PIPES, { closeFd3: true })
    expect([run.code, run.signal], run.stderr).toEqual([3, null])
    expect(run.stderr).toMatch(/Saving the new secret failed: The secret could not be written to descriptor 3 \(EPIPE\)\..*was removed; the old token is untouched/)
    expect(tokens('mpt').filter((t) => t.status !== 'Deleted').length).toBe(count) // the successor was deleted again
    expect(tokens('mpt').find((t) => t.id === old)!.status).toBe('Active')
    expect((await runCli(['rotations', 'list', '--connection', 'mpt', '--json'], { dataDir })).stdout.trim()).toBe('[]')
  })

  it('tokens create with a reader that went away keeps the secret in the keychain instead (exit 3)', async () => {
    const run = await node(['tokens', 'create', '--connection', 'prefactor', '--field', 'tokenScope=account', '--secret-fd', '3'], PIPES, { closeFd3: true })
    expect(run.code, run.stderr).toBe(3)
    const id = run.stdout.trim()
    expect(run.stderr).toMatch(/It was saved to the keychain instead; write it out with: tokendesk tokens secret/)
    expect(await keychain.get(TokenSecrets.account(ids.prefactor, id))).toBe(secretOf('prefactor', id))
  })
})

describe('tokens secret', () => {
  it('writes a secret the vendor can read again to a new 0600 file, and records a reveal', async () => {
    const id = tokens('mpt')[3]!.id
    const file = path.join(outDir, 'mpt.secret')
    const run = await runCli(['tokens', 'secret', id, '--connection', 'mpt', '--secret-out', file], { dataDir })
    expect(run.code, run.stderr).toBe(0)
    expect(await readFile(file, 'utf8')).toBe(`${secretOf('mpt', id)}\n`)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(run.stdout + run.stderr).not.toContain(secretOf('mpt', id))
    const services = await createServices({ dataDir, secrets: keychain, log: silentLogger })
    expect((await services.activity.forToken(ids.mpt, id)).map((e) => e.action)).toContain('reveal')
  })

  it('a damaged activity log is said on stderr once, set aside, and the reveal recorded in a new one', async () => {
    const log = path.join(dataDir, 'activity.sealed')
    await writeFile(log, 'overwritten by something else')
    const id = tokens('mpt')[4]!.id
    const run = await runCli(['tokens', 'secret', id, '--connection', 'mpt', '--secret-out', path.join(outDir, 'damaged-log.secret')], { dataDir })
    expect(run.code, run.stderr).toBe(0)
    const kept = (await readdir(dataDir)).filter((f) => f.startsWith('activity.sealed.corrupt-'))
    expect(kept).toHaveLength(1)
    expect(run.stderr).toContain(`tokendesk: The activity log (what was done to each token from Tokendesk) could not be read because it is not a Tokendesk sealed file (truncated or overwritten); Tokendesk starts a new one and kept the old file as ${kept[0]}.`)
    const again = await runCli(['tokens', 'secret', id, '--connection', 'mpt', '--secret-out', path.join(outDir, 'damaged-log-2.secret')], { dataDir })
    expect([again.code, again.stderr]).toEqual([0, expect.not.stringContaining('activity log')])
    const services = await createServices({ dataDir, secrets: keychain, log: silentLogger })
    expect((await services.activity.forToken(ids.mpt, id)).map((e) => e.action)).toEqual(['reveal', 'reveal'])
  })

  it('writes a secret kept in the keychain to the caller’s descriptor', async () => {
    const made = await runCli(['tokens', 'create', '--connection', 'prefactor', '--field', 'tokenScope=account'], { dataDir })
    expect(made.code, made.stderr).toBe(0)
    const id = made.stdout.trim()
    const run = await node(['tokens', 'secret', id, '--connection', 'prefactor', '--secret-fd', '3', '--json'], PIPES)
    expect(run.code, run.stderr).toBe(0)
    expect(run.fd3).toBe(`${secretOf('prefactor', id)}\n`)
    expect(JSON.parse(run.stdout)).toEqual({ connectionId: ids.prefactor, id, writtenTo: 'descriptor 3' })
  })

  it('a token whose secret is not known says so and why (exit 2), leaving no file; without a destination it is refused', async () => {
    const file = path.join(outDir, 'none.secret')
    const run = await runCli(['tokens', 'secret', tokens('fynn')[0]!.id, '--connection', 'fynn', '--secret-out', file], { dataDir })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/Fynn shows a token’s secret only once, when it is created/)
    await expect(stat(file)).rejects.toThrow(/ENOENT/)
    const nowhere = await runCli(['tokens', 'secret', tokens('fynn')[0]!.id, '--connection', 'fynn'], { dataDir })
    expect([nowhere.code, nowhere.stderr]).toEqual([2, expect.stringMatching(/Say where the secret goes: --secret-out FILE .* It is never printed/)])
    const stdout = await runCli(['tokens', 'secret', tokens('mpt')[3]!.id, '--connection', 'mpt', '--secret-out', '-'], { dataDir })
    expect([stdout.code, stdout.stderr]).toEqual([2, expect.stringMatching(/a secret is never written to standard output/)])
  })
})

describe('from a checkout', () => {
  it('build/run-built.mjs passes the descriptor on and runs in the caller’s directory', async () => {
    const id = tokens('mpt')[5]!.id
    const run = await spawnRun(process.execPath, [path.join(ROOT, 'build/run-built.mjs'), 'cli', 'tokens', 'secret', id, '--connection', 'mpt', '--secret-fd', '3'], PIPES, { cwd: outDir })
    expect(run.code, run.stderr).toBe(0)
    expect(run.fd3).toBe(`${secretOf('mpt', id)}\n`)
    const relative = await spawnRun(process.execPath, [path.join(ROOT, 'build/run-built.mjs'), 'cli', 'tokens', 'secret', id, '--connection', 'mpt', '--secret-out', 'relative.secret'], NO_FD3, { cwd: outDir })
    expect(relative.code, relative.stderr).toBe(0)
    expect(relative.stderr).toContain(path.join(outDir, 'relative.secret'))
    expect(await readFile(path.join(outDir, 'relative.secret'), 'utf8')).toBe(`${secretOf('mpt', id)}\n`)
  })

  it('npm run cli refuses --secret-fd at once, saying why and what to run instead; paths are the caller’s', async () => {
    sandbox.resetStats()
    const run = await spawnRun('npm', ['--prefix', ROOT, 'run', '--silent', 'cli', '--', 'tokens', 'rotate', fresh('mpt'), '--connection', 'mpt', '--secret-fd', '3'], PIPES, { cwd: outDir })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/npm passes only standard input, output and error to its scripts.*node out\/main\/cli\.js … --secret-fd 3 3>FILE.*--secret-out FILE/)
    expect(sandbox.stats().total).toBe(0)
    const exported = await spawnRun('npm', ['--prefix', ROOT, 'run', '--silent', 'cli', '--', 'export', '--format', 'csv', '--out', 'tokens.csv', '--connection', 'fynn', '--offline'], NO_FD3, { cwd: outDir })
    expect(exported.code, exported.stderr).toBe(0)
    expect(exported.stderr).toContain(`to ${path.join(outDir, 'tokens.csv')}`)
    expect((await readFile(path.join(outDir, 'tokens.csv'), 'utf8')).split('\r\n')[0]).toMatch(/^connection,client,provider,id/)
  })
})
