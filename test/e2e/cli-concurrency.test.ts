/**
 * One data folder, many processes at once: real CLI processes adding, removing and refreshing
 * together, in the real keyring. Nothing is lost, nothing removed comes back, no credential is
 * left in the keychain without its connection, and every snapshot opens offline afterwards.
 */
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProviderId } from '../../electron/common/providers'
import { KeytarSecretStore } from '../../electron/main/services/keytar-secret-store'
import { silentLogger } from '../../electron/main/services/logger'
import { startSandbox, type Sandbox } from '../../electron/main/sandbox/server'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { screenshot, startApp } from './harness/app-harness'
import { launchChromium } from './harness/browser'
import { runCli } from './harness/cli-process'

const PROVIDERS: ProviderId[] = ['mpt', 'fynn', 'prefactor']
const keychain = new KeytarSecretStore(silentLogger)
let sandbox: Sandbox
let dataDir: string
const created: string[] = []

beforeAll(async () => {
  // An account per connection: one account is connected once.
  sandbox = await startSandbox({ seed: { tokens: 150, accounts: { mpt: 3, fynn: 3, prefactor: 3 } }, latencyMs: 15 })
  dataDir = await makeTempDir('tokendesk-concurrent-')
})
afterAll(async () => {
  for (const id of created) await keychain.delete(id).catch(() => false)
  await sandbox.stop()
  await removeDir(dataDir)
})

const add = (label: string, provider: ProviderId, account = 0) =>
  runCli(['connections', 'add', '--provider', provider, '--label', label, '--base-url', sandbox.urls[provider]], {
    input: `${sandbox.data[provider][account]!.credential}\n`,
    dataDir,
  })

const listed = async (): Promise<Array<{ id: string; label: string }>> => JSON.parse((await runCli(['connections', 'list', '--json'], { dataDir })).stdout)

describe('many CLI processes on one data folder', () => {
  it('6 adds, 2 removes and 2 refreshes at once: nothing lost, nothing back, no orphaned credential', async () => {
    for (const [i, provider] of PROVIDERS.entries()) {
      const run = await add(`Existing ${i}`, provider)
      expect(run.code, run.stderr).toBe(0)
      created.push(run.stdout.trim())
    }
    const [gone1, gone2, kept] = await listed()

    const adds = Array.from({ length: 6 }, (_, i) => add(`New ${i}`, PROVIDERS[i % 3]!, 1 + Math.floor(i / 3)))
    const removes = [gone1!, gone2!].map((c) => runCli(['connections', 'remove', c.id], { dataDir }))
    const refreshes = [0, 1].map(() => runCli(['tokens', 'list', '--json'], { dataDir }))
    const [addRuns, removeRuns, refreshRuns] = await Promise.all([Promise.all(adds), Promise.all(removes), Promise.all(refreshes)])

    for (const run of [...addRuns, ...removeRuns]) expect(run.code, run.stderr).toBe(0)
    // A refresh may have met a connection removed under it, or one added during it: no crash.
    for (const run of refreshRuns) expect([0, 3], run.stderr).toContain(run.code)
    const newIds = addRuns.map((r) => r.stdout.trim())
    created.push(...newIds)

    const after = await listed()
    expect(after.map((c) => c.label).sort()).toEqual([kept!.label, ...Array.from({ length: 6 }, (_, i) => `New ${i}`)].sort())
    expect(after.map((c) => c.id).sort()).toEqual([kept!.id, ...newIds].sort())
    // Every listed connection has its credential; the removed ones left none behind.
    for (const c of after) expect(await keychain.get(c.id), c.label).not.toBeNull()
    for (const c of [gone1!, gone2!]) expect(await keychain.get(c.id), c.label).toBeNull()
    const accounts = new Set(await keychain.list())
    const listedIds = new Set(after.map((c) => c.id))
    expect(created.filter((id) => accounts.has(id) && !listedIds.has(id)), 'orphaned keychain entries').toEqual([])
    // No offline copy outlives its connection, even one whose refresh ended after the remove.
    const snapshots = (await readdir(path.join(dataDir, 'snapshots')).catch(() => [] as string[])).filter((n) => n.endsWith('.sealed'))
    for (const name of snapshots) expect(listedIds.has(name.replace(/\.sealed$/, '')), name).toBe(true)
  })

  it('afterwards a refresh of all, then every snapshot opens offline', async () => {
    const online = await runCli(['tokens', 'list', '--json'], { dataDir })
    expect(online.code, online.stderr).toBe(0)
    const offline = await runCli(['tokens', 'list', '--offline', '--json'], { dataDir })
    expect(offline.code, offline.stderr).toBe(0)
    expect(offline.stderr).not.toMatch(/damaged|could not be opened/)
    expect(JSON.parse(offline.stdout)).toEqual(JSON.parse(online.stdout))
  })
})

describe('the running app and a CLI on one data folder', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(() => browser?.close())

  it('the window shows what the CLI added, refreshed and removed, without a restart', async () => {
    const dir = await makeTempDir('tokendesk-app-cli-')
    const app = await startApp({ dataDir: dir, secrets: keychain })
    try {
      const page = await app.openPage(browser)
      const sidebar = page.getByRole('list', { name: 'Clients and connections' })
      const run = await runCli(['connections', 'add', '--provider', 'fynn', '--label', 'Added by a script', '--client', 'Globex', '--base-url', sandbox.urls.fynn], {
        input: `${sandbox.data.fynn[0]!.credential}\n`,
        dataDir: dir,
      })
      expect(run.code, run.stderr).toBe(0)
      created.push(run.stdout.trim())
      await sidebar.getByText('Added by a script').waitFor()
      // The CLI's refresh writes the snapshot; the window takes in the newer inventory.
      expect((await runCli(['tokens', 'list', '--connection', 'Added by a script'], { dataDir: dir })).code).toBe(0)
      await page.goto(`${app.origin}#/inventory`)
      await page.getByTestId('row-count').filter({ hasText: /^150$/ }).waitFor()
      await screenshot(page, 'cli-change-seen-by-app.png')
      expect((await runCli(['connections', 'remove', 'Added by a script'], { dataDir: dir })).code).toBe(0)
      await sidebar.getByText('Added by a script').waitFor({ state: 'detached' })
      expect(app.services.connections.list()).toEqual([])
      expect(app.services.inventory.tokens()).toEqual([])
    } finally {
      await app.close()
      await removeDir(dir)
    }
  })
})
