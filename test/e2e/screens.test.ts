/**
 * Screenshots for review, at the minimum window, a laptop and a desktop, light and dark: the
 * inventory, a token's details, and a confirmation naming a hostile token. Each also checks that
 * nothing spills sideways and that the client of every row is in view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './harness/app-harness'
import { startScenario, THREE_VENDORS, type Scenario } from './harness/scenario'

let s: Scenario
let hostileId = ''

beforeAll(async () => {
  s = await startScenario({
    seed: { tokens: 60, seed: 42 },
    connections: THREE_VENDORS,
    patch: (data) => {
      const t = data.mpt[0]!.tokens[4]!
      t.name = 'Payroll \u202Efdp.exe'
      hostileId = t.id
    },
  })
})

afterAll(async () => {
  await s?.close()
})

describe('screenshots', () => {
  for (const [width, height] of [[880, 560], [1280, 800], [1920, 1080]] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`${width}×${height} ${colorScheme}`, async () => {
        const page = await s.app.openPage(s.browser, { viewport: { width, height }, colorScheme })
        await page.getByTestId('row-count').filter({ hasText: new RegExp(`^${s.total()}$`) }).waitFor()
        if (colorScheme === 'dark') await page.waitForFunction(() => document.documentElement.classList.contains('td-dark'))
        const name = `${width}-${colorScheme}`
        await page.mouse.move(0, 0)
        await screenshot(page, `screens/${name}-inventory.png`)
        const fits = await page.evaluate(() => {
          const scroller = document.querySelector('[data-testid=token-rows]') as HTMLElement
          return scroller.scrollWidth <= scroller.clientWidth && document.documentElement.scrollWidth <= window.innerWidth
        })
        expect(fits).toBe(true)
        expect(await page.locator('.td-grid__row [data-col=client]').count()).toBeGreaterThan(0)

        await page.getByTestId('search').fill(hostileId)
        await page.locator('.td-grid__row').filter({ hasText: hostileId }).locator('.td-token__name').click()
        await page.getByTestId('details').waitFor()
        await page.mouse.move(0, 0)
        await screenshot(page, `screens/${name}-details.png`)
        await page.getByTestId('details').getByRole('button', { name: 'Delete' }).click()
        await page.getByRole('alertdialog').waitFor()
        await screenshot(page, `screens/${name}-confirm.png`)
        await page.keyboard.press('Escape')
        await page.context().close()
      })
    }
  }
})
