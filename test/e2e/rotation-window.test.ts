/**
 * The guided replace in the window, over the real sandbox (whose tokens open their account as the
 * vendors' do): per vendor — MPT disable then delete, Prefactor suspend then revoke and delete (and
 * the overlap's chosen end retiring it from main, the window following), Fynn by hand on its page —
 * the connection's own credential switched and undone, a rotation reopened where it stands, and the
 * new secret reachable only through the lock-guarded Show / Copy.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProviderId } from '../../electron/common/providers'
import type { Token } from '../../electron/common/tokens'
import { closeDetails, screenshot } from './harness/app-harness'
import { startScenario, THREE_VENDORS, type Scenario } from './harness/scenario'

let s: Scenario
let page: Page

beforeAll(async () => {
  s = await startScenario({ seed: { tokens: 20, seed: 15 }, connections: THREE_VENDORS, tokenAuth: true })
  page = s.page
})

afterAll(async () => {
  await s?.close()
})

/** The sandbox's record of a token: its status and secret as the vendor has them (undefined: gone). */
function vendorRecord(provider: ProviderId, id: string): { status: string; secret: string } | undefined {
  const r = (s.sandbox.data[provider][0]!.tokens as Array<{ id: string; status?: string; token?: string; secret?: string }>).find((t) => t.id === id)
  return r ? { status: r.status ?? 'active', secret: (r.token ?? r.secret)! } : undefined
}

/** Active tokens of a connection Tokendesk can replace with the same lifetime, not its own credential. */
function replaceable(key: string): Token[] {
  return s.app.services.inventory
    .tokens(s.conn[key]!.id)
    .filter((t) => t.status === 'active' && !t.isOwnCredential && t.createdAt !== null && (key === 'mpt' || t.expiresAt !== null))
}

/** Replaceable tokens that are in no open rotation (neither being replaced nor a replacement). */
async function fresh(key: string): Promise<Token[]> {
  const busy = new Set((await s.app.services.rotations.list()).filter((r) => r.state !== 'finished' && r.state !== 'rolled-back').flatMap((r) => [r.oldId, r.successorId]))
  return replaceable(key).filter((t) => !busy.has(t.id))
}

async function openToken(p: Page, id: string): Promise<void> {
  await p.evaluate(() => (location.hash = '#/inventory'))
  // In a small window the open panel covers the list.
  await closeDetails(p)
  await p.getByTestId('search').fill(id)
  await p.locator('.td-grid__row').filter({ hasText: id }).locator('.td-token__name').click()
  await p.getByTestId('details').filter({ hasText: id }).waitFor()
}

const dialog = () => page.getByTestId('replace-dialog')
const confirmDialog = () => page.locator('.p-confirmdialog')
const rotationOf = async (tokenId: string) => (await s.app.services.rotations.list()).find((r) => r.oldId === tokenId)!

describe('the guided replace', () => {
  it('MPT: preview, start, the new secret shown naming token and client, systems switched → disabled, then deleted', async () => {
    const old = replaceable('mpt')[0]!
    await openToken(page, old.id)
    await page.getByTestId('replace').click()
    const preview = dialog().getByTestId('replace-preview')
    await preview.waitFor()
    expect(await preview.innerText()).toContain(old.name!)
    await page.mouse.move(0, 0)
    await screenshot(page, 'rotation/preview-1280-light.png')

    await dialog().getByTestId('replace-start').click()
    await dialog().getByTestId('replace-state').filter({ hasText: 'Both tokens work now' }).waitFor()
    const r = await rotationOf(old.id)
    expect(r).toMatchObject({ state: 'overlap', secretTo: 'keychain' })
    const successor = vendorRecord('mpt', r.successorId!)!
    expect(vendorRecord('mpt', old.id)!.status).toBe('Active')

    await dialog().getByTestId('reveal').click()
    await dialog().getByTestId('secret-value').filter({ hasText: successor.secret }).waitFor()
    expect(await dialog().getByTestId('secret-client').innerText()).toContain('Acme Corp · Marketplace EU')
    await page.mouse.move(0, 0)
    await screenshot(page, 'rotation/overlap-1280-light.png')

    await dialog().getByTestId('replace-retire').click()
    await confirmDialog().getByRole('button', { name: 'Disable the old token' }).click()
    await dialog().getByTestId('replace-state').filter({ hasText: 'disabled' }).waitFor()
    expect(vendorRecord('mpt', old.id)!.status).toBe('Disabled')

    await dialog().getByTestId('replace-finish').click()
    expect(await confirmDialog().innerText()).toMatch(/Delete the old token “.+” in Acme Corp · Marketplace EU\?/)
    await confirmDialog().getByRole('button', { name: 'Delete the old token' }).click()
    await page.locator('.p-toast').getByText('Token replaced').waitFor()
    expect(vendorRecord('mpt', old.id)!.status).toBe('Deleted')
    expect(vendorRecord('mpt', r.successorId!)!.status).toBe('Active')

    // The successor's Activity tells how it came; the old token's record lists each step.
    const steps = (await s.app.services.activity.forToken(s.conn.mpt!.id, old.id)).map((e) => e.action)
    expect(steps).toEqual(expect.arrayContaining(['rotate', 'rotate-retire', 'rotate-finish']))
  })

  it('Prefactor: a chosen end retires the old token from main (suspended), the window follows; then revoked and deleted on a second confirmation', async () => {
    const [old, other] = replaceable('prefactor')
    // Through the window, with a chosen time: the details say when.
    await openToken(page, other!.id)
    await page.getByTestId('replace').click()
    await dialog().locator('label[for="rp-time"]').click()
    await dialog().getByTestId('replace-until').fill(new Date(Date.now() + 2 * 86_400_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16))
    await dialog().getByTestId('replace-start').click()
    await dialog().getByTestId('replace-timer').filter({ hasText: 'suspended at' }).waitFor()
    expect((await rotationOf(other!.id)).overlapUntil).not.toBeNull()
    await dialog().getByRole('button', { name: 'Later' }).click()
    expect(await page.getByTestId('rotation-banner').innerText()).toMatch(/Being replaced by .* Both tokens work \(overlap\) · old one retired in 2 days/)

    // One whose end comes in a moment (as a CLI or an earlier session left it): main's timer retires it.
    await openToken(page, old!.id)
    const r = await s.app.services.rotations.start(s.conn.prefactor!.id, old!.id, { secretTo: 'keychain', overlapUntil: new Date(Date.now() + 1500).toISOString() })
    await page.getByTestId('rotation-state').filter({ hasText: 'Both tokens work' }).waitFor()
    await page.getByTestId('rotation-state').filter({ hasText: 'Old token retired' }).waitFor()
    expect(vendorRecord('prefactor', old!.id)!.status).toBe('suspended')
    await page.getByTestId('rotation-continue').click()
    await dialog().getByTestId('replace-finish').click()
    expect(await confirmDialog().innerText()).toContain('will revoke it first, then delete it')
    await confirmDialog().getByRole('button', { name: 'Delete the old token' }).click()
    // Deleted, the old token leaves the list and its panel; the toast says it is done.
    await page.locator('.p-toast').getByText('Token replaced').waitFor()
    await page.getByTestId('details').waitFor({ state: 'detached' })
    expect(vendorRecord('prefactor', old!.id)).toBeUndefined()
    expect(vendorRecord('prefactor', r.successorId!)!.status).toBe('active')
  })

  it('Fynn: retiring is by hand — the dialog says so and opens Fynn’s page; confirmed, nothing is deleted behind the user’s back', async () => {
    const old = replaceable('fynn')[0]!
    await openToken(page, old.id)
    await page.getByTestId('replace').click()
    expect(await dialog().innerText()).toContain('cannot retire a token through its API')
    await dialog().getByTestId('replace-start').click()
    await dialog().getByTestId('replace-retire').filter({ hasText: 'Systems switched' }).click()
    await dialog().getByTestId('replace-note').filter({ hasText: 'https://app.fynn.eu/settings/developer' }).waitFor()
    await page.mouse.move(0, 0)
    await screenshot(page, 'rotation/fynn-by-hand-1280-light.png')
    await dialog().getByTestId('replace-portal').click()
    await expect.poll(() => s.app.opened).toContain('https://app.fynn.eu/settings/developer')
    // Nothing was deleted behind the user's back; the user deletes it on Fynn's page, then confirms.
    expect(vendorRecord('fynn', old.id)).toBeDefined()
    const tokens = s.sandbox.data.fynn[0]!.tokens
    tokens.splice(tokens.findIndex((t) => t.id === old.id), 1)
    await dialog().getByTestId('replace-finish').click()
    await page.locator('.p-toast').getByText('Token replaced').waitFor()
    await page.getByTestId('details').waitFor({ state: 'detached' })
  })
})

describe('the connection’s own credential', () => {
  it('switches the connection to the successor (tested), survives reopening, and undo puts the old one back', async () => {
    const c = s.conn.mpt!
    const own = s.app.services.inventory.tokens(c.id).find((t) => t.isOwnCredential)!
    const before = await s.secrets.get(c.id)
    await openToken(page, own.id)
    await page.getByTestId('replace').click()
    expect(await dialog().innerText()).toContain('it switches to the new one (tested first)')
    await dialog().getByTestId('replace-start').click()
    await dialog().getByText('Tokendesk now signs in to Marketplace EU with the new token.').waitFor()
    const r = await rotationOf(own.id)
    expect(await s.secrets.get(c.id)).toBe(vendorRecord('mpt', r.successorId!)!.secret)
    await dialog().getByRole('button', { name: 'Later' }).click()

    // Reopened from a fresh page (as after a restart): the banner, and Continue lands on the overlap.
    const again = await s.app.openPage(s.browser)
    await openToken(again, own.id)
    await again.getByTestId('rotation-state').filter({ hasText: 'Both tokens work' }).waitFor()
    await again.getByTestId('rotation-continue').click()
    await again.getByTestId('replace-undo').click()
    await again.locator('.p-confirmdialog').getByRole('button', { name: 'Undo' }).click()
    await again.getByTestId('replace-state').filter({ hasText: 'undone' }).waitFor()
    expect(await s.secrets.get(c.id)).toBe(before)
    expect(vendorRecord('mpt', r.successorId!)!.status).toBe('Deleted')
    await s.app.services.inventory.test(c.id) // the old credential opens the account again
    await again.context().close()
  })
})

describe('the new secret', () => {
  it('declined for the keychain, it is reachable only through the lock-guarded Show / Copy; no rotation channel carries it', async () => {
    const old = replaceable('prefactor').at(-1)!
    await openToken(page, old.id)
    await page.getByTestId('replace').click()
    await dialog().locator('label[for="rp-save"]').click()
    await dialog().getByTestId('replace-start').click()
    await dialog().getByTestId('replace-state').waitFor()
    const r = await rotationOf(old.id)
    const secret = vendorRecord('prefactor', r.successorId!)!.secret
    expect(r.secretTo).toBe('memory')
    expect(await s.secrets.list()).not.toContain(`${r.connectionId}/token/${r.successorId}`)
    for (const call of s.app.calls.filter((x) => x.channel.startsWith('rotation:'))) expect(call.response).not.toContain(secret)
    expect(await page.content()).not.toContain(secret)

    await s.app.services.appLock.lock('manual')
    await page.getByTestId('lock-screen').waitFor()
    const refused = await page.evaluate(
      async ([c, t]) => JSON.stringify(await (window as unknown as { tokendesk: Record<string, (...a: string[]) => Promise<unknown>> }).tokendesk['secret:reveal']!(c!, t!)),
      [r.connectionId, r.successorId!],
    )
    expect(JSON.parse(refused)).toMatchObject({ ok: false, error: { kind: 'locked' } })
    expect(refused).not.toContain(secret)
    await page.getByTestId('unlock').click()
    await page.locator('.td-app').waitFor()

    await openToken(page, old.id)
    await page.getByTestId('rotation-continue').click()
    await dialog().getByTestId('reveal').click()
    await dialog().getByTestId('secret-value').filter({ hasText: secret }).waitFor()
    // Closing with the secret unsaved asks first.
    await dialog().getByRole('button', { name: 'Later' }).click()
    await confirmDialog().getByText('not in your keychain').waitFor()
    await confirmDialog().locator('.p-confirmdialog-accept-button').click()
    await dialog().waitFor({ state: 'hidden' })
  })
})

/** Check the rows of these tokens (searched one by one), then clear the search. */
async function check(p: Page, ids: string[]): Promise<void> {
  for (const id of ids) {
    await p.getByTestId('search').fill(id)
    await p.locator('.td-grid__row').filter({ hasText: id }).locator('input[type=checkbox]').check()
  }
  await p.getByTestId('search').fill('')
  await p.getByTestId('bulk-bar').getByText(`${ids.length} selected`).waitFor()
}

/** Bulk-replace the checked tokens and wait for the report. */
async function bulkReplace(p: Page, count: number): Promise<void> {
  await p.getByTestId('bulk-replace').click()
  const confirm = p.getByRole('alertdialog')
  expect(await confirm.innerText()).toContain('The new secrets go to your keychain only')
  await confirm.getByRole('button', { name: `Replace ${count}` }).click()
  await p.getByTestId('bulk-results').waitFor()
}

describe('bulk', () => {
  it('replaces the selected tokens of one connection: a report per token, each new secret in the keychain only', async () => {
    const c = s.conn.prefactor!
    await page.evaluate((id) => (location.hash = `#/inventory?connection=${id}`), c.id)
    const [a, b] = await fresh('prefactor')
    await s.app.services.meta.update(c.id, [a!.id], { displayName: 'Nightly export' })
    const busy = (await s.app.services.rotations.list()).find((r) => r.connectionId === c.id && r.state === 'overlap')!
    await check(page, [a!.id, b!.id, busy.oldId])
    await bulkReplace(page, 2)
    const results = page.getByTestId('bulk-results')
    expect(await results.locator('li.is-ok').count()).toBe(2)
    // A token the vendor gives no name is reported by the user's display name, never "Unnamed".
    expect(await results.locator('li').filter({ hasText: a!.id }).innerText()).toContain('Nightly export')
    expect(await results.locator('li.is-error').innerText()).toContain('already being replaced')
    await page.mouse.move(0, 0)
    await screenshot(page, 'rotation/bulk-report-1280-light.png')
    for (const t of [a!, b!]) {
      const r = await rotationOf(t.id)
      const secret = vendorRecord('prefactor', r.successorId!)!.secret
      expect(await s.secrets.get(`${c.id}/token/${r.successorId}`)).toBe(secret)
      expect(await page.content()).not.toContain(secret)
      for (const call of s.app.calls) expect(call.response).not.toContain(secret)
    }
    await page.getByRole('dialog').locator('.p-dialog-footer').getByRole('button', { name: 'Close' }).click()
  })

  it('refuses a selection across connections, and says why', async () => {
    await page.evaluate(() => (location.hash = '#/inventory'))
    await check(page, [(await fresh('mpt'))[0]!.id, (await fresh('fynn'))[0]!.id])
    await page.getByTestId('bulk-mixed').filter({ hasText: 'work within one connection' }).waitFor()
    expect(await page.getByTestId('bulk-replace').count()).toBe(0)
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Clear selection' }).click()
  })
})

describe('Insights', () => {
  it('tokens older than the rotation policy and rotations in progress click through to the inventory', async () => {
    await s.app.services.settings.update({ rotationMaxAgeDays: 120 })
    const now = Date.now()
    const older = s.app.services.inventory.tokens().filter((t) => t.createdAt && Date.parse(t.createdAt) < now - 120 * 86_400_000).length
    expect(older).toBeGreaterThan(0)
    await page.evaluate(() => (location.hash = '#/insights'))
    const figure = page.getByTestId('kpi-older')
    await figure.filter({ hasText: 'Older than 120 days' }).waitFor()
    expect(await figure.locator('.td-kpi__value').innerText()).toBe(String(older))
    await figure.click()
    await page.getByTestId('older-filter').filter({ hasText: 'Older than 120 days' }).waitFor()
    expect(new URL(page.url()).hash).toContain('older=120')
    await page.getByTestId('row-count').filter({ hasText: new RegExp(`^${older}$`) }).waitFor()

    const open = (await s.app.services.rotations.list()).filter((r) => r.state === 'overlap' || r.state === 'retired')
    await page.evaluate(() => (location.hash = '#/insights'))
    await page.getByTestId('kpi-rotating').filter({ hasText: String(open.length) }).click()
    const entry = page.getByTestId('insights-rotations').locator('a').first()
    await entry.waitFor()
    await entry.click()
    await page.getByTestId('row-count').filter({ hasText: /^1$/ }).waitFor()
    expect(open.map((r) => r.oldId)).toContain(await page.getByTestId('search').inputValue())
  })
})

describe('how it looks', () => {
  it.each([
    ['light', 880, 560],
    ['dark', 880, 560],
    ['light', 1920, 1080],
    ['dark', 1920, 1080],
  ] as const)('the guided replace in %s at %ix%i', async (scheme, width, height) => {
    const p = await s.app.openPage(s.browser, { colorScheme: scheme, viewport: { width, height } })
    const open = (await s.app.services.rotations.list()).find((r) => r.state === 'overlap' && r.secretTo === 'keychain' && r.connectionId === s.conn.prefactor!.id)!
    await openToken(p, open.oldId)
    if (scheme === 'dark') await p.waitForFunction(() => document.documentElement.classList.contains('td-dark'))
    await p.getByTestId('rotation-banner').waitFor()
    await p.mouse.move(0, 0)
    await screenshot(p, `rotation/banner-${width}-${scheme}.png`)
    await p.getByTestId('rotation-continue').click()
    await p.getByTestId('replace-state').waitFor()
    await p.mouse.move(0, 0)
    await screenshot(p, `rotation/overlap-${width}-${scheme}.png`)
    await p.getByTestId('replace-dialog').getByRole('button', { name: 'Later' }).click()
    const other = (await fresh('mpt'))[0]!
    await openToken(p, other.id)
    await p.getByTestId('replace').click()
    await p.getByTestId('replace-preview').waitFor()
    await p.mouse.move(0, 0)
    await screenshot(p, `rotation/preview-${width}-${scheme}.png`)
    await p.getByTestId('replace-dialog').getByRole('button', { name: 'Cancel' }).click()

    // The bulk report: one replaced, one skipped (already being replaced).
    const busy = (await s.app.services.rotations.list()).find((r) => r.connectionId === s.conn.mpt!.id && r.state === 'overlap')
    const next = (await fresh('mpt')).find((t) => t.id !== other.id)!
    await p.evaluate((id) => (location.hash = `#/inventory?connection=${id}`), s.conn.mpt!.id)
    await closeDetails(p)
    await check(p, busy ? [next.id, busy.oldId] : [next.id])
    await bulkReplace(p, 1)
    await p.mouse.move(0, 0)
    await screenshot(p, `rotation/bulk-report-${width}-${scheme}.png`)
    await p.context().close()
  })
})
