/**
 * The Replace dialog says what happened (issue 26), over the real sandbox in real Chromium: a
 * create the vendor answered oddly (its successor removed, or left on Fynn and named with its
 * page); Fynn finished only once Fynn no longer lists the old token; Prefactor's revoke before a
 * failed delete said as "revoked"; a disabled token asked about before it gets an active
 * successor; a token with only a display name named by it (hidden characters shown); each error
 * shown once.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProviderId } from '../../electron/common/providers'
import type { Token } from '../../electron/common/tokens'
import { closeDetails, screenshot } from './harness/app-harness'
import { startScenario, THREE_VENDORS, type Scenario } from './harness/scenario'

let s: Scenario
let page: Page
const used = new Set<string>()

beforeAll(async () => {
  s = await startScenario({ seed: { tokens: 20, seed: 26 }, connections: THREE_VENDORS, tokenAuth: true })
  page = s.page
})

afterAll(async () => {
  await s?.close()
})

const vendorTokens = (provider: ProviderId) => s.sandbox.data[provider][0]!.tokens as Array<{ id: string; status?: string }>
const vendorRecord = (provider: ProviderId, id: string) => vendorTokens(provider).find((t) => t.id === id)

/** A token of the connection Tokendesk can replace as it is (a known lifetime), in this state, used by no other test here. */
function fresh(key: ProviderId, status: Token['status'] = 'active'): Token {
  const now = Date.now()
  const t = s.app.services.inventory
    .tokens(s.conn[key]!.id)
    .find((t) => t.status === status && !t.isOwnCredential && t.createdAt !== null && (key === 'mpt' || (t.expiresAt !== null && Date.parse(t.expiresAt) > Date.parse(t.createdAt) && Date.parse(t.expiresAt) > now)) && !used.has(t.id))!
  used.add(t.id)
  return t
}

async function openToken(p: Page, id: string): Promise<void> {
  await p.evaluate(() => (location.hash = '#/inventory'))
  await closeDetails(p)
  await p.getByTestId('search').fill(id)
  await p.locator('.td-grid__row').filter({ hasText: id }).locator('.td-token__name').click()
  await p.getByTestId('details').filter({ hasText: id }).waitFor()
}

const dialog = () => page.getByTestId('replace-dialog')
const confirmDialog = () => page.locator('.p-confirmdialog')
const rotationOf = async (tokenId: string) => (await s.app.services.rotations.list()).find((r) => r.oldId === tokenId)!
/** Each message is in the dialog once: no error repeated beside the note that says it. */
async function expectOnce(text: string): Promise<void> {
  const all = await dialog().innerText()
  expect(all.split(text).length - 1, all).toBe(1)
  expect(await dialog().getByTestId('replace-error').count()).toBe(0)
}

describe('a create the vendor answered oddly', () => {
  it('Prefactor: the successor it made anyway is found and removed; the dialog says so once, and offers to try again', async () => {
    const old = fresh('prefactor')
    const count = vendorTokens('prefactor').length
    await openToken(page, old.id)
    await page.getByTestId('replace').click()
    s.sandbox.faults.set('prefactor:create', { kind: 'drift', times: 1 })
    await dialog().getByTestId('replace-start').click()
    await dialog().getByTestId('replace-state').filter({ hasText: 'did not go ahead' }).waitFor()
    const r = await rotationOf(old.id)
    expect(r.note).toMatch(/made the new token \w+ anyway.*was removed/)
    await expectOnce('anyway, and its secret cannot be had')
    expect(vendorTokens('prefactor').length).toBe(count)
    await dialog().getByTestId('replace-again').click()
    await dialog().getByTestId('replace-preview').waitFor()
    await dialog().getByRole('button', { name: 'Cancel' }).click()
  })

  it('Fynn: the successor it made anyway cannot be removed by API — named, with Fynn’s page', async () => {
    const old = fresh('fynn')
    await openToken(page, old.id)
    await page.getByTestId('replace').click()
    s.sandbox.faults.set('fynn:create', { kind: 'drift', times: 1 })
    await dialog().getByTestId('replace-start').click()
    const made = () => vendorTokens('fynn').at(-1)!.id
    await dialog().getByTestId('replace-state').filter({ hasText: 'is still at Fynn' }).waitFor()
    expect(await dialog().getByTestId('replace-state').innerText()).toContain(made())
    await expectOnce(`The new token ${made()} cannot be removed through Fynn’s API`)
    await page.mouse.move(0, 0)
    await screenshot(page, 'rotation/left-behind-1280-light.png')
    await dialog().getByTestId('replace-portal').click()
    await expect.poll(() => s.app.opened).toContain('https://app.fynn.eu/settings/developer')
    await dialog().getByTestId('replace-close').click()
  })
})

describe('retiring and finishing say what was done', () => {
  it('Fynn: "I deleted it" while Fynn still lists the old token is refused, once; deleted on Fynn’s page, it finishes', async () => {
    const old = fresh('fynn')
    await openToken(page, old.id)
    await page.getByTestId('replace').click()
    await dialog().getByTestId('replace-start').click()
    await dialog().getByTestId('replace-retire').click()
    await dialog().getByTestId('replace-state').filter({ hasText: 'Nothing was done to the old token' }).waitFor()
    expect(await page.getByTestId('rotation-state').innerText()).toBe('Old token to delete on the vendor’s page')
    await dialog().getByTestId('replace-finish').click()
    await dialog().getByTestId('replace-note').filter({ hasText: 'Fynn still lists the old token' }).waitFor()
    await expectOnce('Fynn still lists the old token')
    const tokens = vendorTokens('fynn')
    tokens.splice(tokens.findIndex((t) => t.id === old.id), 1) // the user deletes it on Fynn's page
    await dialog().getByTestId('replace-finish').click()
    // Gone from Fynn's list, the old token leaves the inventory and its panel: the toast says it is done.
    await page.locator('.p-toast').getByText('Token replaced').waitFor()
    expect((await rotationOf(old.id)).state).toBe('finished')
  })

  it('Prefactor: revoked, then the delete fails — the dialog says revoked (cannot be undone), once; the retry only deletes', async () => {
    const old = fresh('prefactor')
    const r = await s.app.services.rotations.start(s.conn.prefactor!.id, old.id, { secretTo: 'keychain' })
    await s.app.services.rotations.retire(r.id)
    await openToken(page, old.id)
    await page.getByTestId('rotation-continue').click()
    s.sandbox.faults.set('prefactor:delete', { kind: 'status', status: 500, times: 1 })
    await dialog().getByTestId('replace-finish').click()
    expect(await confirmDialog().innerText()).toContain('will revoke it first, then delete it')
    await confirmDialog().getByRole('button', { name: 'Delete the old token' }).click()
    await dialog().getByTestId('replace-state').filter({ hasText: 'The old token is revoked, which cannot be undone' }).waitFor()
    await expectOnce('It is revoked now, which cannot be undone; try again to delete it.')
    expect(vendorRecord('prefactor', old.id)!.status).toBe('revoked')
    await page.mouse.move(0, 0)
    await screenshot(page, 'rotation/revoked-delete-failed-1280-light.png')
    // Asked again, it no longer says a revoke comes first: it is revoked.
    await dialog().getByTestId('replace-finish').click()
    expect(await confirmDialog().innerText()).not.toContain('revoke it first')
    await confirmDialog().getByRole('button', { name: 'Delete the old token' }).click()
    await page.locator('.p-toast').getByText('Token replaced').waitFor()
    expect(vendorRecord('prefactor', old.id)).toBeUndefined()
  })
})

describe('before anything is made', () => {
  it('a disabled token: the preview says its replacement will be active, and starts only once the user confirms', async () => {
    const old = fresh('mpt', 'disabled')
    await openToken(page, old.id)
    await page.getByTestId('replace').click()
    expect(await dialog().getByTestId('replace-inactive').innerText()).toContain('This token is disabled. Its replacement will be active')
    expect(await dialog().getByTestId('replace-start').isDisabled()).toBe(true)
    await page.mouse.move(0, 0)
    await screenshot(page, 'rotation/inactive-preview-1280-light.png')
    await dialog().locator('label[for="rp-inactive"]').click()
    await dialog().getByTestId('replace-start').click()
    await dialog().getByTestId('replace-state').filter({ hasText: 'It works; the old one stays disabled' }).waitFor()
    const r = await rotationOf(old.id)
    expect(vendorRecord('mpt', r.successorId!)!.status).toBe('Active')
    expect(vendorRecord('mpt', old.id)!.status).toBe('Disabled')
    await dialog().getByRole('button', { name: 'Later' }).click()
  })

  it('a token known only by its display name is named by it — as the grid shows it, hidden characters visible — in the header, the confirmations and the toast', async () => {
    const old = fresh('prefactor')
    const c = s.conn.prefactor!
    await s.app.services.meta.update(c.id, [old.id], { displayName: 'Export \u202Ebot' })
    await openToken(page, old.id)
    await page.getByTestId('replace').click()
    const name = dialog().getByTestId('replace-name')
    await name.locator('.td-replace__local').waitFor()
    expect(await name.innerText()).toContain('Export')
    expect(await name.innerText()).not.toContain('Unnamed')
    expect(await name.locator('.td-cp').innerText()).toBe('U+202E')
    await page.mouse.move(0, 0)
    await screenshot(page, 'rotation/display-name-1280-light.png')
    await dialog().getByTestId('replace-start').click()
    await dialog().getByTestId('replace-retire').click()
    expect(await confirmDialog().innerText()).toContain('Suspend the old token “Export')
    await confirmDialog().getByRole('button', { name: 'Suspend the old token' }).click()
    await dialog().getByTestId('replace-finish').click()
    await confirmDialog().getByRole('button', { name: 'Delete the old token' }).click()
    const toast = page.locator('.p-toast').filter({ hasText: 'Token replaced' })
    await toast.waitFor()
    expect(await toast.innerText()).toContain('Export <U+202E>bot')
  })
})

describe('how it looks', () => {
  it.each([
    ['dark', 880, 560],
    ['light', 1920, 1080],
  ] as const)('a disabled token’s preview and a create the vendor garbled, in %s at %ix%i', async (scheme, width, height) => {
    const p = await s.app.openPage(s.browser, { colorScheme: scheme, viewport: { width, height } })
    if (scheme === 'dark') await p.waitForFunction(() => document.documentElement.classList.contains('td-dark'))
    const old = fresh('mpt', 'disabled')
    await openToken(p, old.id)
    await p.getByTestId('replace').click()
    await p.getByTestId('replace-inactive').waitFor()
    await p.mouse.move(0, 0)
    await screenshot(p, `rotation/inactive-preview-${width}-${scheme}.png`)
    await p.getByTestId('replace-dialog').getByRole('button', { name: 'Cancel' }).click()

    const other = fresh('fynn')
    await openToken(p, other.id)
    await p.getByTestId('replace').click()
    s.sandbox.faults.set('fynn:create', { kind: 'drift', times: 1 })
    await p.getByTestId('replace-start').click()
    await p.getByTestId('replace-state').filter({ hasText: 'is still at Fynn' }).waitFor()
    await p.mouse.move(0, 0)
    await screenshot(p, `rotation/left-behind-${width}-${scheme}.png`)
    await p.context().close()
  })
})
