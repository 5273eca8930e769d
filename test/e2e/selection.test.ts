/**
 * Keyboard shortcuts act only on what the user can see: one active row, always visible; the
 * details follow it; checked rows hidden by a search are shown as hidden and must be reviewed
 * before a bulk action. Two Marketplace accounts in two clients, so a mistake would cross clients.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MptRecord } from '../../electron/main/sandbox/model'
import { screenshot } from './harness/app-harness'
import { startScenario, type Scenario } from './harness/scenario'

let s: Scenario
let page: Page
let acme: MptRecord[]
let globex: MptRecord[]

beforeAll(async () => {
  s = await startScenario({
    seed: { tokens: 30, seed: 7, accounts: { mpt: 2, fynn: 0, prefactor: 0 } },
    connections: [
      { key: 'acme', provider: 'mpt', account: 0, label: 'Marketplace EU', client: 'Acme Corp' },
      { key: 'globex', provider: 'mpt', account: 1, label: 'Marketplace US', client: 'Globex' },
    ],
  })
  page = s.page
  acme = s.sandbox.data.mpt[0]!.tokens.filter((t) => t.status === 'Active' && t.name !== 'Tokendesk')
  globex = s.sandbox.data.mpt[1]!.tokens.filter((t) => t.status === 'Active' && t.name !== 'Tokendesk')
})

afterAll(async () => {
  await s?.close()
})

const rows = () => page.locator('.td-grid__row')
const details = () => page.getByTestId('details')
const active = () => page.locator('.td-grid__row.is-selected')

async function search(text: string): Promise<void> {
  await page.getByTestId('search').fill(text)
  await page.waitForFunction(
    (t) => (document.querySelector('[data-testid=search]') as HTMLInputElement).value === t && [...document.querySelectorAll('.td-grid__row')].every((r) => !t || r.textContent!.includes(t)),
    text,
  )
}

/** A click on the row (on its id, not on the name that opens it): makes it the active row. */
async function select(id: string): Promise<void> {
  await search(id)
  await rows().first().locator('.td-token__id').click()
  await active().filter({ hasText: id }).waitFor()
}

async function reset(): Promise<void> {
  if (await details().count()) {
    await details().getByRole('button', { name: 'Close details' }).click()
    await details().waitFor({ state: 'detached' })
  }
  const clear = page.getByTestId('bulk-bar').getByRole('button', { name: 'Clear selection' })
  if (await clear.count()) await clear.click()
  await page.evaluate(() => (location.hash = '#/inventory'))
  await search('')
}

describe('one selection model', () => {
  it('Ctrl+Shift+C after a search copies the token in view, and names it and its client', async () => {
    await reset()
    const a = acme[0]!
    const b = globex[0]!
    await select(a.id)
    await page.getByTestId('search').fill(b.id)
    await rows().filter({ hasText: b.id }).waitFor()
    await page.getByTestId('search').press('ArrowDown')
    await page.keyboard.press('Control+Shift+C')
    await expect.poll(() => s.app.clipboard.formats['text/plain'] ?? null).toBe(b.token)
    await details().getByRole('heading', { name: b.name }).waitFor()
    const note = await page.getByTestId('copy-countdown').innerText()
    expect(note).toContain(b.name)
    expect(note).toContain('Globex · Marketplace US')
    expect(note).not.toContain('Acme')
  })

  it('the active row moves to the first result of a new search, filter or scope', async () => {
    await reset()
    await select(acme[1]!.id)
    await search(globex[1]!.id)
    await active().filter({ hasText: globex[1]!.id }).waitFor()
    // A filter that hides the active row (as an Insights click-through does), even while the
    // search is still on its way to the URL.
    await select(acme[1]!.id)
    await page.evaluate((id) => (location.hash = `#/inventory?connection=${id}`), s.conn.globex!.id)
    await page.getByTestId('row-count').filter({ hasText: /^31$/ }).waitFor()
    const first = await rows().first().locator('.td-token__id').innerText()
    await active().filter({ hasText: first }).waitFor()
  })

  it('Enter opens the active row, never one a filter has hidden', async () => {
    await reset()
    const disabled = s.sandbox.data.mpt[0]!.tokens.find((t) => t.status === 'Disabled')!
    await select(disabled.id)
    await search('')
    await page.evaluate(() => (location.hash = '#/inventory?status=active'))
    await page.waitForFunction((id) => ![...document.querySelectorAll('.td-grid__row')].some((r) => r.textContent!.includes(id)), disabled.id)
    await page.getByTestId('token-rows').focus()
    await page.keyboard.press('Enter')
    await details().waitFor()
    const first = await rows().first().locator('.td-token__id').innerText()
    expect(await details().innerText()).toContain(first)
    expect(await details().innerText()).not.toContain(disabled.id)
    // Enter on a focused button is the button's, not the grid's.
    await details().getByRole('button', { name: 'Close details' }).click()
    await details().waitFor({ state: 'detached' })
    await page.getByTestId('choose-columns').focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('columns-menu').waitFor()
    expect(await details().count()).toBe(0)
    await page.keyboard.press('Escape')
  })

  it('Space checks only the row in view; checked rows a search hides are counted and must be reviewed', async () => {
    await reset()
    const x = globex[2]!
    const y = globex[3]!
    await select(x.id)
    await page.keyboard.press(' ')
    await page.getByTestId('bulk-bar').getByText('1 selected').waitFor()
    await page.getByTestId('search').fill(y.id)
    await rows().filter({ hasText: y.id }).waitFor()
    await page.getByTestId('search').press('ArrowDown')
    await page.keyboard.press(' ')
    const bar = page.getByTestId('bulk-bar')
    await bar.getByText('2 selected').waitFor()
    expect(await bar.innerText()).toMatch(/1 hidden/)
    expect(await rows().locator('input[type=checkbox]:checked').count()).toBe(1)
    // A bulk action waits until the hidden ones have been seen.
    expect(await bar.getByTestId('bulk-disable').isDisabled()).toBe(true)
    await screenshot(page, 'selection-hidden.png')
    await bar.getByRole('button', { name: 'Show selected' }).click()
    await page.waitForFunction(() => document.querySelectorAll('.td-grid__row').length === 2)
    expect(await rows().locator('input[type=checkbox]:checked').count()).toBe(2)
    expect(await bar.getByTestId('bulk-disable').isDisabled()).toBe(false)
  })

  it('the details follow ↑/↓ and close when a search hides their token', async () => {
    await reset()
    await page.getByTestId('token-rows').focus()
    await page.keyboard.press('Home')
    await page.keyboard.press('Enter')
    await details().waitFor()
    const ids = await rows().locator('.td-token__id').allInnerTexts()
    expect(await details().innerText()).toContain(ids[0])
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => details().innerText()).toContain(ids[1])
    await page.keyboard.press('ArrowUp')
    await expect.poll(() => details().innerText()).toContain(ids[0])
    await page.getByTestId('search').fill(ids[2]!)
    await details().waitFor({ state: 'detached' })
  })

  it('Delete asks about the active row, focused on Cancel with a visible ring; Enter cancels', async () => {
    await reset()
    const z = globex[4]!
    await select(z.id)
    await page.keyboard.press('Delete')
    const dialog = page.getByRole('alertdialog')
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain(z.name)
    expect(await dialog.innerText()).toContain('Globex · Marketplace US')
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement
      const style = getComputedStyle(el)
      return { text: el.textContent?.trim(), outline: style.outlineStyle, width: parseFloat(style.outlineWidth), shadow: style.boxShadow }
    })
    expect(focused.text).toBe('Cancel')
    expect(focused.outline !== 'none' && focused.width >= 1).toBe(true)
    await screenshot(page, 'confirm-delete-focus.png')
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'detached' })
    expect(s.app.services.inventory.tokens(s.conn.globex!.id).some((t) => t.id === z.id)).toBe(true)
  })

  it('a reveal names the token and its client', async () => {
    await reset()
    const y = globex[5]!
    await select(y.id)
    await page.keyboard.press('Enter')
    await details().waitFor()
    await page.getByTestId('reveal').click()
    const label = await page.getByTestId('secret-client').innerText()
    expect(label).toContain(y.name)
    expect(label).toContain('Globex · Marketplace US')
  })
})
