/**
 * Hostile text in the window's fields and subtitles (issue 26): a token named with a bidi override,
 * a zero-width space and a control character; an owner with an override; a tag with a zero-width
 * space. Each field keeps exactly what it holds, is its own bidi paragraph (an override inside it
 * cannot reorder the page around it), and says under it which hidden characters it holds; each
 * subtitle, option and chosen value isolates them and shows them as markers, as the grid does.
 */
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './harness/app-harness'
import { startScenario, type Scenario } from './harness/scenario'

const NAME = 'Pay\u202Eroll\u200B bot\u0007'
const OWNER = 'Ops \u202Emaet'
const TAG = 'bil\u200Bling'

let s: Scenario
let page: Page
let id = ''

beforeAll(async () => {
  s = await startScenario({
    seed: { tokens: 12, seed: 5, accounts: { mpt: 1, fynn: 0, prefactor: 0 } },
    connections: [{ key: 'mpt', provider: 'mpt', label: 'Marketplace', client: 'Acme Corp' }],
    patch: (data) => {
      const token = data.mpt[0]!.tokens[1]!
      token.name = NAME
      id = token.id
    },
  })
  page = s.page
})

afterAll(async () => {
  await s?.close()
})

const details = () => page.getByTestId('details')
const bidiOf = (field: Locator) => field.evaluate((el) => getComputedStyle(el).unicodeBidi)

async function openDetails(): Promise<void> {
  await page.getByTestId('search').fill(id)
  await page.locator('.td-grid__row').filter({ hasText: id }).locator('.td-token__name').click()
  await details().waitFor()
}

describe('hostile text in fields', () => {
  it('the Edit dialog: its subtitle isolates the name with markers; the Name field keeps the name, is isolated, and names what it hides', async () => {
    await openDetails()
    await details().getByRole('button', { name: 'Edit' }).click()
    const dialog = page.getByRole('dialog', { name: 'Edit token' })
    await dialog.waitFor()

    const subtitle = dialog.getByTestId('edit-subtitle')
    expect(await subtitle.innerText()).toContain('U+202E')
    expect(await subtitle.locator('bdi[dir=auto]').count()).toBeGreaterThanOrEqual(3)
    expect(await subtitle.locator('bdi').first().evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('isolate')

    const field = dialog.locator('#et-name')
    expect(await field.inputValue()).toBe(NAME)
    expect(await bidiOf(field)).toBe('plaintext')
    const note = dialog.getByTestId('hidden-note')
    const said = await note.innerText()
    for (const label of ['U+202E', 'U+200B', 'U+0007']) expect(said).toContain(label)
    expect(await field.getAttribute('aria-describedby')).toBe(await note.getAttribute('id'))
    await page.mouse.move(0, 0)
    await screenshot(page, 'hostile-fields/edit-dialog.png')

    // Typing more keeps the note in step; "Remove them" leaves the text without them.
    await dialog.getByTestId('strip-hidden').click()
    expect(await field.inputValue()).toBe('Payroll bot')
    await note.waitFor({ state: 'detached' })
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    // Esc closes the dialog only, and gives focus back to the button that opened it.
    expect(await details().count()).toBe(1)
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Edit')
  })

  it('Owner and Tags: the value is kept exactly, isolated, its hidden characters named under the field; saved as typed', async () => {
    const section = page.getByTestId('ownership')
    const owner = section.locator('#meta-owner')
    const tags = section.locator('#meta-tags')
    await owner.fill(OWNER)
    await tags.fill(`${TAG} prod`)
    expect(await owner.inputValue()).toBe(OWNER)
    expect(await bidiOf(owner)).toBe('plaintext')
    expect(await bidiOf(tags)).toBe('plaintext')
    const notes = section.getByTestId('hidden-note')
    await expect.poll(() => notes.count()).toBe(2)
    expect(await notes.nth(0).innerText()).toMatch(/U\+202E right-to-left override at character 5/i)
    expect(await notes.nth(1).innerText()).toMatch(/U\+200B zero width space at character 4/i)
    // "It reads:" shows the value as the grid would: isolated, the override a marker.
    expect(await notes.nth(0).locator('bdi[dir=auto] .td-cp').innerText()).toBe('U+202E')
    await page.mouse.move(0, 0)
    await screenshot(page, 'hostile-fields/ownership.png')

    await section.getByTestId('ownership-save').click()
    await expect.poll(() => s.app.services.meta.get(s.conn.mpt!.id, id)?.owner).toBe(OWNER)
    expect(s.app.services.meta.get(s.conn.mpt!.id, id)?.tags).toEqual([TAG, 'prod'])
  })

  it('the tag filter shows the zero-width space as a marker in its list and its chosen value', async () => {
    await page.getByTestId('search').fill('')
    const filter = page.getByTestId('filter-tag')
    await filter.click()
    const option = page.getByRole('option').filter({ hasText: 'U+200B' })
    await option.waitFor()
    expect(await option.locator('bdi[dir=auto]').count()).toBe(1)
    await page.mouse.move(0, 0)
    await screenshot(page, 'hostile-fields/tag-filter-open.png')
    await option.click()
    await expect.poll(() => filter.locator('.td-label-value .td-cp').count()).toBe(1)
    expect(await filter.locator('.td-label-value').innerText()).toContain('U+200B')
    await page.getByTestId('row-count').filter({ hasText: /^1$/ }).waitFor()
  })
  it('the bulk Set owner dialog: its field is isolated, and offers the hostile owner with its marker, not as plain text', async () => {
    await page.getByRole('checkbox', { name: 'Select all shown tokens' }).check()
    await page.getByTestId('bulk-bar').getByTestId('bulk-owner').click()
    const field = page.getByTestId('bulk-label-value')
    await field.pressSequentially('Ops')
    expect(await bidiOf(field)).toBe('plaintext')
    const option = page.getByRole('option').filter({ hasText: 'U+202E' })
    await option.waitFor()
    expect(await option.locator('bdi[dir=auto] .td-cp').innerText()).toBe('U+202E')
    await page.mouse.move(0, 0)
    await screenshot(page, 'hostile-fields/bulk-owner.png')
    await option.click()
    expect(await field.inputValue()).toBe(OWNER)
    await page.getByRole('dialog').getByTestId('hidden-note').filter({ hasText: 'U+202E' }).waitFor()
    await page.keyboard.press('Escape')
  })
})
