/**
 * A damaged activity log as the window shows it, in real Chromium: opening a token's Activity tab
 * finds `activity.sealed` unreadable, sets it aside and says so in a notice — not an empty tab in
 * silence — once; a window opened later shows the notice too. Screenshots at 880×560 and
 * 1920×1080, light and dark.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './harness/app-harness'
import { startScenario, THREE_VENDORS, type Scenario } from './harness/scenario'

let s: Scenario
beforeAll(async () => {
  s = await startScenario({ seed: { tokens: 8, seed: 3 }, connections: THREE_VENDORS })
})
afterAll(async () => {
  await s?.close()
})

const SAID = 'The activity log (what was done to each token from Tokendesk) could not be read'
const notices = (page: Page) => page.locator('.p-toast-message').filter({ hasText: SAID })

describe('a damaged activity log in the window', () => {
  it('opening a token’s Activity says the log was set aside and kept, once', async () => {
    await fs.writeFile(path.join(s.dataDir, 'activity.sealed'), 'overwritten by something else')
    const page = s.page
    await page.goto(`${s.app.origin}#/inventory`)
    await page.locator('.td-grid__row .td-token__name').first().click()
    const details = page.getByTestId('details')
    await details.getByRole('tab', { name: 'Activity' }).click()
    await notices(page).waitFor()
    const kept = (await fs.readdir(s.dataDir)).filter((f) => f.startsWith('activity.sealed.corrupt-'))
    expect(kept).toHaveLength(1)
    expect(await notices(page).textContent()).toContain(`kept the old file as ${kept[0]}. A token’s Activity shows only what is done from now on.`)
    await details.getByRole('tab', { name: 'General' }).click()
    await details.getByRole('tab', { name: 'Activity' }).click()
    await expect.poll(() => notices(page).count()).toBe(1)
  })
})

describe('screenshots', () => {
  for (const [width, height] of [[880, 560], [1920, 1080]] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`the notice in a window opened later, at ${width}×${height} (${colorScheme})`, async () => {
        const page = await s.app.openPage(s.browser, { viewport: { width, height }, colorScheme })
        if (colorScheme === 'dark') await page.waitForFunction(() => document.documentElement.classList.contains('td-dark'))
        await page.goto(`${s.app.origin}#/inventory`)
        await page.locator('.td-grid__row').first().waitFor()
        await notices(page).waitFor()
        await page.mouse.move(0, 0)
        await screenshot(page, `activity-damaged/${width}-${colorScheme}.png`)
        await page.context().close()
      })
    }
  }
})
