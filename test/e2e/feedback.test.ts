/**
 * Feedback for every action: a connection is tested when added and the vendor's answer shown
 * (with "Save anyway"); the header names the connections that failed; confirmations start on
 * Cancel; the once-only secret asks before it is lost; unnamed tokens and unreported use read as such.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './harness/app-harness'
import { startScenario, THREE_VENDORS, type Scenario } from './harness/scenario'

let s: Scenario
let page: Page

beforeAll(async () => {
  s = await startScenario({
    // A second Fynn account for “Right key” (the first is connected already; one account is connected once).
    seed: { tokens: 25, seed: 9, accounts: { fynn: 2 } },
    connections: THREE_VENDORS,
  })
  page = s.page
})

afterAll(async () => {
  await s?.close()
})

async function fillConnection(provider: string, label: string, credential: string): Promise<void> {
  await page.goto(`${s.app.origin}#/connections`)
  await page.getByTestId('add-connection').first().click()
  const dialog = page.getByRole('dialog')
  await dialog.waitFor()
  await dialog.getByRole('button', { name: provider }).click()
  await dialog.locator('#cf-label').fill(label)
  await dialog.locator('#cf-base-url').fill(s.sandbox.urls.fynn)
  await dialog.locator('#cf-credential').fill(credential)
  await dialog.getByTestId('submit-connection').click()
}

describe('feedback', () => {
  it('tests a new connection and says what the vendor answered; a refused one is saved only on “Save anyway”', async () => {
    await fillConnection('Fynn', 'Wrong key', 'eyJ-not-a-valid-credential-at-all')
    const dialog = page.getByRole('dialog')
    const answer = dialog.getByTestId('test-result')
    await answer.waitFor()
    expect(await answer.innerText()).toMatch(/Fynn rejected the credential/)
    expect(s.app.services.connections.list().map((c) => c.label)).not.toContain('Wrong key')
    await screenshot(page, 'connection-test-failed.png')
    await dialog.getByRole('button', { name: 'Save anyway' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(s.app.services.connections.list().map((c) => c.label)).toContain('Wrong key')

    await fillConnection('Fynn', 'Right key', s.sandbox.data.fynn[1]!.credential)
    await page.getByRole('dialog').waitFor({ state: 'detached' })
    await page.locator('.p-toast-message').filter({ hasText: /Fynn accepted the credential/ }).waitFor()
  })

  it('names the connections that failed in the inventory header', async () => {
    await page.goto(`${s.app.origin}#/inventory`)
    await page.getByTestId('refresh').click()
    const failed = page.getByTestId('failed-connections')
    await failed.waitFor()
    expect(await failed.innerText()).toMatch(/Wrong key/)
    const wrong = s.app.services.connections.list().find((c) => c.label === 'Wrong key')!
    await s.app.services.connections.remove(wrong.id)
  })

  it('focuses Cancel when removing a connection', async () => {
    await page.goto(`${s.app.origin}#/connections`)
    await page.getByRole('button', { name: 'Remove Right key' }).click()
    const dialog = page.getByRole('alertdialog')
    await dialog.waitFor()
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Cancel')
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'detached' })
    expect(s.app.services.connections.list().map((c) => c.label)).toContain('Right key')
  })

  it('asks before closing a once-only secret that was neither copied nor saved', async () => {
    await page.goto(`${s.app.origin}#/inventory?connection=${s.conn.fynn!.id}`)
    await page.getByTestId('create-token').click()
    const form = page.getByTestId('create-form')
    await form.waitFor()
    await form.locator('#ct-description').fill('Once only')
    await form.locator('label[for=ct-save]').click()
    await form.getByTestId('submit-create').click()
    await page.getByTestId('created-secret').waitFor()
    await page.keyboard.press('Escape')
    const ask = page.getByRole('alertdialog')
    await ask.waitFor()
    expect(await ask.innerText()).toMatch(/neither copied nor saved/)
    await ask.getByRole('button', { name: 'Keep it open' }).click()
    await ask.waitFor({ state: 'detached' })
    expect(await page.getByTestId('created-secret').count()).toBe(1)
    await page.getByRole('dialog').getByRole('button', { name: 'Copy' }).click()
    await page.getByRole('dialog').getByText(/Copied/).waitFor()
    await page.keyboard.press('Escape')
    await page.getByTestId('created-secret').waitFor({ state: 'detached' })
  })

  it('opens on the newest tokens; unnamed tokens read “Unnamed” with their id and sort last', async () => {
    await page.goto(`${s.app.origin}#/inventory`)
    await page.getByTestId('row-count').filter({ hasText: new RegExp(`^${s.total()}$`) }).waitFor()
    const header = page.locator('[role=columnheader][data-col=createdAt]')
    expect(await header.getAttribute('aria-sort')).toBe('descending')
    const pf = s.sandbox.data.prefactor[0]!.tokens[0]!
    await page.getByTestId('search').fill(pf.id)
    const row = page.locator('.td-grid__row').filter({ hasText: pf.id })
    await row.waitFor()
    expect(await row.locator('.td-token__name').innerText()).toBe('Unnamed')
    await page.getByTestId('search').fill('')
    await page.locator('[role=columnheader][data-col=name] .td-sort').click()
    const last = page.locator('.td-grid__row').first()
    expect(await last.locator('.td-token__name').innerText()).not.toBe('Unnamed')
    await page.locator('[role=columnheader][data-col=name] .td-sort').click()
    expect(await page.locator('.td-grid__row').first().locator('.td-token__name').innerText()).not.toBe('Unnamed')
  })
})
