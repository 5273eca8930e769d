/**
 * The keyboard as issue 26's testers drove it: the highlighted row is a token, not a position (a
 * refresh that removes it leaves nothing highlighted and says so; no shortcut lands on the row that
 * took its place); Ctrl+Shift+C copies the token highlighted when it was pressed, however fast the
 * arrows move on, and says which; keys typed right after Esc closes a dialog act at once; "Unlock
 * before every reveal" asks nothing for a token with no secret, and names token and client when it
 * asks. Two Marketplace accounts in two clients and a Fynn account (whose secrets are shown once).
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MptRecord } from '../../electron/main/sandbox/model'
import { screenshot } from './harness/app-harness'
import { startScenario, type Scenario } from './harness/scenario'

let s: Scenario
let page: Page

beforeAll(async () => {
  s = await startScenario({
    seed: { tokens: 30, seed: 11, accounts: { mpt: 2, fynn: 1, prefactor: 0 } },
    connections: [
      { key: 'acme', provider: 'mpt', account: 0, label: 'Marketplace EU', client: 'Acme Corp' },
      { key: 'globex', provider: 'mpt', account: 1, label: 'Marketplace US', client: 'Globex' },
      { key: 'fynn', provider: 'fynn', account: 0, label: 'Billing', client: 'Initech' },
    ],
  })
  page = s.page
})

afterAll(async () => {
  await s?.close()
})

const rows = () => page.locator('.td-grid__row')
const details = () => page.getByTestId('details')
const activeId = () => page.evaluate(() => document.querySelector('.td-grid__row.is-selected .td-token__id')?.textContent ?? null)
const detailsId = () => page.evaluate(() => document.querySelector('[data-testid=details] .td-details__id')?.textContent ?? null)
const record = (id: string): MptRecord => [...s.sandbox.data.mpt[0]!.tokens, ...s.sandbox.data.mpt[1]!.tokens].find((t) => t.id === id)!
/** What a reader sees: without the invisible isolates (U+2068, U+2069) a toast wraps untrusted text in. */
const seen = (text: string) => text.replace(/[\u2068\u2069]/g, '')
/** The ids of the rows in view, top to bottom (row elements are reused while scrolling: their DOM order is not the rows' order). */
const rowIds = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('.td-grid__row')]
      .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
      .map((r) => r.querySelector('.td-token__id')!.textContent!),
  )

/** The Acme Corp client's Marketplace tokens (a sidebar scope), nothing open, nothing searched. */
async function home(): Promise<void> {
  if (await details().count()) {
    await details().getByRole('button', { name: 'Close details' }).click()
    await details().waitFor({ state: 'detached' })
  }
  await page.evaluate(() => (location.hash = '#/inventory?client=Acme+Corp'))
  await page.getByTestId('search').fill('')
  const acme = s.app.services.inventory.tokens(s.conn.acme!.id).length
  await page.getByTestId('row-count').filter({ hasText: new RegExp(`^${acme}$`) }).waitFor()
}

/** Highlights the nth row shown (by its id cell, not the name that opens it) and returns its id. */
async function pick(n: number): Promise<string> {
  const id = (await rowIds())[n]!
  await rows().filter({ hasText: id }).locator('.td-token__id').click()
  await page.locator('.td-grid__row.is-selected').filter({ hasText: id }).waitFor()
  return id
}

/** Another process deletes a Marketplace token at the vendor; the app's refresh finds it gone. */
async function removedElsewhere(id: string): Promise<void> {
  for (const [i, account] of s.sandbox.data.mpt.entries()) {
    const at = account.tokens.findIndex((t) => t.id === id)
    if (at < 0) continue
    account.tokens.splice(at, 1)
    await s.app.services.inventory.refresh(i === 0 ? s.conn.acme!.id : s.conn.globex!.id)
  }
  await page.waitForFunction((gone) => ![...document.querySelectorAll('.td-grid__row')].some((r) => r.textContent!.includes(gone)), id)
}

describe('the highlighted row is a token', () => {
  it('a refresh that removes it (details closed) leaves nothing highlighted, names it, and Ctrl+Shift+C copies nothing', async () => {
    await home()
    const id = await pick(3)
    const name = record(id).name
    await removedElsewhere(id)
    const notice = page.getByTestId('gone-notice')
    await notice.waitFor()
    expect(await notice.innerText()).toContain(name)
    expect(await notice.innerText()).toContain('is no longer in the inventory')
    expect(await activeId()).toBeNull()
    const before = { ...s.app.clipboard.formats }
    const writes = s.app.clipboard.writes
    await page.getByTestId('token-rows').focus()
    await page.keyboard.press('Control+Shift+C')
    await page.locator('.p-toast-message').filter({ hasText: 'Nothing copied' }).waitFor()
    await page.keyboard.press('Enter')
    await page.keyboard.press(' ')
    expect(s.app.clipboard.writes).toBe(writes)
    expect(s.app.clipboard.formats).toEqual(before)
    expect(await details().count()).toBe(0)
    expect(await page.getByTestId('bulk-bar').count()).toBe(0)
    await page.mouse.move(0, 0)
    await screenshot(page, 'window/gone-notice-1280-light.png')
    // Space did not scroll the rows away; ↓ goes on from where it was: the row now in its place.
    expect(await page.getByTestId('token-rows').evaluate((e) => e.scrollTop)).toBe(0)
    const next = (await rowIds())[3]!
    await page.keyboard.press('ArrowDown')
    await expect.poll(activeId).toBe(next)
    await notice.waitFor({ state: 'detached' })
  })

  it('a refresh that removes it with its details open closes them the same way; one that adds rows keeps it', async () => {
    await home()
    const id = await pick(5)
    await page.keyboard.press('Enter')
    await details().waitFor()
    // Rows added above (another process created a token): still the same token.
    const added = structuredClone(s.sandbox.data.mpt[0]!.tokens[0]!)
    added.id = 'TKN-9999-0001'
    added.name = 'Added elsewhere'
    added.audit.created.at = new Date().toISOString()
    s.sandbox.data.mpt[0]!.tokens.push(added)
    await s.app.services.inventory.refresh(s.conn.acme!.id)
    await rows().filter({ hasText: added.id }).waitFor()
    expect(await activeId()).toBe(id)
    expect(await detailsId()).toBe(id)
    await removedElsewhere(id)
    await page.getByTestId('gone-notice').filter({ hasText: 'no longer in the inventory' }).waitFor()
    await details().waitFor({ state: 'detached' })
    expect(await activeId()).toBeNull()
    await page.keyboard.press('Control+Shift+C')
    await page.locator('.p-toast-message').filter({ hasText: 'Nothing copied' }).last().waitFor()
    expect(await details().count()).toBe(0)
  })

  it('Ctrl+Shift+C then ↓ at once: the token highlighted at the key is copied, the toast names it, and the panel on the next one claims no copy', async () => {
    await home()
    const first = await pick(0)
    const second = (await rowIds())[1]!
    // Main's clipboard write waits until the arrows have moved the panel on.
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const write = s.app.clipboard.write.bind(s.app.clipboard)
    s.app.clipboard.write = async (formats) => {
      await held
      await write(formats)
    }
    await page.getByTestId('token-rows').focus()
    await page.keyboard.press('Control+Shift+C')
    await page.keyboard.press('ArrowDown')
    await expect.poll(detailsId).toBe(second)
    release()
    const toast = page.locator('.p-toast-message').filter({ hasText: 'Secret copied' })
    await toast.waitFor()
    s.app.clipboard.write = write
    expect(s.app.clipboard.formats['text/plain']).toBe(record(first).token)
    const said = seen(await toast.innerText())
    expect(said).toContain(record(first).name)
    expect(said).toContain('Acme Corp · Marketplace EU')
    expect(said).not.toContain(record(second).name)
    expect(await details().getByTestId('copy-countdown').count()).toBe(0)
    await page.keyboard.press('ArrowUp')
    await expect.poll(detailsId).toBe(first)
    expect(await details().getByTestId('copy-countdown').innerText()).toContain(record(first).name)
  })
})

describe('keys right after Esc', () => {
  it('Delete, Esc, Delete: the second Delete asks again at once; ?, Esc, ↓, Enter move and open', async () => {
    await home()
    await pick(2)
    await page.getByTestId('token-rows').focus()
    await page.keyboard.press('Delete')
    const dialog = page.getByRole('alertdialog')
    await dialog.waitFor()
    await page.keyboard.press('Escape')
    await page.keyboard.press('Delete')
    // The second dialog: the first one's closing animation did not swallow the key.
    await page.waitForFunction(() => document.querySelectorAll('.p-dialog-mask:not(.p-overlay-mask-leave-active)').length === 1)
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })

    const ids = await rowIds()
    await page.keyboard.press('?')
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
    await page.keyboard.press('Escape')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await details().waitFor()
    expect(await detailsId()).toBe(ids[3])
  })

  it('after a token deleted from its details, focus has gone with the panel: ↓ still moves through the rows', async () => {
    await home()
    const id = await pick(4)
    await page.keyboard.press('Enter')
    await details().getByRole('button', { name: 'Delete' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click()
    await details().waitFor({ state: 'detached' })
    await page.waitForFunction((gone) => ![...document.querySelectorAll('.td-grid__row')].some((r) => r.textContent!.includes(gone)), id)
    const next = (await rowIds())[4]!
    await page.keyboard.press('ArrowDown')
    await expect.poll(activeId).toBe(next)
  })

  it('Esc from a dialog opened in the search box gives the keys back to the search box', async () => {
    await home()
    await s.app.services.settings.update({ unlockBeforeReveal: true })
    try {
      const id = (await rowIds())[0]!
      await page.keyboard.press('Control+f')
      await page.keyboard.type(id)
      await page.waitForFunction(() => document.querySelectorAll('.td-grid__row').length === 1)
      await page.keyboard.press('Control+Shift+C')
      const gate = page.getByRole('alertdialog')
      await gate.waitFor()
      await page.keyboard.press('Escape')
      await page.keyboard.press('Backspace')
      await expect.poll(() => page.getByTestId('search').inputValue()).toBe(id.slice(0, -1))
    } finally {
      await s.app.services.settings.update({ unlockBeforeReveal: false })
    }
  })
})

describe('unlock before every reveal', () => {
  it('asks nothing for a token with no secret to show (and says why nothing was copied); names token and client when it asks', async () => {
    await home()
    await page.evaluate(() => (location.hash = '#/inventory'))
    await s.app.services.settings.update({ unlockBeforeReveal: true })
    try {
      const fynn = s.app.services.inventory.tokens(s.conn.fynn!.id).find((t) => !t.isOwnCredential)!
      await page.getByTestId('search').fill(fynn.id)
      await rows().filter({ hasText: fynn.id }).locator('.td-token__id').click()
      await page.keyboard.press('Control+Shift+C')
      const toast = page.locator('.p-toast-message').filter({ hasText: 'Nothing copied' }).filter({ hasText: fynn.name! })
      await toast.waitFor({ timeout: 5000 }).catch(async (e) => {
        await screenshot(page, 'window/debug-fynn.png')
        throw e
      })
      expect(await page.getByRole('alertdialog').count()).toBe(0)
      expect(seen(await toast.innerText())).toContain('Initech · Billing')

      const mpt = s.sandbox.data.mpt[1]!.tokens.find((t) => t.status === 'Active' && t.name !== 'Tokendesk')!
      await page.getByTestId('search').fill(mpt.id)
      await rows().filter({ hasText: mpt.id }).locator('.td-token__name').click()
      await details().waitFor()
      await details().getByTestId('reveal').click()
      const gate = page.getByRole('alertdialog')
      await gate.waitFor()
      const text = await gate.innerText()
      expect(text).toContain(`Show the secret of “${mpt.name}” for Globex · Marketplace US?`)
      await page.mouse.move(0, 0)
      await screenshot(page, 'window/unlock-gate-1280-light.png')
      await gate.getByRole('button', { name: 'Unlock' }).click()
      await expect.poll(() => details().getByTestId('secret-value').innerText()).toBe(mpt.token)
    } finally {
      await s.app.services.settings.update({ unlockBeforeReveal: false })
    }
  })
})
