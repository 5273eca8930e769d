/**
 * Settings → Policy → Remove policy, in real Chromium over the sandbox: disabled while there is no
 * policy; a confirmation that says what stops (every finding disappears, the file is deleted),
 * Cancel keeping it; confirmed, the file goes and so do the findings. A file changed elsewhere
 * since the editor opened it is not removed unseen: the conflict is shown, the file stays, and
 * after loading the new version the remove goes through. Screenshots at 880×560 and 1920×1080,
 * light and dark.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './harness/app-harness'
import { startScenario, THREE_VENDORS, type Scenario } from './harness/scenario'

let s: Scenario
const POLICY = '{\n  "version": 1,\n  "rules": { "requireOwner": true }\n}\n'
const ELSEWHERE = '{ "version": 1, "rules": { "unusedDays": 60 } }\n'
const policyFile = (): string => path.join(s.dataDir, 'policy.json')
const flagged = (): number => s.app.services.findings.masks().keys.length
const exists = (file: string): Promise<boolean> => fs.access(file).then(() => true, () => false)

beforeAll(async () => {
  s = await startScenario({ seed: { tokens: 12, seed: 5 }, connections: THREE_VENDORS })
})
afterAll(async () => {
  await s?.close()
})

async function openSettings(page: Page): Promise<void> {
  await page.goto(`${s.app.origin}#/settings`)
  await page.getByTestId('policy-editor').waitFor()
}
const dialog = (page: Page) => page.getByRole('alertdialog')

describe('Remove policy', () => {
  it('is disabled without a policy; confirmed, it deletes the file and every finding goes — Cancel keeps both', async () => {
    const page = s.page
    await openSettings(page)
    await page.getByTestId('policy-status').filter({ hasText: 'No policy' }).waitFor()
    expect(await page.getByTestId('policy-remove').isDisabled()).toBe(true)

    await s.app.services.policy.save(POLICY)
    await page.getByTestId('policy-status').filter({ hasText: 'In force' }).waitFor()
    expect(flagged()).toBeGreaterThan(0)
    const remove = page.getByTestId('policy-remove')
    expect(await remove.isDisabled()).toBe(false)

    await remove.click()
    const text = await dialog(page).getByTestId('confirm-text').textContent()
    expect(text).toContain('every finding disappears from the inventory, the token details and Insights')
    expect(text).toContain(`The file ${policyFile()} is deleted.`)
    await dialog(page).getByRole('button', { name: 'Cancel' }).click()
    await dialog(page).waitFor({ state: 'detached' })
    expect(await fs.readFile(policyFile(), 'utf8')).toBe(POLICY)

    await remove.click()
    await dialog(page).getByRole('button', { name: 'Remove policy' }).click()
    await page.getByTestId('policy-status').filter({ hasText: 'No policy' }).waitFor()
    expect(await exists(policyFile())).toBe(false)
    expect(flagged()).toBe(0)
    expect(await page.getByTestId('policy-text').inputValue()).toBe('')
    expect(await remove.isDisabled()).toBe(true)
    await page.goto(`${s.app.origin}#/inventory`)
    await page.locator('.td-grid__row').first().waitFor()
    expect(await page.locator('[role=columnheader][data-col=findings]').count()).toBe(0)
  })

  it('a file changed elsewhere while it was being edited is not removed unseen; after loading it, it is', async () => {
    const page = s.page
    await s.app.services.policy.save(POLICY)
    await openSettings(page)
    await page.getByTestId('policy-status').filter({ hasText: 'In force' }).waitFor()
    const typed = '{ "version": 1, "rules": { "maxAgeDays": 10 } }'
    await page.getByTestId('policy-text').fill(typed)
    // Another process rewrites it while the user types.
    await fs.writeFile(policyFile(), ELSEWHERE)
    await s.app.services.policy.reload()
    await page.getByTestId('policy-newer').waitFor()
    await page.getByTestId('policy-remove').click()
    expect(await dialog(page).getByTestId('confirm-text').textContent()).toContain('What you typed here and did not save is dropped too.')
    await dialog(page).getByRole('button', { name: 'Remove policy' }).click()
    const conflict = page.getByTestId('policy-conflict')
    await conflict.filter({ hasText: 'was changed elsewhere since it was opened; it was not removed.' }).waitFor()
    expect(await fs.readFile(policyFile(), 'utf8')).toBe(ELSEWHERE)
    expect(await page.getByTestId('policy-text').inputValue()).toBe(typed) // nothing typed is lost
    await conflict.scrollIntoViewIfNeeded()
    await screenshot(page, 'policy-remove/conflict.png')

    await conflict.getByRole('button', { name: /Load the new version/ }).click()
    expect(await page.getByTestId('policy-text').inputValue()).toBe(ELSEWHERE)
    await page.getByTestId('policy-remove').click()
    await dialog(page).getByRole('button', { name: 'Remove policy' }).click()
    await page.getByTestId('policy-status').filter({ hasText: 'No policy' }).waitFor()
    expect(await exists(policyFile())).toBe(false)
  })
})

describe('screenshots', () => {
  for (const [width, height] of [[880, 560], [1920, 1080]] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`the policy editor with Remove policy, and its confirmation, at ${width}×${height} (${colorScheme})`, async () => {
        await s.app.services.policy.save(POLICY)
        const page = await s.app.openPage(s.browser, { viewport: { width, height }, colorScheme })
        if (colorScheme === 'dark') await page.waitForFunction(() => document.documentElement.classList.contains('td-dark'))
        await openSettings(page)
        await page.getByTestId('policy-status').filter({ hasText: 'In force' }).waitFor()
        await page.getByTestId('policy-editor').scrollIntoViewIfNeeded()
        await page.mouse.move(0, 0)
        await screenshot(page, `policy-remove/${width}-${colorScheme}-editor.png`)
        await page.getByTestId('policy-remove').click()
        await dialog(page).waitFor()
        await screenshot(page, `policy-remove/${width}-${colorScheme}-confirm.png`)
        await dialog(page).getByRole('button', { name: 'Cancel' }).click()
        await page.context().close()
      })
    }
  }
})
