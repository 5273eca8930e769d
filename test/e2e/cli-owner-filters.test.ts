/** `tokens list --owner / --tag / --no-owner` as a real process: the same query as the window's. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KeytarSecretStore } from '../../electron/main/services/keytar-secret-store'
import { silentLogger } from '../../electron/main/services/logger'
import { startSandbox, type Sandbox } from '../../electron/main/sandbox/server'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { runCli } from './harness/cli-process'

let sandbox: Sandbox
let dataDir: string
let connectionId = ''

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tokens: 12 } })
  dataDir = await makeTempDir('tokendesk-cli-owner-')
  const add = await runCli(['connections', 'add', '--provider', 'fynn', '--label', 'Billing', '--base-url', sandbox.urls.fynn], { input: `${sandbox.data.fynn[0]!.credential}\n`, dataDir })
  expect(add.code, add.stderr).toBe(0)
  connectionId = add.stdout.trim()
})

afterAll(async () => {
  await new KeytarSecretStore(silentLogger).delete(connectionId).catch(() => false)
  await sandbox.stop()
  await removeDir(dataDir)
})

const listed = async (...filters: string[]): Promise<string[]> => {
  const run = await runCli(['tokens', 'list', '--json', '--offline', ...filters], { dataDir })
  expect(run.code, run.stderr).toBe(0)
  return (JSON.parse(run.stdout) as Array<{ id: string }>).map((r) => r.id).sort()
}

describe('tokens list filtered by the user’s metadata', () => {
  it('keeps the tokens of an owner (any case), with a tag (every one named), or without an owner', async () => {
    const [a, b, c] = sandbox.data.fynn[0]!.tokens
    const all = sandbox.data.fynn[0]!.tokens.map((t) => t.id).sort()
    // The first list refreshes and saves the inventory; the annotations need it.
    expect((await runCli(['tokens', 'list', '--json'], { dataDir })).code).toBe(0)
    for (const [id, ...args] of [
      [a!.id, '--owner', 'Platform team', '--tag', 'prod', '--tag', 'ci'],
      [b!.id, '--owner', 'Data', '--tag', 'prod'],
      [c!.id, '--tag', 'ci'],
    ]) {
      const run = await runCli(['tokens', 'annotate', id!, ...args, '--offline'], { dataDir })
      expect(run.code, run.stderr).toBe(0)
    }
    expect(await listed('--owner', 'platform TEAM')).toEqual([a!.id])
    expect(await listed('--owner', 'Platform')).toEqual([])
    expect(await listed('--tag', 'PROD')).toEqual([a!.id, b!.id].sort())
    expect(await listed('--tag', 'prod', '--tag', 'ci')).toEqual([a!.id])
    expect(await listed('--no-owner')).toEqual(all.filter((id) => id !== a!.id && id !== b!.id))
    expect(await listed('--no-owner', '--tag', 'ci')).toEqual([c!.id])
    const none = await runCli(['tokens', 'list', '--offline', '--owner', 'Nobody'], { dataDir })
    expect([none.code, none.stdout]).toEqual([0, ''])
    expect(none.stderr).toMatch(/no tokens match these filters/)
  })

  it('refuses --owner with --no-owner, and an empty --owner', async () => {
    const both = await runCli(['tokens', 'list', '--offline', '--owner', 'x', '--no-owner'], { dataDir })
    expect([both.code, both.stderr]).toEqual([2, expect.stringMatching(/Choose one of --owner and --no-owner/)])
    const empty = await runCli(['tokens', 'list', '--offline', '--owner', ' '], { dataDir })
    expect([empty.code, empty.stderr]).toEqual([2, expect.stringMatching(/use --no-owner/)])
  })
})
