/**
 * The inventory window over the sandbox: three connections (one per vendor, a few hundred tokens
 * each) in the real keychain; a screenshot of each screen under test-results/.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Connection } from '../../electron/common/model'
import { expiresWithin } from '../../electron/common/token-query'
import { TokenSecrets } from '../../electron/main/services/token-secrets'
import { screenshot, type AppHarness } from './harness/app-harness'
import { expectNoSecrets, responsesContaining } from './harness/canary'
import { THREE_VENDORS } from './harness/scenario'
import { withApp } from './harness/with-app'

const w = withApp({ sandbox: { seed: { tokens: 300, seed: 11 }, latencyMs: 5 } })
let app: AppHarness
let page: Page
let conn: Record<string, Connection>
const seenSecrets: string[] = []

beforeAll(async () => {
  app = await w.start()
  conn = await w.connect(app, THREE_VENDORS)
  page = await app.openPage(w.browser)
  await page.getByTestId('row-count').filter({ hasText: /^901$/ }).waitFor()
})

const rows = () => page.locator('.td-grid__row')
const details = () => page.getByTestId('details')
const rowCount = async () => Number((await page.getByTestId('row-count').innerText()).replace(/\D/g, ''))

async function search(text: string): Promise<void> {
  await page.getByTestId('search').fill(text)
  await page.waitForFunction((t) => document.querySelectorAll('.td-grid__row').length === 1 && (document.querySelector('[data-testid=search]') as HTMLInputElement).value === t, text)
}

async function openToken(id: string): Promise<void> {
  await search(id)
  await rows().first().locator('.td-token__name').click()
  await details().waitFor()
}

async function closeDetails(): Promise<void> {
  await page.keyboard.press('Escape')
  await details().waitFor({ state: 'detached' })
}

describe('inventory window', () => {
  it('shows every token of every connection, virtualised', async () => {
    expect(await rowCount()).toBe(901)
    const shown = await rows().count()
    expect(shown).toBeGreaterThan(10)
    expect(shown).toBeLessThan(80)
    await page.mouse.move(0, 0)
    await screenshot(page, 'inventory.png')
  })

  it('looks as good in dark', async () => {
    const dark = await app.openPage(w.browser, { colorScheme: 'dark' })
    await dark.getByTestId('row-count').filter({ hasText: /^901$/ }).waitFor()
    await dark.waitForFunction(() => document.documentElement.classList.contains('td-dark'))
    await dark.mouse.move(0, 0)
    await screenshot(dark, 'inventory-dark.png')
    await dark.close()
  })

  it('filters to tokens expiring within 30 days, matching a hand count', async () => {
    await page.getByTestId('expiry').click()
    await page.getByRole('option', { name: 'Expiring within' }).click()
    const now = Date.now()
    const expected = app.services.inventory.tokens().filter((t) => expiresWithin(t, 30, now)).length
    expect(expected).toBeGreaterThan(5)
    await page.getByTestId('row-count').filter({ hasText: new RegExp(`^${expected}$`) }).waitFor()
    await page.getByRole('columnheader', { name: 'Expires' }).getByRole('button').click()
    await page.mouse.move(0, 0)
    await screenshot(page, 'filtered-expiring.png')
    expect(new URL(page.url()).hash).toContain('expiry=within')
    await page.getByRole('button', { name: 'Clear filters' }).first().click()
    await page.getByTestId('row-count').filter({ hasText: /^901$/ }).waitFor()
  })

  it('reveals a secret on demand, fetched by main from the vendor, with the client’s name', async () => {
    const record = w.sandbox.data.mpt[0]!.tokens[5]!
    await openToken(record.id)
    await expect.poll(() => details().innerText()).toContain(record.name)
    expect(await page.getByTestId('secret-value').innerText()).not.toContain(record.token)
    await page.getByTestId('reveal').click()
    await page.getByTestId('secret-value').filter({ hasText: record.token }).waitFor()
    seenSecrets.push(record.token)
    expect(await page.getByTestId('secret-client').innerText()).toContain('Acme Corp · Marketplace EU')
    expect(await page.getByTestId('reveal-countdown').innerText()).toMatch(/Hides in \d+ s/)
    await screenshot(page, 'details-general-revealed.png')

    // Another tab hides it.
    await details().getByRole('tab', { name: 'Modules' }).click()
    for (const m of record.modules) await details().getByText(m.name, { exact: true }).waitFor()
    await screenshot(page, 'details-modules.png')
    await details().getByRole('tab', { name: 'Details' }).click()
    await details().getByText(record.audit.created.by.name).waitFor()
    await screenshot(page, 'details-details.png')
    await details().getByRole('button', { name: /vendor’s API tokens page/ }).click()
    await expect.poll(() => app.opened).toEqual(['https://platform.softwareone.com/settings/api-tokens'])
    await details().getByRole('tab', { name: 'General' }).click()
    expect(await page.getByTestId('secret-value').innerText()).not.toContain(record.token)
    await closeDetails()
  })

  it('copies in main: the secret reaches the clipboard without passing through the renderer, and is cleared only if unchanged', async () => {
    await app.services.settings.update({ clipboardClearSec: 5 })
    const record = w.sandbox.data.mpt[0]!.tokens[9]!
    await openToken(record.id)
    const before = app.calls.length
    await page.getByTestId('copy-secret').click()
    await page.getByTestId('copy-countdown').waitFor()
    expect(await page.getByTestId('copy-countdown').innerText()).toMatch(/Copied “.+” for Acme Corp · Marketplace EU · clipboard clears in \d s/)
    expect(app.clipboard.formats['text/plain']).toBe(record.token)
    expect(app.clipboard.formats['electron application/osclipboard;format="x-kde-passwordManagerHint"']).toBe('secret')
    // Nothing the page received since the click carried the secret.
    expect(app.calls.slice(before).some((c) => c.response.includes(record.token))).toBe(false)
    expect(await page.content()).not.toContain(record.token)
    await expect.poll(() => app.clipboard.formats['text/plain'] ?? null, { timeout: 9000, interval: 250 }).toBeNull()

    await page.getByTestId('copy-secret').click()
    await expect.poll(() => app.clipboard.formats['text/plain']).toBe(record.token)
    app.clipboard.userCopies('the user’s own text')
    await new Promise((r) => setTimeout(r, 6000))
    expect(app.clipboard.formats).toEqual({ 'text/plain': 'the user’s own text' })
    seenSecrets.push(record.token)
    await closeDetails()
    await app.services.settings.update({ clipboardClearSec: 30 })
  })

  it('warns before disabling the token the connection signs in with', async () => {
    const own = app.services.inventory.tokens(conn.mpt!.id).find((t) => t.isOwnCredential)!
    await openToken(own.id)
    await details().getByRole('button', { name: 'Disable' }).click()
    const dialog = page.getByRole('alertdialog')
    await dialog.waitFor()
    const text = await dialog.innerText()
    expect(text).toContain(`Disable “${own.name}” in Acme Corp · Marketplace EU?`)
    expect(text).toMatch(/Tokendesk signs in to Marketplace EU/)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(app.services.inventory.tokens(conn.mpt!.id).find((t) => t.id === own.id)!.status).toBe('active')
    await closeDetails()
  })

  it('creates a token and shows its secret once, saved to the keychain by default', async () => {
    await page.getByTestId('search').fill('')
    await page.getByTestId('create-token').click()
    const form = page.getByTestId('create-form')
    await form.waitFor()
    await form.locator('#ct-connection').click()
    await page.getByRole('option', { name: /^Billing · Globex/ }).click()
    await form.locator('#ct-description').fill('Quarterly audit export')
    await form.getByTestId('submit-create').click()
    const secret = page.getByTestId('created-secret')
    await secret.waitFor()
    const value = await secret.innerText()
    seenSecrets.push(value)
    expect(value).toMatch(/^fynn_/)
    await page.getByText('This is the only time Fynn shows this secret.').waitFor()
    await page.mouse.move(0, 0)
    await screenshot(page, 'create-secret-once.png')
    const created = w.sandbox.data.fynn[0]!.tokens.find((t) => t.description === 'Quarterly audit export')!
    expect(created.secret).toBe(value)
    expect(await w.secrets.get(TokenSecrets.account(conn.fynn!.id, created.id))).toBe(value)
    await page.getByRole('button', { name: 'Done' }).click()
    await secret.waitFor({ state: 'detached' })
    await page.getByTestId('row-count').filter({ hasText: /^902$/ }).waitFor()
  })

  it('runs a bulk action within one connection and reports each token', async () => {
    await page.goto(`${app.origin}#/inventory?connection=${conn.prefactor!.id}&sort=status`)
    await page.getByTestId('row-count').filter({ hasText: /^300$/ }).waitFor()
    const tokens = app.services.inventory.tokens(conn.prefactor!.id)
    const active = tokens.filter((t) => t.status === 'active').slice(0, 3)
    const revoked = tokens.find((t) => t.status === 'revoked')!
    for (const t of [...active, revoked]) {
      await search(t.id)
      await rows().first().locator('input[type=checkbox]').check()
    }
    await page.getByTestId('search').fill('')
    await page.getByTestId('bulk-bar').getByText('4 selected').waitFor()
    await page.getByTestId('bulk-suspend').click()
    const dialog = page.getByRole('alertdialog')
    expect(await dialog.innerText()).toContain('Suspend 4 tokens in Globex · Agents?')
    await dialog.getByRole('button', { name: 'Suspend 4' }).click()
    const results = page.getByTestId('bulk-results')
    await results.waitFor()
    expect(await results.locator('li.is-ok').count()).toBe(3)
    expect(await results.locator('li.is-error').count()).toBe(1)
    expect(await results.locator('li.is-error').innerText()).toContain('Cannot suspend a token that is revoked')
    await page.mouse.move(0, 0)
    await screenshot(page, 'bulk-result.png')
    await page.getByRole('dialog').locator('.p-dialog-footer').getByRole('button', { name: 'Close' }).click()
    await results.waitFor({ state: 'detached' })
    for (const t of active) expect(app.services.inventory.tokens(conn.prefactor!.id).find((x) => x.id === t.id)!.status).toBe('suspended')
  })

  it('shows a connection’s error with a retry, and keeps its previous tokens', async () => {
    await page.goto(`${app.origin}#/inventory`)
    w.sandbox.faults.set('fynn:list', { kind: 'status', status: 401 })
    await page.getByTestId('refresh').click()
    // The strip first shows the refresh running, then the error.
    const strip = page.locator('[data-testid=connection-status].is-error').filter({ hasText: 'Billing' })
    await strip.waitFor()
    expect(await strip.innerText()).toMatch(/Fynn rejected the credential/)
    await page.getByTestId('row-count').filter({ hasText: /^902$/ }).waitFor()
    await page.mouse.move(0, 0)
    await screenshot(page, 'connection-error.png')
    w.sandbox.faults.clear()
    await strip.getByRole('button', { name: 'Retry Billing' }).click()
    await strip.waitFor({ state: 'detached' })
  })

  it('works from the keyboard: Ctrl+F, arrows, Enter, Esc, ?', async () => {
    await page.keyboard.press('Control+f')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search')
    await page.keyboard.type('Tokendesk')
    await page.waitForFunction(() => document.querySelectorAll('.td-grid__row').length === 1)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await details().waitFor()
    await page.keyboard.press('Escape')
    await details().waitFor({ state: 'detached' })
    await page.getByTestId('search').fill('')
    await page.locator('body').click({ position: { x: 5, y: 790 } })
    await page.keyboard.press('?')
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
    await page.keyboard.press('Escape')
  })

  it('leaves no secret in any file or in renderer storage', async () => {
    const credentials = (['mpt', 'fynn', 'prefactor'] as const).map((p) => w.sandbox.data[p][0]!.credential)
    expect(seenSecrets.length).toBeGreaterThanOrEqual(3)
    await expectNoSecrets([...seenSecrets, ...credentials], { app, page, dirs: [w.dataDir] })
    expect(responsesContaining(app, credentials)).toEqual([])
  })
})
