/* eslint-disable no-control-regex -- these tests look for raw control characters on purpose */
/**
 * Vendor and user text written by someone hostile: bidi overrides, zero-width and control
 * characters, HTML, blank and 200-character names. Each is shown as text, in its own isolated
 * run, with its invisible characters made visible; names that only look alike are flagged.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './harness/app-harness'
import { startScenario, type Scenario } from './harness/scenario'

const RLO = '\u202E'
const NAMES = {
  rlo: `Payroll ${RLO}fdp.exe`,
  zwsp: 'Audit\u200Bscript',
  plain: 'Auditscript',
  html: '<img src=x onerror="document.title=\'pwned\'">',
  ansi: 'evil\u001b[31mRED\u001b]0;pwned\u0007\u001b[2J',
  blank: '   ',
}
const LABEL = `Market${RLO}place`

let s: Scenario
let page: Page
const ids: Record<string, string> = {}

beforeAll(async () => {
  s = await startScenario({
    seed: { tokens: 20, seed: 3, accounts: { mpt: 1, fynn: 0, prefactor: 0 } },
    connections: [{ key: 'mpt', provider: 'mpt', label: LABEL, client: 'Acme Corp' }],
    patch: (data) => {
      const tokens = data.mpt[0]!.tokens
      Object.entries(NAMES).forEach(([key, name], i) => {
        tokens[i + 1]!.name = name
        ids[key] = tokens[i + 1]!.id
      })
      tokens[8]!.description = `${RLO}gnp.exe`
      ids.description = tokens[8]!.id
    },
  })
  page = s.page
})

afterAll(async () => {
  await s?.close()
})

const rows = () => page.locator('.td-grid__row')
const details = () => page.getByTestId('details')
const rowOf = (id: string) => rows().filter({ hasText: id })
/** Text content with no bidi controls left raw: what a reader sees is what is there. */
const RAW_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u0000-\u0008\u000B-\u001F\u007F]/

async function search(text: string): Promise<void> {
  await page.getByTestId('search').fill(text)
  await page.waitForFunction((t) => [...document.querySelectorAll('.td-grid__row')].every((r) => r.textContent!.includes(t)), text)
}

async function open(id: string): Promise<void> {
  await search(id)
  await rowOf(id).locator('.td-token__name').click()
  await details().waitFor()
}

async function close(): Promise<void> {
  await details().getByRole('button', { name: 'Close details' }).click()
  await details().waitFor({ state: 'detached' })
}

describe('hostile text', () => {
  it('shows a bidi override in a name as a marker, in an isolated run, in the row and the delete confirmation', async () => {
    await open(ids.rlo!)
    const name = rowOf(ids.rlo!).locator('.td-token__name')
    expect(await name.innerText()).toContain('U+202E')
    expect(await name.locator('bdi').count()).toBeGreaterThan(0)
    await details().getByRole('button', { name: 'Delete' }).click()
    const dialog = page.getByRole('alertdialog')
    await dialog.waitFor()
    const text = await dialog.innerText()
    expect(text).toContain('U+202E')
    expect(text).toMatch(/^Delete “Payroll/m)
    expect(text).toContain('in Acme Corp · Market')
    expect(RAW_CONTROLS.test(text)).toBe(false)
    expect(await dialog.locator('bdi').count()).toBeGreaterThanOrEqual(2)
    await page.mouse.move(0, 0)
    await screenshot(page, 'confirm-hostile.png')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'detached' })
    await close()
  })

  it('keeps a connection label with an override from reversing the sentence and the ids after it', async () => {
    await open(ids.plain!)
    const label = await details().locator('.td-secret__label').innerText()
    expect(label).toMatch(/read from .*U\+202E.* when you ask/)
    expect(RAW_CONTROLS.test(await details().innerText())).toBe(false)
    expect(await details().innerText()).toContain(ids.plain)
    await close()
  })

  it('shows a description with an override as what it is', async () => {
    await open(ids.description!)
    const text = await details().innerText()
    expect(text).toContain('U+202E')
    expect(text).toContain('gnp.exe')
    expect(RAW_CONTROLS.test(text)).toBe(false)
    await close()
  })

  it('flags two names that look the same but differ underneath', async () => {
    await search('Audit')
    for (const key of ['zwsp', 'plain'] as const) {
      const flag = rowOf(ids[key]!).getByTestId('lookalike')
      expect(await flag.count(), key).toBe(1)
      expect(await flag.getAttribute('title')).toMatch(/looks like another token/i)
    }
    expect(await rowOf(ids.zwsp!).innerText()).toContain('U+200B')
  })

  it('looks for them off the window’s thread, in a worker', async () => {
    // On the window's thread the check cost scrolled frames with 50,000 tokens (issue 17). A
    // refresh that renames nothing is not checked again (test/component/lookalike.test.ts).
    const other = await s.app.openPage(s.browser)
    try {
      const started = await new Promise<string>((resolve) => other.once('worker', (worker) => resolve(worker.url())))
      expect(started).toMatch(/lookalike\.worker/)
    } finally {
      await other.context().close()
    }
    await search('Audit')
    await expect.poll(() => rowOf(ids.zwsp!).getByTestId('lookalike').count()).toBe(1)
  })

  it('shows HTML and terminal escapes as text, and a blank name as “Unnamed” that can be opened', async () => {
    await search('')
    expect(await page.title()).not.toBe('pwned')
    await open(ids.html!)
    expect(await details().getByRole('heading').innerText()).toContain('<img src=x')
    await close()
    await open(ids.ansi!)
    expect(await details().getByRole('heading').innerText()).toContain('U+001B')
    await close()
    await open(ids.blank!)
    expect(await details().getByRole('heading').innerText()).toContain('Unnamed')
    await close()
    expect(RAW_CONTROLS.test(await page.locator('.td-grid').innerText())).toBe(false)
  })
})

describe('a grid that fits every width', () => {
  for (const viewport of [{ width: 880, height: 560 }, { width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
    it(`fits ${viewport.width}×${viewport.height}: header and body scroll together, the client is always in view, truncated cells have tooltips`, async () => {
      const p = await s.app.openPage(s.browser, { viewport })
      await p.getByTestId('row-count').filter({ hasText: new RegExp(`^${s.total()}$`) }).waitFor()
      const layout = await p.evaluate(() => {
        const grid = document.querySelector('.td-grid') as HTMLElement
        const scroller = document.querySelector('[data-testid=token-rows]') as HTMLElement
        const head = document.querySelector('.td-grid__head') as HTMLElement
        const headers = [...head.querySelectorAll('[role=columnheader]')].map((h) => h.textContent!.trim())
        const gridBox = grid.getBoundingClientRect()
        const offscreen = [...head.querySelectorAll('[role=columnheader]')].filter((h) => h.getBoundingClientRect().right > gridBox.right + 1).map((h) => h.textContent!.trim())
        const actions = document.querySelector('.td-inv__actions') as HTMLElement
        const buttons = [...actions.querySelectorAll('button')].map((b) => b.getBoundingClientRect().top)
        const truncated = [...document.querySelectorAll('.td-grid__row [data-col]')]
          .flatMap((cell) => [cell, ...cell.querySelectorAll('*')])
          .filter((el) => el instanceof HTMLElement && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
          .filter((el) => !(el as HTMLElement).closest('[title]'))
          .map((el) => el.textContent)
        return {
          headerInScroller: scroller.contains(head),
          headers,
          offscreen,
          sidebar: (document.querySelector('.td-sidebar') as HTMLElement).getBoundingClientRect().width,
          oneLineOfButtons: Math.max(...buttons) - Math.min(...buttons) < 8,
          truncated,
          overflowX: scroller.scrollWidth - scroller.clientWidth,
        }
      })
      await p.mouse.move(0, 0)
      await screenshot(p, `grid-${viewport.width}.png`)
      expect(layout.headerInScroller).toBe(true)
      expect(layout.headers).toContain('Client')
      expect(layout.headers).toContain('Status')
      expect(layout.offscreen).toEqual([])
      expect(layout.oneLineOfButtons).toBe(true)
      expect(layout.truncated).toEqual([])
      if (viewport.width <= 880) expect(layout.sidebar).toBeLessThan(80)
      await p.context().close()
    })
  }
})
