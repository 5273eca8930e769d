/**
 * Ownership in the details panel: owner, tags, notes and a display name for an unnamed token,
 * saved sealed by main and kept across a refresh; a pasted secret is refused in the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './harness/app-harness'
import { startScenario, THREE_VENDORS, type Scenario } from './harness/scenario'

let s: Scenario

beforeAll(async () => {
  s = await startScenario({ seed: { tokens: 20, seed: 11 }, connections: THREE_VENDORS })
})

afterAll(async () => {
  await s?.close()
})

async function openToken(id: string): Promise<void> {
  const page = s.page
  await page.evaluate(() => (location.hash = '#/inventory'))
  await page.getByTestId('search').fill(id)
  await page.locator('.td-grid__row').filter({ hasText: id }).locator('.td-token__name').click()
  await page.getByTestId('details').waitFor()
}

describe('token ownership', () => {
  it('saves owner, tags, notes and a display name for an unnamed token, kept across a refresh', async () => {
    const record = s.sandbox.data.prefactor[0]!.tokens[2]!
    const connectionId = s.conn.prefactor!.id
    await openToken(record.id)
    const section = s.page.getByTestId('ownership')
    await section.locator('#meta-owner').fill('Platform team')
    await section.locator('#meta-tags').fill('ci, prod ci')
    await section.locator('#meta-display-name').fill('Deploy bot')
    await section.locator('#meta-notes').fill('Used by the nightly deploy in GitHub Actions')
    await section.getByTestId('ownership-save').click()
    await expect.poll(() => s.app.services.meta.get(connectionId, record.id)?.owner).toBe('Platform team')
    expect(s.app.services.meta.get(connectionId, record.id)).toMatchObject({ tags: ['ci', 'prod'], displayName: 'Deploy bot', notes: 'Used by the nightly deploy in GitHub Actions' })
    await s.page.getByTestId('local-name').filter({ hasText: 'Deploy bot' }).waitFor()
    await section.getByTestId('ownership-save').waitFor({ state: 'detached' })
    await s.page.mouse.move(0, 0)
    await screenshot(s.page, 'ownership/details-light.png')

    await s.app.services.inventory.refresh(connectionId)
    expect(s.app.services.meta.get(connectionId, record.id)?.owner).toBe('Platform team')
    expect(await section.locator('#meta-owner').inputValue()).toBe('Platform team')
  })

  it('refuses a pasted secret in the field, and keeps what was saved', async () => {
    const record = s.sandbox.data.prefactor[0]!.tokens[2]!
    const section = s.page.getByTestId('ownership')
    await section.locator('#meta-notes').fill(`rotate ${record.secret}`)
    await section.getByTestId('ownership-save').click()
    await section.getByText('That looks like a secret').waitFor()
    expect(s.app.services.meta.get(s.conn.prefactor!.id, record.id)?.notes).toBe('Used by the nightly deploy in GitHub Actions')
    await section.getByRole('button', { name: 'Cancel' }).click()
  })

  it('looks right in dark at the smallest window', async () => {
    const record = s.sandbox.data.prefactor[0]!.tokens[2]!
    const dark = await s.app.openPage(s.browser, { colorScheme: 'dark', viewport: { width: 880, height: 560 } })
    await dark.getByTestId('search').fill(record.id)
    await dark.locator('.td-grid__row').filter({ hasText: record.id }).locator('.td-token__name').click()
    await dark.getByTestId('ownership').waitFor()
    await dark.waitForFunction(() => document.documentElement.classList.contains('td-dark'))
    await dark.mouse.move(0, 0)
    await screenshot(dark, 'ownership/details-880-dark.png')
    await dark.context().close()
  })
})
