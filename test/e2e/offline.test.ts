/**
 * Offline review: export the filtered view, mark as reviewed and see the diff, then start with
 * the vendors unreachable and with the work-offline switch, from the saved inventory.
 */
import { parse } from 'csv-parse/sync'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { Random } from '../../electron/main/sandbox/random'
import { fynnToken } from '../../electron/main/sandbox/seed'
import { filesContaining } from '../support/temp-dir'
import { screenshot, type AppHarness } from './harness/app-harness'
import { expectNoSecrets } from './harness/canary'
import { withApp } from './harness/with-app'

const w = withApp({ sandbox: { seed: { tokens: 150, seed: 5 } }, saveDir: true })

async function open(): Promise<{ app: AppHarness; page: Page }> {
  const app = await w.start()
  return { app, page: await app.openPage(w.browser) }
}

beforeAll(async () => {
  const { app } = await open()
  for (const [provider, label, client] of [['mpt', 'Marketplace EU', 'Acme Corp'], ['fynn', 'Billing', 'Globex'], ['prefactor', 'Agents', 'Globex']] as const) {
    await app.services.connections.add({ provider, label, client, baseUrl: w.sandbox.urls[provider], accountId: null, credential: w.sandbox.data[provider][0]!.credential })
  }
})

describe('offline review', () => {
  let page: Page
  let app: AppHarness

  it('exports the filtered view as CSV, stamped with each connection’s snapshot time', async () => {
    ;({ app, page } = await open())
    await page.getByTestId('row-count').filter({ hasText: /^451$/ }).waitFor()
    await page.goto(`${app.origin}#/inventory?status=active&provider=prefactor`)
    const expected = app.services.inventory.tokens().filter((t) => t.provider === 'prefactor' && t.status === 'active').length
    await page.getByTestId('row-count').filter({ hasText: new RegExp(`^${expected}$`) }).waitFor()
    await page.getByTestId('export').getByRole('button', { name: 'Export CSV' }).click()
    await page.getByText(`Exported ${expected} tokens`).waitFor()
    const file = path.join(w.saveDir, `tokendesk-tokens-${new Date().toISOString().slice(0, 10)}.csv`)
    const rows = parse(await readFile(file, 'utf8'), { columns: true }) as Array<Record<string, string>>
    expect(rows).toHaveLength(expected)
    expect(rows.every((r) => r.status === 'active' && r.provider === 'prefactor' && r.connection === 'Agents')).toBe(true)
    const stamp = app.services.inventory.status(app.services.connections.list().find((c) => c.label === 'Agents')!.id).refreshedAt
    expect(rows.every((r) => r.snapshotAt === stamp)).toBe(true)
  })

  it('marks as reviewed, then lists what was added, removed and changed', async () => {
    await page.goto(`${app.origin}#/review`)
    await page.getByText('No review yet').waitFor()
    await page.getByTestId('mark-reviewed').click()
    await page.getByText('Nothing changed').waitFor()
    const removed = w.sandbox.data.fynn[0]!.tokens.shift()!
    w.sandbox.data.fynn[0]!.tokens.push(fynnToken(new Random(99), Date.now(), { description: 'Added after the review' }))
    const changed = w.sandbox.data.prefactor[0]!.tokens.find((t) => t.status === 'active')!
    changed.status = 'suspended'
    await app.services.inventory.refreshAll()
    await page.getByTestId('review-added').getByText('Added after the review').waitFor()
    expect(await page.getByTestId('review-removed').innerText()).toContain(removed.description ?? removed.id)
    expect(await page.getByTestId('review-changed').innerText()).toMatch(/Status: active → suspended/)
    await page.mouse.move(0, 0)
    await screenshot(page, 'review-diff.png')
  })

  it('starts with the vendors unreachable: the saved inventory at once, and an “as of” banner', async () => {
    await app.close()
    await w.sandbox.stop()
    ;({ app, page } = await open())
    await page.getByTestId('row-count').filter({ hasText: /^451$/ }).waitFor()
    const banner = page.getByTestId('offline-banner')
    await banner.waitFor()
    expect(await banner.innerText()).toMatch(/You appear to be offline[\s\S]*Showing the inventory as of/)
    await page.mouse.move(0, 0)
    await screenshot(page, 'offline.png')
  })

  it('works offline on request, and says so', async () => {
    await page.getByTestId('work-offline').click()
    await page.getByTestId('offline-banner').getByText('Working offline').waitFor()
    expect(await page.getByTestId('refresh').isDisabled()).toBe(true)
    await page.mouse.move(0, 0)
    await screenshot(page, 'offline-switch.png')
  })

  it('keeps token names, ids and secrets out of every file in the data folder', async () => {
    const needles = [
      ...w.sandbox.data.mpt[0]!.tokens.flatMap((t) => [t.name, t.id, t.token]),
      ...w.sandbox.data.fynn[0]!.tokens.flatMap((t) => [t.id, t.secret, ...(t.description ? [t.description] : [])]),
      ...w.sandbox.data.prefactor[0]!.tokens.flatMap((t) => [t.id, t.secret]),
      ...(['mpt', 'fynn', 'prefactor'] as const).map((p) => w.sandbox.data[p][0]!.credential),
    ]
    expect(await filesContaining(w.dataDir, needles)).toEqual([])
    // Secrets and credentials: not in the data folder, the exports, the log or renderer storage.
    const secretsUsed = needles.filter((n) => /^(idt:|fynn_|pf_|eyJ)/.test(n))
    await expectNoSecrets(secretsUsed, { app, page, dirs: [w.dataDir, w.saveDir] })
  })
})
