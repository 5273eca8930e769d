/**
 * Policies and findings in the window (issue 27), in real Chromium over the sandbox: a policy
 * typed in Settings → Policy (an invalid one refused with its lines, nothing lost), then the
 * Findings column, the Findings filter through the URL, a token's findings with their fixes in
 * the details, the Compliance figure in Insights — and a policy changed elsewhere re-evaluated at
 * once, without a refresh. Screenshots at 880×560 and 1920×1080, light and dark.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasError, RULES } from '../../electron/common/policy'
import { RESULTS_DIR, screenshot } from './harness/app-harness'
import { startScenario, THREE_VENDORS, type Scenario } from './harness/scenario'

let s: Scenario
const POLICY = '{\n  "version": 1,\n  "rules": { "requireOwner": true, "unusedDays": 30 },\n  "clients": { "Globex": { "requireOwner": false } }\n}\n'
const policyFile = (): string => path.join(s.dataDir, 'policy.json')
const masks = (): Record<string, number> => {
  const { keys, masks: m } = s.app.services.findings.masks()
  return Object.fromEntries(keys.map((k, i) => [k, m[i]!]))
}
const errorKeys = (): string[] => Object.entries(masks()).filter(([, m]) => hasError(m)).map(([k]) => k)

beforeAll(async () => {
  s = await startScenario({ seed: { tokens: 24, seed: 11 }, connections: THREE_VENDORS })
})
afterAll(async () => {
  await s?.close()
})

async function open(page: Page, route: string): Promise<void> {
  await page.goto(`${s.app.origin}#${route}`)
}
const rowCount = (page: Page) => page.getByTestId('row-count')

describe('a policy set in Settings', () => {
  it('refuses an invalid policy with its problem lines and keeps what was typed', async () => {
    const page = s.page
    await open(page, '/settings')
    const editor = page.getByTestId('policy-text')
    await page.getByTestId('policy-status').filter({ hasText: 'No policy' }).waitFor()
    const bad = '{ "version": 1, "rules": { "maxAgeDay": 365, "requireOwner": "yes" } }'
    await editor.fill(bad)
    // Checked as typed, with main's own rules: each problem on its line.
    await page.getByTestId('policy-problems').filter({ hasText: 'rules.maxAgeDay: unknown rule — did you mean maxAgeDays?' }).waitFor()
    expect(await page.getByTestId('policy-problems').locator('li').allTextContents()).toHaveLength(2)
    await page.getByTestId('policy-save').click()
    const refused = page.getByTestId('policy-refused')
    await refused.filter({ hasText: 'rules.requireOwner: expected true or false' }).waitFor()
    expect(await refused.textContent()).toContain('Not saved')
    expect(await editor.inputValue()).toBe(bad)
    await expect(fs.access(policyFile())).rejects.toThrow()
    expect(await page.locator('[role=columnheader][data-col=findings]').count()).toBe(0)
  })

  it('saves a valid one: the column, the filter (through the URL), the details and Insights follow', async () => {
    const page = s.page
    await page.getByTestId('policy-text').fill(POLICY)
    await page.getByTestId('policy-valid').waitFor()
    await page.getByTestId('policy-save').click()
    await page.getByTestId('policy-status').filter({ hasText: 'In force' }).waitFor()
    expect(await fs.readFile(policyFile(), 'utf8')).toBe(POLICY)
    const errors = errorKeys()
    expect(errors.length).toBeGreaterThan(0)
    // Only Acme's tokens must have an owner: every error is one of its connection's.
    expect(errors.every((k) => k.startsWith(`${s.conn.mpt!.id}/`))).toBe(true)

    // The column: icon + count, the rules in its tooltip; sortable (worst first).
    await open(page, '/inventory')
    await page.locator('[role=columnheader][data-col=findings]').waitFor()
    await page.locator('[role=columnheader][data-col=findings] button').click()
    await expect.poll(() => page.url()).toContain('sort=-findings')
    const first = page.locator('.td-grid__row').first().locator('[data-col=findings]')
    await expect.poll(() => first.getAttribute('title')).toMatch(/^\d findings?: .*No owner \(no-owner, error\)/)
    expect(await first.locator('[data-testid=findings-cell]').getAttribute('class')).toContain('is-error')

    // The filter: errors only, in the URL, and the same after a reload from that URL.
    await page.getByTestId('filter-findings').click()
    await page.getByRole('option', { name: 'Errors only' }).click()
    await expect.poll(() => page.url()).toContain('findings=error')
    await rowCount(page).filter({ hasText: new RegExp(`^${errors.length}$`) }).waitFor()
    await page.reload()
    await rowCount(page).filter({ hasText: new RegExp(`^${errors.length}$`) }).waitFor()
    expect(await page.getByTestId('filter-findings').textContent()).toContain('Errors only')
    // One rule's filter.
    const unused = Object.values(masks()).filter((m) => m & (1 << RULES.findIndex((r) => r.id === 'unused'))).length
    await open(page, '/inventory?findings=unused')
    await rowCount(page).filter({ hasText: new RegExp(`^${unused}$`) }).waitFor()

    // The details: the rule, the value against the limit, and its fix one step away.
    await open(page, '/inventory?findings=error&sort=-findings')
    await page.locator('.td-grid__row .td-token__name').first().click()
    const found = page.getByTestId('details-findings')
    await found.locator('[data-rule=no-owner]').waitFor()
    expect(await found.locator('[data-rule=no-owner]').textContent()).toContain('no owner')
    await found.locator('[data-rule=no-owner] [data-testid=finding-fix]').filter({ hasText: 'Set owner' }).click()
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('meta-owner')
    // Naming an owner fixes it: the finding goes, the row leaves the errors-only view.
    await page.locator('#meta-owner').fill('Platform team')
    await page.getByTestId('ownership-save').click()
    await rowCount(page).filter({ hasText: new RegExp(`^${errors.length - 1}$`) }).waitFor()

    // Insights: the share of usable tokens without an error finding, clicking through.
    await open(page, '/insights')
    const overall = page.getByTestId('compliance-overall')
    const { share } = s.app.services.findings.summary().overall
    await overall.filter({ hasText: `${Math.floor(share! * 100)}%` }).waitFor()
    expect(await page.getByTestId('compliance-client').count()).toBe(2)
    await page.getByTestId('compliance-client').filter({ hasText: 'Acme Corp' }).click()
    await expect.poll(() => page.url()).toMatch(/client=Acme\+Corp&findings=error|findings=error.*client=Acme/)
    await rowCount(page).filter({ hasText: new RegExp(`^${errors.length - 1}$`) }).waitFor()
  })

  it('re-evaluates at once when the policy changes elsewhere, and does not overwrite that change', async () => {
    const page = s.page
    await open(page, '/inventory?findings=any')
    const before = Object.keys(masks()).length
    expect(before).toBeGreaterThan(0)
    // Another process writes policy.json: the window follows, with no refresh and no vendor call.
    const calls = s.app.calls.length
    await fs.writeFile(policyFile(), '{ "version": 1, "rules": { "requireExpiry": true } }\n')
    await s.app.services.policy.reload()
    const now = Object.keys(masks()).length
    expect(now).not.toBe(before)
    await rowCount(page).filter({ hasText: new RegExp(`^${now}$`) }).waitFor()
    expect(s.app.calls.slice(calls).some((c) => c.channel.startsWith('inventory:refresh'))).toBe(false)

    // Editing while it changes elsewhere: said, and the save is refused; the other change stays.
    await open(page, '/settings')
    await page.getByTestId('policy-status').filter({ hasText: 'In force' }).waitFor()
    await page.getByTestId('policy-text').fill('{ "version": 1, "rules": { "maxAgeDays": 10 } }')
    await fs.writeFile(policyFile(), '{ "version": 1, "rules": { "unusedDays": 60 } }\n')
    await s.app.services.policy.reload()
    await page.getByTestId('policy-newer').waitFor()
    await page.getByTestId('policy-save').click()
    await page.getByTestId('policy-conflict').filter({ hasText: 'changed elsewhere' }).waitFor()
    expect(await page.getByTestId('policy-text').inputValue()).toBe('{ "version": 1, "rules": { "maxAgeDays": 10 } }')
    expect(await fs.readFile(policyFile(), 'utf8')).toContain('unusedDays')
    // Put the test's policy back for the screenshots.
    await s.app.services.policy.save(POLICY)
  })
})

describe('a window that opens on the findings sort', () => {
  // The masks held back until the test lets them through, as a slow start (a busy machine) has them.
  const HOLD_FINDINGS = `(() => {
    const w = window
    let release
    const held = new Promise((resolve) => (release = resolve))
    w.__releaseFindings = () => release()
    const invoke = w.__tokendeskInvoke
    w.__tokendeskInvoke = async (channel, args) => {
      const reply = invoke(channel, args)
      if (channel === 'findings:all') await held
      return reply
    }
    const emit = w.__tokendeskEmit
    w.__tokendeskEmit = (channel, message) => (channel === 'findings:changed' ? void held.then(() => emit(channel, message)) : emit(channel, message))
  })()`

  it('shows the worst tokens at the top once the findings arrive, the first row active', async () => {
    const page = await s.app.openPage(s.browser, { viewport: { width: 880, height: 560 }, beforeApp: HOLD_FINDINGS })
    await open(page, '/inventory?sort=-findings')
    await rowCount(page).filter({ hasText: new RegExp(`^${s.total()}$`) }).waitFor()
    const scroller = page.getByTestId('token-rows')
    const flagged = s.app.services.findings.masks().keys.length
    expect(flagged).toBeGreaterThan(12) // more than a screen of them: the rest start below the fold
    await page.evaluate(() => (window as unknown as { __releaseFindings: () => void }).__releaseFindings())
    await page.locator('.td-grid__row').first().locator('[data-testid=findings-cell]').waitFor()
    await expect.poll(() => scroller.evaluate((e) => e.scrollTop)).toBe(0)
    // The first row is active (what ↓, Enter and Ctrl+Shift+C act on), not the one picked in the wrong order.
    expect(await page.locator('.td-grid__row').first().getAttribute('aria-selected')).toBe('true')
    expect(await page.locator('.td-grid__row[aria-selected=true]').count()).toBe(1)
    await page.context().close()
  })
})

describe('screenshots', () => {
  for (const [width, height] of [[880, 560], [1920, 1080]] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`the Findings column, filter, details and compliance at ${width}×${height} (${colorScheme})`, async () => {
        const page = await s.app.openPage(s.browser, { viewport: { width, height }, colorScheme })
        if (colorScheme === 'dark') await page.waitForFunction(() => document.documentElement.classList.contains('td-dark'))
        await open(page, '/inventory?sort=-findings')
        await page.locator('[data-testid=findings-cell]').first().waitFor()
        await page.mouse.move(0, 0)
        await screenshot(page, `findings/${width}-${colorScheme}-column.png`)
        await page.getByTestId('filter-findings').click()
        await page.getByRole('option', { name: 'Errors only' }).waitFor()
        await page.waitForTimeout(200)
        await page.screenshot({ path: path.join(RESULTS_DIR, `findings/${width}-${colorScheme}-filter.png`) })
        await page.getByRole('option', { name: 'Errors only' }).click()
        await page.locator('.td-grid__row .td-token__name').first().click()
        await page.getByTestId('details-findings').waitFor()
        await page.mouse.move(0, 0)
        await screenshot(page, `findings/${width}-${colorScheme}-details.png`)
        await open(page, '/insights')
        await page.getByTestId('compliance').scrollIntoViewIfNeeded()
        await screenshot(page, `findings/${width}-${colorScheme}-compliance.png`)
        await open(page, '/settings')
        await page.getByTestId('policy-text').fill('{ "version": 1, "rules": { "maxAgeDay": 365, "requireOwner": "yes" } }')
        await page.getByTestId('policy-problems').waitFor()
        await page.getByTestId('policy-editor').scrollIntoViewIfNeeded()
        await screenshot(page, `findings/${width}-${colorScheme}-policy.png`)
        await page.context().close()
      })
    }
  }
})
