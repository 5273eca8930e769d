/**
 * The window's layout as issue 26's testers saw it, measured in Chromium: the sidebar cuts a long
 * client name with an ellipsis (its tooltip the whole name) instead of breaking it mid-word; every
 * sidebar button and link shows a focus ring when reached by keyboard; a token's details at
 * 1920×1080 sit beside the grid, its column headers all in view; the Connections page at 880×560
 * keeps every row's actions in view and clickable. Light and dark, at both sizes.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './harness/app-harness'
import { startScenario, type Scenario } from './harness/scenario'

const LONG_CLIENT = 'Globex Internationalization Department'

let s: Scenario

beforeAll(async () => {
  s = await startScenario({
    seed: { tokens: 30, seed: 7, accounts: { mpt: 2, fynn: 1, prefactor: 0 } },
    connections: [
      { key: 'acme', provider: 'mpt', account: 0, label: 'Marketplace Production Europe', client: 'Acme Corporation Worldwide Holdings' },
      { key: 'globex', provider: 'mpt', account: 1, label: 'Marketplace US', client: LONG_CLIENT },
      { key: 'fynn', provider: 'fynn', account: 0, label: 'Billing', client: 'Initech' },
    ],
    viewport: { width: 1920, height: 1080 },
  })
})

afterAll(async () => {
  await s?.close()
})

async function open(size: { width: number; height: number }, colorScheme: 'light' | 'dark'): Promise<Page> {
  const page = await s.app.openPage(s.browser, { viewport: size, colorScheme })
  await page.getByTestId('row-count').filter({ hasText: new RegExp(`^${s.total()}$`) }).waitFor()
  if (colorScheme === 'dark') await page.waitForFunction(() => document.documentElement.classList.contains('td-dark'))
  return page
}

/** Whether the element's centre is where a click lands on it (nothing over it, inside the window). */
const reachable = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    return [...document.querySelectorAll<HTMLElement>(sel)].map((el) => {
      const r = el.getBoundingClientRect()
      const x = r.left + r.width / 2
      const y = r.top + r.height / 2
      const inside = x >= 0 && y >= 0 && x <= window.innerWidth && y <= window.innerHeight
      return { text: el.getAttribute('aria-label') ?? el.textContent!.trim(), ok: inside && el.contains(document.elementFromPoint(x, y)) }
    })
  }, selector)

describe('the sidebar', () => {
  it('cuts a long client name on one line with an ellipsis and the whole name as its tooltip', async () => {
    const page = s.page
    const label = page.locator('.td-client__name .td-sidebar__label').filter({ hasText: 'Globex' })
    expect(await label.getAttribute('title')).toBe(LONG_CLIENT)
    const shape = await label.evaluate((el) => {
      const style = getComputedStyle(el)
      return { whiteSpace: style.whiteSpace, textOverflow: style.textOverflow, lines: Math.round(el.getBoundingClientRect().height / parseFloat(style.lineHeight)), cut: el.scrollWidth > el.clientWidth }
    })
    expect(shape).toEqual({ whiteSpace: 'nowrap', textOverflow: 'ellipsis', lines: 1, cut: true })
  })

  it('shows a focus ring on every button and link reached with Tab', async () => {
    const page = s.page
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    const seen: { what: string; outline: string }[] = []
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab')
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null
        if (!el?.closest('.td-sidebar') || !el.matches('a, button')) return null
        const style = getComputedStyle(el)
        return { what: el.getAttribute('aria-label') ?? el.getAttribute('title') ?? el.textContent!.trim(), outline: `${style.outlineStyle} ${style.outlineWidth}` }
      })
      if (focused) seen.push(focused)
    }
    expect(seen.map((f) => f.what)).toEqual(expect.arrayContaining(['All tokens', 'Settings', 'Collapse the sidebar']))
    expect(seen.some((f) => f.what.startsWith('Lock Tokendesk'))).toBe(true)
    expect(seen.length).toBeGreaterThanOrEqual(10)
    expect(seen.filter((f) => f.outline !== 'solid 2px')).toEqual([])
  })
})

describe('window sizes', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`1920×1080 ${colorScheme}: the details sit beside the grid, every column header in view`, async () => {
      const page = await open({ width: 1920, height: 1080 }, colorScheme)
      await page.mouse.move(0, 0)
      await screenshot(page, `layout/1920-${colorScheme}-inventory.png`)
      await page.locator('.td-grid__row .td-token__name').first().click()
      await page.getByTestId('details').waitFor()
      const boxes = await page.evaluate(() => ({
        grid: document.querySelector('.td-grid')!.getBoundingClientRect().toJSON() as DOMRect,
        details: document.querySelector('[data-testid=details]')!.getBoundingClientRect().toJSON() as DOMRect,
      }))
      expect(boxes.grid.right).toBeLessThanOrEqual(boxes.details.left)
      const headers = await reachable(page, '.td-grid [role=columnheader]')
      expect(headers.length).toBeGreaterThanOrEqual(4)
      expect(headers.filter((h) => !h.ok)).toEqual([])
      // The columns that give way leave no sideways scroll.
      expect(await page.evaluate(() => { const el = document.querySelector('[data-testid=token-rows]')!; return el.scrollWidth <= el.clientWidth })).toBe(true)
      await page.mouse.move(0, 0)
      await screenshot(page, `layout/1920-${colorScheme}-details.png`)
      await page.context().close()
    })

    it(`880×560 ${colorScheme}: every connection's actions are in view and clickable`, async () => {
      const page = await open({ width: 880, height: 560 }, colorScheme)
      await screenshot(page, `layout/880-${colorScheme}-inventory.png`)
      await page.evaluate(() => (location.hash = '#/connections'))
      await page.getByRole('heading', { name: 'Connections' }).waitFor()
      const actions = await reachable(page, '.td-row-actions button')
      expect(actions.length).toBe(9)
      expect(actions.filter((a) => !a.ok)).toEqual([])
      await page.mouse.move(0, 0)
      await screenshot(page, `layout/880-${colorScheme}-connections.png`)
      await page.getByRole('button', { name: `Edit Billing` }).click()
      await page.getByRole('dialog', { name: 'Edit connection' }).waitFor()
      await page.context().close()
    })
  }
})
