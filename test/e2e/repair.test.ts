/**
 * A damaged connections.json, as a user meets it: every CLI run says the file was set aside
 * (an add too) until the user acts; `connections orphans` lists the credentials left in the
 * keychain; the window offers to re-attach them, and after that they work as before — offline
 * inventory included — and the runs are quiet again.
 */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { screenshot } from './harness/app-harness'
import { runCli } from './harness/cli-process'
import { withApp } from './harness/with-app'

// The CLI's own keyring service: the CLI and the window share it, as on a user's machine.
const w = withApp({ sandbox: { seed: { tokens: 80 } }, keyring: 'cli' })
const ids: string[] = []

const cli = (args: string[], input?: string) => runCli(args, { dataDir: w.dataDir, input })
const SET_ASIDE = /connections file could not be read.*kept as connections\.json\.corrupt-/

describe('a damaged connections.json', () => {
  it('every run says it was set aside, an add too, and the orphaned credentials are listed', async () => {
    for (const [label, provider] of [['Billing', 'fynn'], ['Procurement', 'mpt']] as const) {
      const run = await cli(['connections', 'add', '--provider', provider, '--label', label, '--client', 'Acme', '--base-url', w.sandbox.urls[provider]], `${w.sandbox.data[provider][0]!.credential}\n`)
      ids.push(run.stdout.trim())
    }
    expect((await cli(['tokens', 'list', '--json'])).code).toBe(0) // snapshots saved
    const file = path.join(w.dataDir, 'connections.json')
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.slice(0, text.lastIndexOf(']'))) // cut off at the end, as a full disk would

    for (const run of [await cli(['connections', 'list']), await cli(['connections', 'list'])]) {
      expect(run.code).toBe(0)
      expect(run.stderr).toMatch(SET_ASIDE)
      expect(run.stderr).toMatch(/credentials of 2 connections listed in it \(“Billing”, “Procurement”\)/)
    }
    const add = await cli(['connections', 'add', '--provider', 'fynn', '--label', 'Fresh start', '--base-url', w.sandbox.urls.fynn], `${w.sandbox.data.fynn[0]!.credential}\n`)
    expect(add.code, add.stderr).toBe(0)
    ids.push(add.stdout.trim())
    expect(add.stderr).toMatch(SET_ASIDE)

    const orphans = await cli(['connections', 'orphans', '--json'])
    expect(orphans.code, orphans.stderr).toBe(0)
    const listed = JSON.parse(orphans.stdout) as Array<{ connectionId: string; credential: boolean; recoverable: { label: string } | null }>
    expect(listed.map((o) => [o.connectionId, o.credential, o.recoverable?.label])).toEqual(expect.arrayContaining([[ids[0], true, 'Billing'], [ids[1], true, 'Procurement']]))
    expect(orphans.stdout).not.toContain(w.sandbox.data.fynn[0]!.credential)
  })

  it('the window offers to re-attach them; afterwards they work, offline copy included, and runs are quiet', async () => {
    const app = await w.start()
    try {
      const page = await app.openPage(w.browser)
      const reattach = page.getByTestId('notice-orphans:reattach')
      await reattach.waitFor()
      await screenshot(page, 'repair-notice.png')
      await reattach.click()
      await page.getByText('Re-attached 2 connections: “Billing”, “Procurement”.').waitFor()
      const sidebar = page.getByRole('list', { name: 'Clients and connections' })
      await sidebar.getByText('Procurement').waitFor()
      expect(app.services.connections.list().map((c) => c.id).sort()).toEqual([...ids].sort())
    } finally {
      await app.close()
    }
    const offline = await cli(['tokens', 'list', '--offline', '--json', '--connection', 'Procurement'])
    expect(offline.code, offline.stderr).toBe(0)
    expect(JSON.parse(offline.stdout)).toHaveLength(81)
    expect(offline.stderr).not.toMatch(SET_ASIDE)
    expect((await cli(['connections', 'orphans'])).stderr).toMatch(/No orphaned keychain entries/)
  })
})
