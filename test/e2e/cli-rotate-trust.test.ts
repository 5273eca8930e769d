/**
 * `tokendesk tokens rotate` as a real process (issue 26): what it says is what happened. The
 * successor inherits the old token's owner, tags, notes and display name; a vendor that garbles
 * its answer to the create still gets its successor found; Fynn's --finish refuses while Fynn
 * lists the old token; an --undo names the --secret-out file that now holds a dead secret; a token
 * that is not active is asked about only when it can be replaced, and not said to keep working.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProviderId } from '../../electron/common/providers'
import { KeytarSecretStore } from '../../electron/main/services/keytar-secret-store'
import { silentLogger } from '../../electron/main/services/logger'
import { startSandbox, type Sandbox } from '../../electron/main/sandbox/server'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { runCli, type CliRun, addVendorConnections, forgetConnections } from './harness/cli-process'

let sandbox: Sandbox
let dataDir: string
let outDir: string
const keychain = new KeytarSecretStore(silentLogger)
const ids = {} as Record<ProviderId, string>

const cli = (args: string[]): Promise<CliRun> => runCli(args, { dataDir })
const tokens = (p: ProviderId) => sandbox.data[p][0]!.tokens as Array<{ id: string; status?: string; token?: string; secret?: string; inserted_at?: string; expires_at?: string | null }>
const used = new Set<string>()
/** An active token no other test here uses, whose lifetime is known (its successor can be made). */
const fresh = (p: ProviderId): string => {
  const t = tokens(p).find((x) => {
    if ((x.status ?? 'active').toLowerCase() !== 'active' || x.token === sandbox.data[p][0]!.credential || used.has(x.id)) return false
    return p !== 'prefactor' || (x.expires_at !== null && Date.parse(x.expires_at!) > Date.parse(x.inserted_at!))
  })!
  used.add(t.id)
  return t.id
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tokens: 20 }, tokenAuth: true })
  dataDir = await makeTempDir('tokendesk-rotate-trust-')
  outDir = await makeTempDir('tokendesk-rotate-trust-out-')
  Object.assign(ids, await addVendorConnections(sandbox, dataDir))
})

afterAll(async () => {
  await forgetConnections(keychain, ids)
  await sandbox.stop()
  await removeDir(dataDir)
  await removeDir(outDir)
})

describe('tokendesk tokens rotate tells the truth', () => {
  it('the successor inherits the owner, tags, notes and display name the old token had', async () => {
    const old = fresh('prefactor')
    expect((await cli(['tokens', 'list', '--connection', 'prefactor'])).code).toBe(0) // annotate works on the saved inventory
    const annotate = await cli(['tokens', 'annotate', old, '--connection', 'prefactor', '--owner', 'Platform team', '--tag', 'ci', '--notes', 'Nightly export', '--display-name', 'Export bot'])
    expect(annotate.code, annotate.stderr).toBe(0)
    const run = await cli(['tokens', 'rotate', old, '--connection', 'prefactor', '--json'])
    expect(run.code, run.stderr).toBe(0)
    const { successorId } = JSON.parse(run.stdout) as { successorId: string }
    const list = await cli(['tokens', 'list', '--connection', 'prefactor', '--json'])
    const rows = JSON.parse(list.stdout) as Array<{ id: string; owner: string | null; tags: string[]; notes: string | null; displayName: string | null }>
    const meta = { owner: 'Platform team', tags: ['ci'], notes: 'Nightly export', displayName: 'Export bot' }
    expect(rows.find((r) => r.id === successorId)).toMatchObject(meta)
    expect(rows.find((r) => r.id === old)).toMatchObject(meta)
  })

  it('--json never puts a vendor’s bidi override or control character on the terminal', async () => {
    const old = fresh('mpt')
    const record = sandbox.data.mpt[0]!.tokens.find((t) => t.id === old)!
    record.name = 'Deploy \u202Egnp.exe\u001b[31m'
    const run = await cli(['tokens', 'rotate', old, '--connection', 'mpt', '--json'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).not.toContain('\u202E')
    expect(run.stdout).not.toContain('\u001b')
    expect(JSON.parse(run.stdout)).toMatchObject({ oldName: 'Deploy \u202Egnp.exe\u001b[31m' })
  })

  it('a garbled answer to the create: the successor the vendor made is found, and the rotation goes on', async () => {
    const count = tokens('mpt').length
    sandbox.faults.set('mpt:create', { kind: 'drift', times: 1 })
    const run = await cli(['tokens', 'rotate', fresh('mpt'), '--connection', 'mpt', '--json'])
    expect(run.code, run.stderr).toBe(0)
    expect(tokens('mpt').length).toBe(count + 1)
    expect(JSON.parse(run.stdout)).toMatchObject({ state: 'overlap', successorId: tokens('mpt').at(-1)!.id })
  })

  it('Fynn: --finish says nothing was done to the old token, and refuses to finish while Fynn still lists it', async () => {
    const old = fresh('fynn')
    expect((await cli(['tokens', 'rotate', old, '--connection', 'fynn'])).code).toBe(0)
    const retire = await cli(['tokens', 'rotate', old, '--connection', 'fynn', '--finish'])
    expect(retire.code, retire.stderr).toBe(0)
    expect(retire.stderr).not.toMatch(/is retired/)
    expect(retire.stderr).toContain('Nothing was done to the old token')
    const early = await cli(['tokens', 'rotate', old, '--connection', 'fynn', '--finish'])
    expect(early.code).not.toBe(0)
    expect(early.stderr).toContain(`Fynn still lists the old token ${old} as active: delete it on Fynn’s page (https://app.fynn.eu/settings/developer) first.`)
    tokens('fynn').splice(tokens('fynn').findIndex((t) => t.id === old), 1) // deleted on Fynn's page
    const done = await cli(['tokens', 'rotate', old, '--connection', 'fynn', '--finish'])
    expect(done.code, done.stderr).toBe(0)
    expect(done.stderr).toContain('The rotation is finished.')
  })

  it('a revoked token is refused at once (no question it would refuse anyway); a suspended one, confirmed, is not said to keep working', async () => {
    const revoked = fresh('prefactor')
    tokens('prefactor').find((t) => t.id === revoked)!.status = 'revoked'
    const refused = await cli(['tokens', 'rotate', revoked, '--connection', 'prefactor'])
    expect([refused.code, refused.stderr]).toEqual([2, 'tokendesk: This token is revoked; there is nothing to replace.\n'])
    const suspended = fresh('prefactor')
    tokens('prefactor').find((t) => t.id === suspended)!.status = 'suspended'
    const run = await cli(['tokens', 'rotate', suspended, '--connection', 'prefactor', '--yes'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toContain(`The old token stays as it is (suspended) until you run: tokendesk tokens rotate ${suspended} --connection prefactor --finish`)
    expect(run.stderr).not.toContain('keeps working')
  })

  it('--undo after --secret-out names the file that now holds a secret that no longer works', async () => {
    const file = path.join(outDir, 'undo.secret')
    const old = fresh('prefactor')
    const start = await cli(['tokens', 'rotate', old, '--connection', 'prefactor', '--secret-out', file])
    expect(start.code, start.stderr).toBe(0)
    const successorId = start.stdout.split('\t')[2]!.trim()
    expect((await readFile(file, 'utf8')).trim()).not.toBe('')
    const unconfirmed = await cli(['tokens', 'rotate', old, '--connection', 'prefactor', '--undo'])
    expect(unconfirmed.code).toBe(2)
    expect(unconfirmed.stderr).toMatch(/Undo the replacement: remove the new token .* This needs your confirmation/)
    expect(sandbox.data.prefactor[0]!.tokens.some((t) => t.id === successorId)).toBe(true)
    const undo = await cli(['tokens', 'rotate', old, '--connection', 'prefactor', '--undo', '--yes'])
    expect(undo.code, undo.stderr).toBe(0)
    expect(undo.stderr).toContain(`The file ${file} still holds the removed token’s secret, which no longer works; delete it.`)
  })
})
