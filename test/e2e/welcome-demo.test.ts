/** First run: the welcome screen, the demo workspace, insights in light and dark, and removing the demo. */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { computeInsights } from '../../electron/common/insights'
import { screenshot, type AppHarness } from './harness/app-harness'
import { withApp } from './harness/with-app'

const w = withApp()
let app: AppHarness
let page: Page

beforeAll(async () => {
  app = await w.start()
  page = await app.openPage(w.browser)
})

describe('welcome and demo workspace', () => {
  it('opens on a welcome screen when there are no connections', async () => {
    await page.getByRole('heading', { name: 'Welcome to Tokendesk' }).waitFor()
    expect(new URL(page.url()).hash).toBe('#/welcome')
    await page.mouse.move(0, 0)
    await screenshot(page, 'welcome.png')
  })

  it('explores with demo data: three labelled demo connections, refreshed', async () => {
    await page.getByTestId('welcome-demo').click()
    await page.getByTestId('row-count').filter({ hasText: /^751$/ }).waitFor({ timeout: 30_000 })
    const nav = page.getByRole('navigation', { name: 'Main' })
    expect(await nav.innerText()).toMatch(/Demo workspace[\s\S]*Northwind[\s\S]*demo/i)
    expect(app.services.connections.list().every((c) => c.demo && c.client === 'Demo workspace')).toBe(true)
    await page.mouse.move(0, 0)
    await screenshot(page, 'demo-inventory.png')
  })

  it('shows insights whose every figure clicks through to the same number of tokens', async () => {
    await page.getByRole('link', { name: 'Insights' }).click()
    await page.getByTestId('kpis').waitFor()
    await page.locator('.td-chart canvas').waitFor()
    const expected = computeInsights(app.services.inventory.tokens(), Date.now())
    expect(Number(await page.getByTestId('kpi-expiring-7').locator('.td-kpi__value').innerText())).toBe(expected.expiringWithin[7])
    expect(Number(await page.getByTestId('kpi-never').locator('.td-kpi__value').innerText())).toBe(expected.neverUsed)
    await page.mouse.move(0, 0)
    await screenshot(page, 'insights.png')
    for (const [kpi, value] of [['kpi-expiring-30', expected.expiringWithin[30]], ['kpi-unused', expected.unused90], ['kpi-inactive', expected.inactive]] as const) {
      await page.getByTestId(kpi).click()
      await page.getByTestId('row-count').filter({ hasText: new RegExp(`^${value}$`) }).waitFor()
      await page.goBack()
      await page.getByTestId('kpis').waitFor()
    }
  })

  it('looks as good in dark', async () => {
    const dark = await app.openPage(w.browser, { colorScheme: 'dark' })
    await dark.goto(`${app.origin}#/insights`)
    await dark.locator('.td-chart canvas').waitFor()
    await dark.waitForFunction(() => document.documentElement.classList.contains('td-dark'))
    await dark.mouse.move(0, 0)
    await screenshot(dark, 'insights-dark.png')
    await dark.close()
  })

  it('removes the demo data in one step and returns to the welcome screen', async () => {
    const ids = app.services.connections.list().map((c) => c.id)
    await page.getByTestId('remove-demo').click()
    const dialog = page.getByRole('alertdialog')
    await dialog.getByRole('button', { name: 'Remove demo data' }).click()
    await page.getByRole('heading', { name: 'Welcome to Tokendesk' }).waitFor()
    expect(app.services.connections.list()).toEqual([])
    for (const id of ids) expect(await w.secrets.get(id)).toBeNull()
  })
})
