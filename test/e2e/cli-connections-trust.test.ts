/**
 * `connections add` and `set-credential` as a real process: a label with a hidden character is
 * refused before anything is sent or stored, and an account already connected is not connected
 * a second time (its tokens would be listed twice and a token replaced once through each).
 */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KeytarSecretStore } from '../../electron/main/services/keytar-secret-store'
import { silentLogger } from '../../electron/main/services/logger'
import { startSandbox, type Sandbox } from '../../electron/main/sandbox/server'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { forgetConnections, runCli } from './harness/cli-process'

let sandbox: Sandbox
let dataDir: string
const ids: string[] = []

beforeAll(async () => {
  // Tokens open their account, as at the vendor: two different credentials of one account.
  sandbox = await startSandbox({ seed: { tokens: 6, seed: 9, accounts: { mpt: 2 } }, tokenAuth: true })
  dataDir = await makeTempDir('tokendesk-cli-connections-')
})

afterAll(async () => {
  await forgetConnections(new KeytarSecretStore(silentLogger), Object.fromEntries(ids.map((id, i) => [i, id])))
  await sandbox?.stop()
  await removeDir(dataDir)
})

async function add(label: string, credential: string, extra: string[] = []) {
  const run = await runCli(['connections', 'add', '--provider', 'mpt', '--label', label, '--client', 'Acme', '--base-url', sandbox.urls.mpt, ...extra], { dataDir, input: `${credential}\n` })
  if (run.code === 0) ids.push(run.stdout.trim())
  return run
}
const list = async () => JSON.parse((await runCli(['connections', 'list', '--json'], { dataDir })).stdout) as Array<{ id: string; label: string }>
/** Another live token of the account: a credential that opens it too. */
const another = (account: number) => sandbox.data.mpt[account]!.tokens.find((t) => t.status === 'Active' && t.token !== sandbox.data.mpt[account]!.credential)!.token

describe('tokendesk connections: labels and accounts', () => {
  it('refuses a label with a hidden character, naming it, before asking the vendor or storing anything', async () => {
    sandbox.resetStats()
    const run = await add('Prod\u202Egnp.exe', sandbox.data.mpt[0]!.credential)
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('tokendesk: The label contains a hidden character (U+202E RIGHT-TO-LEFT OVERRIDE at character 5); type it again without it.\n')
    const client = await runCli(['connections', 'add', '--provider', 'mpt', '--label', 'Prod', '--client', 'Ac\u200Bme', '--base-url', sandbox.urls.mpt], { dataDir, input: 'x\n' })
    expect(client.code).toBe(2)
    expect(client.stderr).toContain('The client name contains a hidden character (U+200B ZERO WIDTH SPACE at character 3)')
    expect(sandbox.stats().total).toBe(0)
    expect(await list()).toEqual([])
  })

  it('refuses a second connection of an account, naming the first, and a credential change onto it', async () => {
    const first = await add('Production', sandbox.data.mpt[0]!.credential)
    expect(first.code, first.stderr).toBe(0)
    const again = await add('Production 2', another(0))
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/^tokendesk: This account is already connected as “Production” \(client “Acme”\); its tokens are listed there\. Use that connection, or remove it first\.\n/)
    // The same credential is refused even unasked (--no-test).
    expect((await add('Production 3', sandbox.data.mpt[0]!.credential, ['--no-test'])).code).toBe(2)
    expect((await list()).map((c) => c.label)).toEqual(['Production'])

    const second = await add('Second account', sandbox.data.mpt[1]!.credential)
    expect(second.code, second.stderr).toBe(0)
    const moved = await runCli(['connections', 'set-credential', 'Second account'], { dataDir, input: `${another(0)}\n` })
    expect(moved.code).toBe(2)
    expect(moved.stderr).toContain('This account is already connected as “Production”')
    // It still signs in to its own account.
    expect((await runCli(['connections', 'test', 'Second account'], { dataDir })).code).toBe(0)
    const tokens = JSON.parse((await runCli(['tokens', 'list', '--connection', 'Second account', '--json'], { dataDir })).stdout) as Array<{ id: string }>
    expect(tokens.map((t) => t.id).sort()).toEqual(sandbox.data.mpt[1]!.tokens.filter((t) => t.status !== 'Deleted').map((t) => t.id).sort())
  })

  it('keeps a label an older version stored with hidden characters, and shows them written out', async () => {
    const file = path.join(dataDir, 'connections.json')
    const stored = JSON.parse(await readFile(file, 'utf8')) as { connections: Array<{ id: string; label: string }> }
    const id = stored.connections[0]!.id
    stored.connections[0]!.label = 'Prod\u202Euction\u001b[2J'
    await writeFile(file, JSON.stringify(stored))
    const table = await runCli(['connections', 'list'], { dataDir, env: { COLUMNS: '160' } })
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout).toContain('Prod<U+202E>uction<U+001B>[2J')
    expect(table.stdout.includes('\u202E') || table.stdout.includes('\u001b')).toBe(false)
    const tested = await runCli(['connections', 'test', id], { dataDir })
    expect(tested.stdout).toBe('ok: “Prod<U+202E>uction<U+001B>[2J” (Acme) answers and accepts its credential\n')
    // Still refused as the account's connection, by its label written out; the file keeps it as it was.
    expect((await add('Again', another(0))).stderr).toContain('already connected as “Prod<U+202E>uction<U+001B>[2J”')
    expect(JSON.parse(await readFile(file, 'utf8')).connections[0].label).toBe('Prod\u202Euction\u001b[2J')
  })
})
