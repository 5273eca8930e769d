/**
 * Owners and tags across the window: the toolbar's owner / tag / no-owner filters (kept in the
 * URL) and search, a bulk owner and tag edit of a selection (one locked write, a result per
 * token) while a CLI annotates another token, a secret refused in the bulk dialog, the Insights
 * "No owner" figure clicking through, and the review naming the owner of a token that disappeared.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './harness/app-harness'
import { runCli } from './harness/cli-process'
import { startScenario, THREE_VENDORS, type Scenario } from './harness/scenario'

let s: Scenario
let page: Page

beforeAll(async () => {
  s = await startScenario({ seed: { tokens: 12, seed: 5 }, connections: THREE_VENDORS, keyring: 'cli' })
  page = s.page
})

afterAll(async () => {
  await s?.close()
})

const count = (n: number) => page.getByTestId('row-count').filter({ hasText: new RegExp(`^${n}$`) }).waitFor()
const tokensOf = (key: string) => s.app.services.inventory.tokens(s.conn[key]!.id)
const ownerOf = (key: string, id: string) => s.app.services.meta.get(s.conn[key]!.id, id)?.owner ?? null
const bar = () => page.getByTestId('bulk-bar')

async function show(hash: string, rows: number): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash)
  await count(rows)
}

async function bulkLabel(button: string, value: string): Promise<void> {
  await page.getByRole('checkbox', { name: 'Select all shown tokens' }).check()
  await bar().getByTestId(button).click()
  await page.getByTestId('bulk-label-value').fill(value)
}

describe('owners and tags in the window', () => {
  it('sets the owner of a selection in one go while a CLI annotates another token: both kept, a result per token', async () => {
    const mpt = tokensOf('mpt')
    await show(`#/inventory?connection=${s.conn.mpt!.id}`, mpt.length)
    await bulkLabel('bulk-owner', 'Platform team')
    await page.mouse.move(0, 0)
    await screenshot(page, 'owners/bulk-owner-light.png')
    await s.app.services.snapshots.flush()
    const fynnToken = tokensOf('fynn')[0]!
    // The CLI's annotate and the window's bulk edit race for the data-folder lock.
    const cli = runCli(['tokens', 'annotate', fynnToken.id, '--connection', 'Billing', '--owner', 'From the CLI', '--offline'], { dataDir: s.dataDir })
    await page.getByTestId('bulk-label-apply').click()
    const results = page.getByTestId('bulk-results')
    await results.waitFor()
    expect(await results.locator('li.is-ok').count()).toBe(mpt.length)
    await page.getByRole('dialog').getByText(`Owner set to Platform team: ${mpt.length} done`).waitFor()
    const annotated = await cli
    expect(annotated.code, annotated.stderr).toBe(0)
    for (const t of mpt) expect(ownerOf('mpt', t.id)).toBe('Platform team')
    await expect.poll(() => ownerOf('fynn', fynnToken.id), { timeout: 5000 }).toBe('From the CLI')
    await page.getByRole('dialog').locator('.p-dialog-footer').getByRole('button', { name: 'Close' }).click()
  })

  it('adds tags across connections, and refuses a secret as the owner without writing anything', async () => {
    const globex = [...tokensOf('fynn'), ...tokensOf('prefactor')]
    await show('#/inventory?client=Globex', globex.length)
    await bulkLabel('bulk-add-tag', 'billing prod')
    await page.getByTestId('bulk-label-apply').click()
    await page.getByRole('dialog').getByText(`Add tags: ${globex.length} done`).waitFor()
    await page.getByRole('dialog').locator('.p-dialog-footer').getByRole('button', { name: 'Close' }).click()
    for (const t of globex) expect(s.app.services.meta.get(t.connectionId, t.id)?.tags).toEqual(['billing', 'prod'])

    const secret = s.sandbox.data.prefactor[0]!.tokens[0]!.secret
    await bulkLabel('bulk-owner', secret)
    await page.getByTestId('bulk-label-apply').click()
    await page.getByTestId('bulk-label-error').filter({ hasText: 'looks like a secret' }).waitFor()
    expect(await page.getByTestId('bulk-label-error').textContent()).not.toContain(secret)
    expect(globex.filter((t) => s.app.services.meta.get(t.connectionId, t.id)?.owner === secret)).toEqual([])
    await page.getByRole('button', { name: 'Cancel' }).click()
    await bar().getByRole('button', { name: 'Clear selection' }).click()
  })

  it('filters by several owners, "No owner" and tag from the toolbar (kept in the URL), and searches owners and tags', async () => {
    const mpt = tokensOf('mpt').length
    const total = s.total()
    // The same owner in another case, on a token of another vendor: one choice, under the spelling most tokens carry.
    const variant = tokensOf('prefactor')[0]!
    await s.app.services.meta.update(s.conn.prefactor!.id, [variant.id], { owner: 'platform TEAM' })
    await show('#/inventory', total)
    const owners = page.getByTestId('filter-owner')
    await owners.click()
    const overlay = page.locator('.p-multiselect-overlay')
    await overlay.getByRole('option', { name: 'Platform team' }).click()
    expect(await overlay.getByRole('option', { name: /platform team/i }).count()).toBe(1)
    await count(mpt + 1)
    await overlay.getByRole('option', { name: 'From the CLI' }).click()
    await count(mpt + 2)
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('owner=Platform+team&owner=From+the+CLI')
    expect(await owners.innerText()).toContain('Platform team, From the CLI')
    await page.keyboard.press('Escape')
    // Opened from the URL (a link, a reload): the same view.
    const linked = await s.app.openPage(s.browser)
    await linked.evaluate(() => (location.hash = '#/inventory?owner=PLATFORM+TEAM&owner=from+the+cli'))
    await linked.getByTestId('row-count').filter({ hasText: new RegExp(`^${mpt + 2}$`) }).waitFor()
    await linked.getByTestId('filter-owner').filter({ hasText: 'Platform team, From the CLI' }).waitFor()
    await linked.context().close()
    await owners.click()
    await overlay.getByRole('option', { name: 'Platform team' }).click()
    await overlay.getByRole('option', { name: 'From the CLI' }).click()
    await count(total)
    await overlay.getByRole('option', { name: 'No owner' }).click()
    await count(total - mpt - 2)
    await page.keyboard.press('Escape')
    expect(await page.evaluate(() => location.hash)).toContain('noowner=1')
    await page.getByTestId('filter-tag').click()
    await page.getByRole('option', { name: 'prod' }).click()
    await count(tokensOf('fynn').length + tokensOf('prefactor').length - 2)
    await page.mouse.move(0, 0)
    await screenshot(page, 'owners/toolbar-filters-light.png')
    await page.getByRole('button', { name: 'Clear filters' }).first().click()
    await count(total)
    await page.getByTestId('search').fill('from the cli')
    await count(1)
    await page.getByTestId('search').fill('')
    await count(total)
    await s.app.services.meta.update(s.conn.prefactor!.id, [variant.id], { owner: '' })
  })

  it('shows "No owner" in Insights, clicking through to exactly those tokens', async () => {
    const unowned = s.total() - tokensOf('mpt').length - 1
    await page.evaluate(() => (location.hash = '#/insights'))
    const kpi = page.getByTestId('kpi-noowner')
    await kpi.filter({ hasText: new RegExp(`^${unowned}\\s*No owner`) }).waitFor()
    await kpi.click()
    await count(unowned)
    expect(await page.evaluate(() => location.hash)).toContain('noowner=1')
  })

  it('names the owner of a token that disappeared since the review', async () => {
    await s.app.services.review.mark()
    const gone = tokensOf('mpt').find((t) => t.name)!
    await s.app.services.actions.perform(s.conn.mpt!.id, gone.id, 'delete')
    await s.app.services.inventory.refresh(s.conn.mpt!.id)
    await page.evaluate(() => (location.hash = '#/review'))
    const removed = page.getByTestId('review-removed')
    await removed.locator('li').filter({ hasText: gone.id }).getByTestId('review-owner').filter({ hasText: 'Owner: Platform team' }).waitFor()
    await page.mouse.move(0, 0)
    await screenshot(page, 'owners/review-owner-light.png')
  })

  it('names the one token a bulk tag edit could not change, and why; every other token is done', async () => {
    const globex = [...tokensOf('fynn'), ...tokensOf('prefactor')]
    const crowded = globex[1]!
    await s.app.services.meta.update(crowded.connectionId, [crowded.id], { tags: Array.from({ length: 20 }, (_, i) => `t${i}`) })
    await show('#/inventory?client=Globex', globex.length)
    await bulkLabel('bulk-add-tag', 'audited')
    await page.getByTestId('bulk-label-apply').click()
    await page.getByRole('dialog').getByText(`Add tags: ${globex.length - 1} done, 1 failed`).waitFor()
    const results = page.getByTestId('bulk-results')
    const failed = results.locator('li.is-error')
    expect(await failed.count()).toBe(1)
    expect(await failed.innerText()).toContain(crowded.id)
    expect(await failed.innerText()).toContain('It would have more than 20 tags.')
    // The lines lie one under the other, with a message (measured) or without (one fixed height,
    // never measured): none overlaps the next, none leaves a gap.
    const boxes = await results.locator('li').evaluateAll((lis) => lis.map((li) => ({ i: Number((li as HTMLElement).dataset.index), ...li.getBoundingClientRect().toJSON() as DOMRect })).sort((a, b) => a.i - b.i))
    expect(boxes.length).toBeGreaterThan(5)
    for (let i = 1; i < boxes.length; i++) expect(Math.abs(boxes[i]!.top - boxes[i - 1]!.bottom), `line ${i}`).toBeLessThan(0.5)
    await page.mouse.move(0, 0)
    await screenshot(page, 'owners/bulk-one-failed-light.png')
    await page.getByRole('dialog').locator('.p-dialog-footer').getByRole('button', { name: 'Close' }).click()
    for (const t of globex) expect(s.app.services.meta.get(t.connectionId, t.id)?.tags.includes('audited'), t.id).toBe(t !== crowded)
    // As the earlier tests left them, for the screenshots.
    for (const c of new Set(globex.map((t) => t.connectionId))) await s.app.services.meta.update(c, globex.filter((t) => t.connectionId === c).map((t) => t.id), { tags: ['billing', 'prod'] })
  })

  it('looks right dark and at both window sizes', { timeout: 120_000 }, async () => {
    for (const [viewport, suffix, colorScheme] of [
      [{ width: 880, height: 560 }, '880', 'dark'],
      [{ width: 1920, height: 1080 }, '1920', 'light'],
    ] as const) {
      {
        const p = await s.app.openPage(s.browser, { colorScheme, viewport })
        await p.evaluate(() => (location.hash = '#/inventory?owner=Platform+team&tag=&noowner='))
        await p.getByTestId('filter-owner').filter({ hasText: 'Platform team' }).waitFor()
        await p.mouse.move(0, 0)
        await screenshot(p, `owners/toolbar-${suffix}-${colorScheme}.png`)
        await p.getByRole('checkbox', { name: 'Select all shown tokens' }).check()
        await p.getByTestId('bulk-bar').getByTestId('bulk-add-tag').click()
        await p.getByTestId('bulk-label-value').fill('prod')
        await screenshot(p, `owners/bulk-dialog-${suffix}-${colorScheme}.png`)
        await p.getByRole('button', { name: 'Cancel' }).click()
        await p.evaluate(() => (location.hash = '#/review'))
        await p.getByTestId('review-removed').getByTestId('review-owner').first().waitFor()
        await p.mouse.move(0, 0)
        await screenshot(p, `owners/review-${suffix}-${colorScheme}.png`)
        await p.context().close()
      }
    }
  })
})
