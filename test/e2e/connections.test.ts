/**
 * First scenario: add two connections in two clients, see them in the sidebar, reload over the
 * same data directory and see them again; light and dark screenshots; no credential in any file.
 */
import { randomUUID } from 'node:crypto'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { filesContaining } from '../support/temp-dir'
import { screenshot, type AppHarness } from './harness/app-harness'
import { expectNoSecrets, responsesContaining } from './harness/canary'
import { withApp } from './harness/with-app'

const CREDENTIALS = {
  production: `idt:TKN-4134-7330:canary-${randomUUID()}`,
  billing: `eyJhbGciOiJIUzI1NiJ9.canary-${randomUUID()}`,
}

const w = withApp()

async function open(colorScheme: 'light' | 'dark' = 'light', route = '#/connections'): Promise<{ app: AppHarness; page: Page }> {
  const app = await w.start()
  const page = await app.openPage(w.browser, { colorScheme })
  if (route) await page.goto(`${app.origin}${route}`)
  return { app, page }
}

async function addConnection(
  page: Page,
  c: { provider: string; label: string; client: string; accountId?: string; credential: string; screenshot?: string; dialogOpen?: boolean },
): Promise<void> {
  if (!c.dialogOpen) await page.getByTestId('add-connection').first().click()
  const dialog = page.getByRole('dialog')
  await dialog.waitFor()
  await dialog.getByRole('button', { name: c.provider }).click()
  await dialog.locator('#cf-label').fill(c.label)
  await dialog.locator('#cf-client').fill(c.client)
  await dialog.locator('#cf-client').press('Tab')
  if (c.accountId) await dialog.locator('#cf-account').fill(c.accountId)
  // Nothing listens there: the test before saving fails as "offline", never reaching a real vendor.
  await dialog.locator('#cf-base-url').fill('http://127.0.0.1:9')
  await dialog.locator('#cf-credential').fill(c.credential)
  if (c.screenshot) await screenshot(page, c.screenshot)
  await dialog.getByTestId('submit-connection').click()
  await dialog.getByTestId('save-anyway').click()
  await dialog.waitFor({ state: 'detached' })
}

function sidebar(page: Page) {
  return page.getByRole('navigation', { name: 'Main' })
}

describe('connections', () => {
  it('adds two connections in two clients and keeps them across a restart', async () => {
    // A first run opens on the welcome screen; "Add a connection" opens the form at once.
    const { app, page } = await open('light', '')
    await page.getByRole('heading', { name: 'Welcome to Tokendesk' }).waitFor()
    await page.getByTestId('welcome-add').click()

    await addConnection(page, {
      dialogOpen: true,
      provider: 'SoftwareOne Marketplace',
      label: 'Production',
      client: 'Acme Corp',
      accountId: 'ACC-1234-5678',
      credential: CREDENTIALS.production,
    })
    await addConnection(page, {
      provider: 'Fynn',
      label: 'Billing',
      client: 'Globex',
      credential: CREDENTIALS.billing,
      screenshot: 'connection-form.png',
    })

    const nav = sidebar(page)
    await nav.getByRole('link', { name: 'Billing, Globex' }).waitFor()
    expect(await nav.getByRole('link', { name: 'Production, Acme Corp' }).count()).toBe(1)
    expect(await nav.innerText()).toMatch(/Acme Corp[\s\S]*Globex/)

    // Restart: new services over the same data directory, a fresh page.
    await app.close()
    const again = await open()
    const nav2 = sidebar(again.page)
    await nav2.getByRole('link', { name: 'Production, Acme Corp' }).waitFor()
    await nav2.getByRole('link', { name: 'Billing, Globex' }).waitFor()
    const table = again.page.locator('.td-table')
    expect(await table.innerText()).toContain('ACC-1234-5678')
    // Only the last 4 characters are ever shown.
    expect(await again.page.content()).not.toContain(CREDENTIALS.production)
    expect(await table.innerText()).toContain(`••••${CREDENTIALS.production.slice(-4)}`)

    await again.page.mouse.move(0, 0)
    await screenshot(again.page, 'connections.png')
  })

  it('switches to the dark theme in Settings, kept by main across a reload', async () => {
    const { page } = await open()
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByTestId('theme').getByRole('button', { name: 'Dark' }).click()
    await page.waitForFunction(() => document.documentElement.classList.contains('td-dark'))
    await page.reload()
    await page.waitForFunction(() => document.documentElement.classList.contains('td-dark'))
    await page.getByRole('link', { name: 'Connections' }).click()
    await page.locator('.td-table').waitFor()
    await page.mouse.move(0, 0)
    await screenshot(page, 'connections-dark.png')
    // Back to light for anyone reusing the data directory.
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByTestId('theme').getByRole('button', { name: 'System' }).click()
  })

  it('keeps every credential in the keychain and in no file or renderer storage', async () => {
    const { app, page } = await open()
    const ids = app.services.connections.list().map((c) => c.id)
    expect(ids).toHaveLength(2)
    const stored = await Promise.all(ids.map((id) => w.secrets.get(id)))
    expect(stored.sort()).toEqual(Object.values(CREDENTIALS).sort())
    expect(await filesContaining(w.dataDir, Object.values(CREDENTIALS))).toEqual([])
    await expectNoSecrets(Object.values(CREDENTIALS), { app, page, dirs: [w.dataDir] })
    // Set over IPC, never read back: no answer to any window ever carried a credential.
    for (const a of w.apps) expect(responsesContaining(a, Object.values(CREDENTIALS))).toEqual([])
  })

  it('refuses a call from a frame that is not the app’s top frame', async () => {
    const { page } = await open()
    await page.evaluate(() => document.body.appendChild(document.createElement('iframe')))
    const child = page.frames().find((f) => f !== page.mainFrame())!
    const call = (c: string) =>
      (window as unknown as { __tokendeskInvoke: (c: string, a: unknown[]) => Promise<string> }).__tokendeskInvoke(c, []).then((text) => JSON.parse(text) as unknown)
    expect(await page.mainFrame().evaluate(call, 'connections:list')).toMatchObject({ ok: true })
    expect(await child.evaluate(call, 'connections:list')).toEqual({
      ok: false,
      error: { kind: 'forbidden_sender', message: expect.any(String) },
    })
  })
})
