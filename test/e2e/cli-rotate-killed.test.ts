/**
 * `tokendesk tokens rotate --secret-out FILE` killed (SIGKILL) while the vendor is making the
 * successor: FILE is not left behind empty for the user to trust (the secret goes to a temp
 * beside it, linked to FILE only once whole), and the rotation the next run resumes says plainly
 * that no secret was written to FILE, and what became of the successor. The same FILE then works.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProviderId } from '../../electron/common/providers'
import { startSandbox, type Sandbox } from '../../electron/main/sandbox/server'
import { KeytarSecretStore } from '../../electron/main/services/keytar-secret-store'
import { silentLogger } from '../../electron/main/services/logger'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { addVendorConnections, CLI, forgetConnections, runCli } from './harness/cli-process'

let sandbox: Sandbox
let dataDir: string
let outDir: string
const keychain = new KeytarSecretStore(silentLogger)
const ids = {} as Record<ProviderId, string>

const tokens = (p: ProviderId) => sandbox.data[p][0]!.tokens as Array<{ id: string; status?: string; token?: string; inserted_at?: string; expires_at?: string | null }>
const active = (p: ProviderId, skip: number): string =>
  tokens(p).filter((x) => {
    if ((x.status ?? 'active').toLowerCase() !== 'active' || x.token === sandbox.data[p][0]!.credential) return false
    return p !== 'prefactor' || (x.expires_at !== null && Date.parse(x.expires_at!) > Date.parse(x.inserted_at!))
  })[skip]!.id

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tokens: 12 }, tokenAuth: true })
  dataDir = await makeTempDir('tokendesk-rotate-killed-')
  outDir = await makeTempDir('tokendesk-rotate-killed-out-')
  Object.assign(ids, await addVendorConnections(sandbox, dataDir))
})

afterAll(async () => {
  await forgetConnections(keychain, ids)
  await sandbox.stop()
  await removeDir(dataDir)
  await removeDir(outDir)
})

/** Start the rotation, and SIGKILL the CLI once the vendor has the create (whose answer never comes). */
async function killedDuringCreate(provider: ProviderId, old: string, file: string, args = ['tokens', 'rotate', old, '--connection', provider, '--secret-out', file]): Promise<void> {
  sandbox.faults.set(`${provider}:create`, { kind: 'hang', made: true, times: 1 })
  const creates = (): number => sandbox.requests.filter((r) => r.vendor === provider && r.route === 'create').length
  const before = creates()
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, TOKENDESK_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'ignore'],
  })
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
  await expect.poll(creates, { timeout: 15_000, interval: 20 }).toBe(before + 1)
  child.kill('SIGKILL')
  expect(await exited).toBe('SIGKILL')
}

describe('tokens rotate --secret-out killed during the create', () => {
  it('no empty FILE is left; the resumed rotation says no secret was written to it and removes the successor; FILE then works', async () => {
    const file = path.join(outDir, 'mpt.secret')
    const old = active('mpt', 0)
    const count = tokens('mpt').length
    await killedDuringCreate('mpt', old, file)
    expect(existsSync(file)).toBe(false) // never an empty file under the user's name
    const successorId = tokens('mpt').at(-1)!.id
    expect(tokens('mpt').length).toBe(count + 1) // the vendor made it; the answer was lost

    const again = await runCli(['tokens', 'rotate', old, '--connection', 'mpt', '--secret-out', file], { dataDir })
    expect(again.code, again.stderr).toBe(0)
    expect(again.stderr).toContain(
      `but the command that was to receive its secret had stopped. The new token ${successorId} was removed; the old token is untouched. No secret was written to ${file}: the file was not made.`,
    )
    expect(tokens('mpt').some((t) => t.id === successorId && (t.status ?? '').toLowerCase() !== 'deleted')).toBe(false)
    const newId = again.stdout.split('\t')[2]!.trim()
    expect(newId).not.toBe(successorId)
    expect((await readFile(file, 'utf8')).trim()).toBe(tokens('mpt').find((t) => t.id === newId)!.token)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(await readdir(outDir)).toEqual(['mpt.secret']) // the killed run's temp is gone
  })

  it('a vendor that shows the secret only once: the successor is removed, and the note says its secret never reached FILE', async () => {
    const file = path.join(outDir, 'prefactor.secret')
    const old = active('prefactor', 0)
    await killedDuringCreate('prefactor', old, file)
    expect(existsSync(file)).toBe(false)
    const successorId = tokens('prefactor').at(-1)!.id

    const again = await runCli(['tokens', 'rotate', old, '--connection', 'prefactor', '--finish'], { dataDir }) // resumes, then has nothing to finish
    expect(again.stderr).toContain(`made the new token ${successorId} anyway, and its secret cannot be had: Prefactor shows it only in the answer to the create.`)
    expect(again.stderr).toContain(`No secret was written to ${file}: the file was not made.`)
    expect(existsSync(file)).toBe(false)
    expect((await readdir(outDir)).filter((n) => n.startsWith('prefactor.secret'))).toEqual([])
  })

  it('tokens create --secret-out killed: no FILE; the next run with the same FILE sweeps the dead run’s temp and writes it', async () => {
    const file = path.join(outDir, 'created.secret')
    await killedDuringCreate('fynn', '', file, ['tokens', 'create', '--connection', 'fynn', '--field', 'description=Killed', '--secret-out', file])
    expect(existsSync(file)).toBe(false)
    expect((await readdir(outDir)).filter((n) => n.startsWith('created.secret.tmp-'))).toHaveLength(1) // the killed run's, empty
    const run = await runCli(['tokens', 'create', '--connection', 'fynn', '--field', 'description=Again', '--secret-out', file], { dataDir })
    expect(run.code, run.stderr).toBe(0)
    expect((await readFile(file, 'utf8')).trim()).not.toBe('')
    expect((await readdir(outDir)).filter((n) => n.startsWith('created.secret'))).toEqual(['created.secret'])
  })

  it('a FILE that cannot be made is still refused before any token is made (the temp is opened first)', async () => {
    const old = active('fynn', 1)
    const count = tokens('fynn').length
    const notAFolder = path.join(outDir, 'not-a-folder')
    await writeFile(notAFolder, '')
    for (const [file, code] of [[path.join(outDir, 'no-such-folder', 'x.secret'), 'ENOENT'], [path.join(notAFolder, 'x.secret'), 'ENOTDIR']] as const) {
      const run = await runCli(['tokens', 'rotate', old, '--connection', 'fynn', '--secret-out', file], { dataDir })
      expect([run.code, run.stderr]).toEqual([2, `tokendesk: ${file} cannot be created (${code}).\n`])
    }
    expect(tokens('fynn').length).toBe(count)
    expect((await readdir(outDir)).filter((n) => n.includes('x.secret') || n.startsWith('not-a-folder.'))).toEqual([])
  })
})
