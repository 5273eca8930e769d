/** Expiry lead times in the window: edited in Settings (kept when unreadable), marked on the insights chart. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './harness/app-harness'
import { startScenario, THREE_VENDORS, type Scenario } from './harness/scenario'

let s: Scenario

beforeAll(async () => {
  s = await startScenario({ seed: { tokens: 40, seed: 16 }, connections: THREE_VENDORS })
})

afterAll(async () => {
  await s?.close()
})

const goto = (hash: string) => s.page.evaluate((h) => (location.hash = h), hash)

describe('expiry lead times', () => {
  it('the insights chart marks the default lead times, 60 / 30 / 7 / 1 days', async () => {
    await goto('#/insights')
    const chart = s.page.locator('.td-chart')
    await chart.locator('canvas').waitFor()
    expect(await chart.getAttribute('data-lead-marks')).toBe('60,30,7,1')
    expect(await chart.getAttribute('aria-label')).toMatch(/lead times marked: 60 days, 30 days, 7 days, 1 days\.$/)
    await s.page.mouse.move(0, 0)
    await screenshot(s.page, 'lead-times/insights-light.png')
  })

  it('Settings edits them as one field; an unreadable value is not saved and the note says what was kept', async () => {
    await goto('#/settings')
    const field = s.page.locator('#setting-expiryLeadDays')
    expect(await field.inputValue()).toBe('60, 30, 7, 1')
    await field.fill('14 3, 45')
    await field.press('Tab')
    await expect.poll(() => s.app.services.settings.get().expiryLeadDays).toEqual([45, 14, 3])
    await expect.poll(() => field.inputValue()).toBe('45, 14, 3')
    await field.fill('7, 0')
    await field.press('Enter')
    const note = s.page.getByTestId('setting-note-expiryLeadDays')
    await expect.poll(() => note.innerText()).toBe('Each lead time is 1–365 days (0 is not). Kept 45, 14, 3.')
    expect(s.app.services.settings.get().expiryLeadDays).toEqual([45, 14, 3])
    await screenshot(s.page, 'lead-times/settings.png')
    await goto('#/insights')
    await expect.poll(() => s.page.locator('.td-chart').getAttribute('data-lead-marks')).toBe('45,14,3')
  })

  it('looks right in dark', async () => {
    const dark = await s.app.openPage(s.browser, { colorScheme: 'dark', viewport: { width: 880, height: 560 } })
    await dark.evaluate(() => (location.hash = '#/insights'))
    await dark.locator('.td-chart canvas').waitFor()
    await dark.waitForFunction(() => document.documentElement.classList.contains('td-dark'))
    await dark.mouse.move(0, 0)
    await screenshot(dark, 'lead-times/insights-dark-880.png')
    await dark.context().close()
  })
})
