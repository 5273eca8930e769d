/**
 * Connection labels and accounts in the window: a label stored before hidden characters were
 * refused (an older file) is shown isolated with them made visible — in the refresh strip, the
 * Create token picker — and a new one cannot be typed; an account already connected is refused,
 * naming its connection. Screenshots at 880×560 and 1920×1080, light and dark.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Connection } from '../../electron/common/model'
import { screenshot, type AppHarness } from './harness/app-harness'
import { withApp } from './harness/with-app'

const LABEL = 'Bill\u202Egnp.exe'
const CLIENT = 'Glo\u200Bbex'
/** Raw bidi controls and zero-width characters: none may reach the page's text. */
const RAW = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F]/
const SIZES = [[880, 560], [1920, 1080]] as const

const w = withApp({ sandbox: { seed: { tokens: 6, seed: 21 }, tokenAuth: true } })
let app: AppHarness
let conn: Record<string, Connection>

beforeAll(async () => {
  app = await w.start()
  conn = await w.connect(app, [{ key: 'fynn', provider: 'fynn', label: LABEL, client: CLIENT }])
  await app.services.inventory.refreshAll()
})

async function inventoryPage(colorScheme: 'light' | 'dark', viewport: { width: number; height: number }): Promise<Page> {
  const page = await app.openPage(w.browser, { colorScheme, viewport })
  await page.getByTestId('row-count').filter({ hasText: /^6$/ }).waitFor()
  return page
}

describe('connection labels and accounts in the window', () => {
  it('keeps the label an older file holds, as it was', () => {
    expect(conn.fynn).toMatchObject({ label: LABEL, client: CLIENT })
    expect(app.services.connections.list()[0]).toMatchObject({ label: LABEL, client: CLIENT })
  })

  it('shows the label in the refresh strip isolated, its hidden characters made visible, while refreshing and on an error', async () => {
    const page = await inventoryPage('light', { width: 1280, height: 800 })
    w.sandbox.faults.set('fynn:list', { kind: 'hang' })
    await page.getByTestId('refresh').click()
    const running = page.locator('[data-testid=connection-status].is-refreshing')
    await running.waitFor()
    expect(await running.locator('bdi[dir=auto]').first().innerText()).toBe('Bill U+202E gnp.exe'.replace(/ /g, ''))
    expect(RAW.test(await running.innerText())).toBe(false)
    app.services.inventory.cancel(conn.fynn!.id)
    w.sandbox.faults.set('fynn:list', { kind: 'status', status: 401 })
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [width, height] of SIZES) {
        const shot = await inventoryPage(colorScheme, { width, height })
        await shot.getByTestId('refresh').click()
        const strip = shot.locator('[data-testid=connection-status].is-error')
        await strip.waitFor()
        const text = await strip.innerText()
        expect(RAW.test(text), text).toBe(false)
        expect(text).toContain('U+202E')
        expect(text).toContain('U+200B')
        expect(text).toMatch(/Fynn rejected the credential/)
        // Label, client and message each in their own isolated run; the markers name the character.
        expect(await strip.locator('bdi[dir=auto]').count()).toBeGreaterThanOrEqual(3)
        expect(await strip.locator('.td-cp').first().getAttribute('title')).toMatch(/RIGHT-TO-LEFT OVERRIDE \(U\+202E\)/)
        expect(await strip.getByRole('button', { name: 'Retry Bill<U+202E>gnp.exe' }).count()).toBe(1)
        await shot.mouse.move(0, 0)
        await screenshot(shot, `labels/strip-${colorScheme}-${width}.png`)
        await shot.close()
      }
    }
    w.sandbox.faults.clear()
    await app.services.inventory.refreshAll()
    await page.close()
  })

  it('shows the label in the Create token picker isolated', async () => {
    const page = await inventoryPage('light', { width: 1280, height: 800 })
    await page.getByTestId('create-token').click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    const picked = dialog.locator('#ct-connection')
    await picked.waitFor()
    const chosen = await dialog.locator('.p-select').first().innerText()
    expect(RAW.test(chosen), chosen).toBe(false)
    expect(chosen).toMatch(/BillU\+202Egnp\.exe · GloU\+200Bbex \(Fynn\)/)
    await dialog.locator('.p-select').first().click()
    const option = page.getByRole('option').first()
    await option.waitFor()
    expect(await option.getAttribute('aria-label')).toBe('Bill<U+202E>gnp.exe · Glo<U+200B>bex (Fynn)')
    expect(RAW.test(await option.innerText())).toBe(false)
    await page.screenshot({ path: 'test-results/labels/create-picker.png' })
    await page.close()
  })

  it('refuses a label with a hidden character in the form, saying which and where, and an account already connected', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [width, height] of SIZES) {
        const page = await app.openPage(w.browser, { colorScheme, viewport: { width, height } })
        await page.goto(`${app.origin}#/connections`)
        await page.getByTestId('add-connection').first().click()
        const dialog = page.getByRole('dialog')
        await dialog.getByRole('button', { name: 'Fynn' }).click()
        await dialog.locator('#cf-label').fill('Billing\u202Etxt.exe')
        await dialog.locator('#cf-base-url').fill(w.sandbox.urls.fynn)
        await dialog.locator('#cf-credential').fill(w.sandbox.data.fynn[0]!.credential)
        await dialog.getByTestId('submit-connection').click()
        await dialog.locator('#cf-label[aria-invalid=true]').waitFor()
        expect(await dialog.getByTestId('hidden-note').innerText()).toContain('U+202E right-to-left override at character 8')
        expect(app.services.connections.list()).toHaveLength(1)
        await screenshot(page, `labels/form-hidden-${colorScheme}-${width}.png`)
        await dialog.getByTestId('strip-hidden').click()
        expect(await dialog.locator('#cf-label').inputValue()).toBe('Billingtxt.exe')
        // The same Fynn key as the connection already there: refused, naming it (hidden characters shown).
        await dialog.getByTestId('submit-connection').click()
        const alert = dialog.getByRole('alert').filter({ hasText: 'already connected' })
        await alert.waitFor()
        expect(await alert.innerText()).toBe('This account is already connected as “Bill<U+202E>gnp.exe” (client “Glo<U+200B>bex”); its tokens are listed there. Use that connection, or remove it first.')
        await screenshot(page, `labels/form-account-${colorScheme}-${width}.png`)
        await page.close()
      }
    }
    expect(app.services.connections.list()).toHaveLength(1)
  })
})
