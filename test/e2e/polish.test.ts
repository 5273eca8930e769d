/** The polish of issue 13, each driven as a user would and asserted on what they see. */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './harness/app-harness'
import { startScenario, THREE_VENDORS, type Scenario } from './harness/scenario'

const LONG = `${'x'.repeat(300)}\nsecond line`
let s: Scenario
let page: Page

beforeAll(async () => {
  s = await startScenario({
    seed: { tokens: 30, seed: 21 },
    connections: THREE_VENDORS,
    patch: (data) => {
      data.mpt[0]!.tokens[2]!.description = LONG
      data.mpt[0]!.tokens[3]!.description = 'Rotated by the zebra pipeline'
      const pf = data.prefactor[0]!.tokens[0]!
      pf.status = 'suspended'
      pf.expires_at = new Date(Date.now() - 86_400_000).toISOString()
    },
  })
  page = s.page
})

afterAll(async () => {
  await s?.close()
})

const rows = () => page.locator('.td-grid__row')
const details = () => page.getByTestId('details')

async function goto(hash: string): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash)
}

describe('polish', () => {
  it('the create form drops “Enter a name.” as soon as a name is typed', async () => {
    await goto(`#/inventory?connection=${s.conn.mpt!.id}`)
    await page.getByTestId('create-token').click()
    const form = page.getByTestId('create-form')
    await form.getByTestId('submit-create').click()
    await form.getByText('Enter a name.').waitFor()
    await form.locator('#ct-name').fill('Quarterly export')
    await form.getByText('Enter a name.').waitFor({ state: 'detached' })
    await page.keyboard.press('Escape')
    await form.waitFor({ state: 'detached' })
  })

  it('shows “Expired” beside “Suspended” without clipping it', async () => {
    const pf = s.sandbox.data.prefactor[0]!.tokens[0]!
    await goto('#/inventory')
    await page.getByTestId('search').fill(pf.id)
    const cell = rows().filter({ hasText: pf.id }).locator('[data-col=status]')
    await cell.getByText('Expired').waitFor()
    const fits = await cell.evaluate((c) => [...c.querySelectorAll('.td-badge')].every((b) => b.getBoundingClientRect().right <= c.getBoundingClientRect().right))
    expect(fits).toBe(true)
  })

  it('wraps a long unbroken description inside the details and keeps its line breaks', async () => {
    const t = s.sandbox.data.mpt[0]!.tokens[2]!
    await page.getByTestId('search').fill(t.id)
    await rows().filter({ hasText: t.id }).locator('.td-token__name').click()
    const description = details().locator('.td-details__description')
    await description.waitFor()
    expect(await description.evaluate((d) => d.scrollWidth <= d.clientWidth + 1)).toBe(true)
    expect(await description.innerText()).toMatch(/x+\nsecond line/)
    await page.keyboard.press('Escape')
    await details().waitFor({ state: 'detached' })
  })

  it('clears the search with Esc, opens the only match with Enter, and says why a row matched', async () => {
    const t = s.sandbox.data.mpt[0]!.tokens[3]!
    const search = page.getByTestId('search')
    await search.fill('zebra')
    const row = rows().filter({ hasText: t.id })
    await row.waitFor()
    expect(await row.locator('.td-matched').innerText()).toBe('in description')
    await search.press('Enter')
    await details().waitFor()
    expect(await details().innerText()).toContain(t.id)
    await page.keyboard.press('Escape')
    await details().waitFor({ state: 'detached' })
    await search.press('Escape')
    await expect.poll(() => search.inputValue()).toBe('')
    await page.getByTestId('row-count').filter({ hasText: new RegExp(`^${s.total()}$`) }).waitFor()
  })

  it('names the export menu button', async () => {
    expect(await page.getByTestId('export').getByRole('button', { name: 'More export formats' }).count()).toBe(1)
  })

  it('shows the whole “Created by” header', async () => {
    const p = await s.app.openPage(s.browser, { viewport: { width: 1920, height: 1080 } })
    const label = p.locator('[role=columnheader][data-col=createdBy] .td-sort span')
    await label.waitFor()
    expect(await label.evaluate((l) => l.scrollWidth <= l.clientWidth)).toBe(true)
    await p.context().close()
  })

  it('reports an already-disabled token in a bulk disable as such, not as a failure', async () => {
    const tokens = s.app.services.inventory.tokens(s.conn.mpt!.id)
    const active = tokens.find((t) => t.status === 'active' && !t.isOwnCredential)!
    const disabled = tokens.find((t) => t.status === 'disabled')!
    for (const t of [active, disabled]) {
      await page.getByTestId('search').fill(t.id)
      await rows().filter({ hasText: t.id }).locator('input[type=checkbox]').check()
    }
    await page.getByTestId('search').fill('')
    await page.getByTestId('bulk-bar').getByText('2 selected').waitFor()
    await page.getByTestId('bulk-disable').click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Disable 1' }).click()
    const results = page.getByTestId('bulk-results')
    await results.waitFor()
    expect(await results.locator('li.is-error').count()).toBe(0)
    expect(await results.locator('li.is-ok').count()).toBe(2)
    expect(await results.innerText()).toMatch(/Already disabled/)
    await page.getByRole('dialog').locator('.p-dialog-footer').getByRole('button', { name: 'Close' }).click()
    await results.waitFor({ state: 'detached' })
  })

  it('Settings says when a number is out of range or empty, and what it kept', async () => {
    await goto('#/settings')
    const field = page.locator('#setting-clipboardClearSec')
    await field.fill('4')
    await field.press('Tab')
    const note = page.getByTestId('setting-note-clipboardClearSec')
    await expect.poll(() => note.innerText()).toMatch(/4 s is not allowed \(5–300 s\); kept 30 s/)
    expect(s.app.services.settings.get().clipboardClearSec).toBe(30)
    await field.fill('')
    await field.press('Tab')
    await expect.poll(() => note.innerText()).toMatch(/Empty is not allowed/)
    await expect.poll(() => field.inputValue()).toBe('30 s')
    await screenshot(page, 'settings-range.png')
  })

  it('Review rows open their token; removed rows line up', async () => {
    await goto('#/review')
    await page.getByTestId('mark-reviewed').click()
    await page.getByText('Nothing changed').waitFor()
    const changed = s.sandbox.data.mpt[0]!.tokens.find((t) => t.status === 'Active' && t.name !== 'Tokendesk')!
    changed.status = 'Disabled'
    const removed = s.sandbox.data.fynn[0]!.tokens.splice(0, 1)[0]!
    await s.app.services.inventory.refreshAll()
    await goto('#/inventory')
    await page.getByTestId('refresh').click()
    await goto('#/review')
    const row = page.getByTestId('review-changed').locator('li').filter({ hasText: changed.id })
    await row.waitFor()
    const gone = page.getByTestId('review-removed').locator('li').filter({ hasText: removed.id })
    expect(await gone.evaluate((li) => li.children.length)).toBe(3)
    await row.getByRole('link').click()
    await details().waitFor()
    expect(await details().innerText()).toContain(changed.id)
    await page.keyboard.press('Escape')
  })

  it('the Connections page shows each connection’s status; Insights says how old its figures are', async () => {
    await goto('#/connections')
    const states = page.getByTestId('connection-state')
    await states.first().waitFor()
    expect(await states.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/Up to date · \d+ tokens/)]))
    await goto('#/insights')
    await page.getByTestId('insights-as-of').waitFor()
    await s.app.services.settings.update({ workOffline: true })
    await page.reload()
    await page.getByTestId('offline-banner').waitFor()
    await s.app.services.settings.update({ workOffline: false })
  })
})
