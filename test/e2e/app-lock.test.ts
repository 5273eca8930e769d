/**
 * The app lock in the window: Ctrl+L and the sidebar button lock it; the OS locking the screen
 * (main's lock, as powerMonitor would trigger it) does too. While locked the window shows only the
 * lock screen, a revealed secret is gone, a copied one is cleared, and main refuses reveal and copy
 * even when the page asks directly. A deliberate Unlock brings the window back; the CLI is not affected.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './harness/app-harness'
import { runCli } from './harness/cli-process'
import { startScenario, THREE_VENDORS, type Scenario } from './harness/scenario'

let s: Scenario
let page: Page

beforeAll(async () => {
  s = await startScenario({ seed: { tokens: 20, seed: 7 }, connections: THREE_VENDORS })
  page = s.page
})

afterAll(async () => {
  await s?.close()
})

const lockScreen = () => page.getByTestId('lock-screen')

async function openToken(id: string): Promise<void> {
  await page.evaluate(() => (location.hash = '#/inventory'))
  await page.getByTestId('search').fill(id)
  await page.locator('.td-grid__row').filter({ hasText: id }).locator('.td-token__name').click()
  await page.getByTestId('details').waitFor()
}

/** What a page script could do: call main's reveal directly. */
const revealFromPage = (connectionId: string, tokenId: string) =>
  page.evaluate(async ([c, t]) => JSON.stringify(await (window as unknown as { tokendesk: Record<string, (...a: string[]) => Promise<unknown>> }).tokendesk['secret:reveal']!(c!, t!)), [connectionId, tokenId])

describe('app lock', () => {
  it('Ctrl+L locks: only the lock screen, the revealed secret gone, and main refuses reveal and copy', async () => {
    const record = s.sandbox.data.mpt[0]!.tokens[3]!
    await openToken(record.id)
    await page.getByTestId('reveal').click()
    await page.getByTestId('secret-value').filter({ hasText: record.token }).waitFor()

    await page.keyboard.press('Control+l')
    await lockScreen().waitFor()
    expect(await page.locator('.td-app').count()).toBe(0)
    expect(await page.content()).not.toContain(record.token)
    expect(await lockScreen().innerText()).toContain('You locked Tokendesk.')
    expect(s.app.services.appLock.state()).toMatchObject({ locked: true, reason: 'manual' })

    const refused = JSON.parse(await revealFromPage(s.conn.mpt!.id, record.id)) as { ok: boolean; error: { kind: string } }
    expect(refused).toMatchObject({ ok: false, error: { kind: 'locked' } })
    expect(JSON.stringify(refused)).not.toContain(record.token)
    await page.mouse.move(0, 0)
    await screenshot(page, 'lock/locked-1280-light.png')

    const route = new URL(page.url()).hash
    await page.getByTestId('unlock').click()
    await page.locator('.td-app').waitFor()
    // Back on the same view (its filter kept); the token's details, with the secret hidden until asked for again.
    expect(new URL(page.url()).hash).toBe(route)
    await openToken(record.id)
    expect(await page.getByTestId('secret-value').innerText()).not.toContain(record.token)
    expect(JSON.parse(await revealFromPage(s.conn.mpt!.id, record.id))).toEqual({ ok: true, value: record.token })
  })

  it('the sidebar button locks too, and a copied secret is cleared from the clipboard', async () => {
    const record = s.sandbox.data.mpt[0]!.tokens[4]!
    await openToken(record.id)
    await page.getByTestId('copy-secret').click()
    await page.getByTestId('copy-countdown').waitFor()
    expect(s.app.clipboard.formats['text/plain']).toBe(record.token)
    await screenshot(page, 'lock/sidebar-button.png')
    await page.getByTestId('lock').click()
    await lockScreen().waitFor()
    await expect.poll(() => s.app.clipboard.formats['text/plain']).toBeUndefined()
    await page.getByTestId('unlock').click()
    await page.locator('.td-app').waitFor()
  })

  it('locks when the operating system locks the screen, and says so; the CLI is not affected', async () => {
    await s.app.services.appLock.lock('os-lock')
    await lockScreen().waitFor()
    expect(await lockScreen().innerText()).toContain('Tokendesk locked when the screen was locked.')
    // The lock belongs to the app's process: a CLI on the same data folder runs as ever.
    const cli = await runCli(['connections', 'list', '--json'], { dataDir: s.dataDir })
    expect(cli.code).toBe(0)
    expect((JSON.parse(cli.stdout) as unknown[]).length).toBe(3)

    for (const [width, height] of [[880, 560], [1920, 1080]] as const) {
      const dark = await s.app.openPage(s.browser, { colorScheme: 'dark', viewport: { width, height } })
      await dark.getByTestId('lock-screen').waitFor()
      await dark.waitForFunction(() => document.documentElement.classList.contains('td-dark'))
      await screenshot(dark, `lock/locked-${width}-dark.png`)
      await dark.context().close()
    }
    await page.getByTestId('unlock').click()
    await page.locator('.td-app').waitFor()
  })
  it('Settings has the idle time, 15 minutes by default; 0 turns the idle lock off', async () => {
    await page.evaluate(() => (location.hash = '#/settings'))
    const field = page.locator('#setting-lockIdleMinutes')
    expect(await field.inputValue()).toBe('15 min')
    await field.fill('0')
    await field.press('Tab')
    await expect.poll(() => s.app.services.settings.get().lockIdleMinutes).toBe(0)
    await screenshot(page, 'lock/settings.png')
  })
})
