/** Untrusted vendor data renders as text; the built page's CSP blocks inline script. */
import http from 'node:http'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { screenshot, type AppHarness } from './harness/app-harness'
import { withApp } from './harness/with-app'

const NAME = '<img src=x onerror="window.__pwned=1">Billing'
const DESCRIPTION = '<script>window.__pwned2=1</script><b>bold?</b>'

const w = withApp({ sandbox: { seed: { tokens: 20 } } })
let app: AppHarness
let page: Page

beforeAll(async () => {
  const hostile = w.sandbox.data.mpt[0]!.tokens[1]!
  hostile.name = NAME
  hostile.description = DESCRIPTION
  app = await w.start()
  await app.services.connections.add({ provider: 'mpt', label: '<i>Prod</i>', client: '"><svg onload=alert(1)>', baseUrl: w.sandbox.urls.mpt, accountId: null, credential: w.sandbox.data.mpt[0]!.credential })
  page = await app.openPage(w.browser)
  await page.getByTestId('row-count').filter({ hasText: /^21$/ }).waitFor()
})

describe('renderer hardening', () => {
  it('renders HTML and script in vendor data as text', async () => {
    await page.getByTestId('search').fill('onerror')
    await page.waitForFunction(() => document.querySelectorAll('.td-grid__row').length === 1)
    expect(await page.locator('.td-grid__row .td-token__name').innerText()).toBe(NAME)
    await page.locator('.td-grid__row .td-token__name').click()
    await page.getByTestId('details').getByText(DESCRIPTION).waitFor()
    expect(await page.locator('nav').innerText()).toContain('"><svg onload=alert(1)>')
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"], script:not([src]), svg[onload]').length)).toBe(0)
    expect(await page.evaluate(() => [(window as never as { __pwned?: number }).__pwned, (window as never as { __pwned2?: number }).__pwned2])).toEqual([undefined, undefined])
    await screenshot(page, 'hostile-names.png')
  })

  it('serves a CSP without unsafe-inline or unsafe-eval', async () => {
    const csp = await new Promise<string>((resolve) =>
      http.get(app.origin, (res) => {
        res.resume()
        resolve(String(res.headers['content-security-policy']))
      }),
    )
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/)
  })

  it('blocks an injected inline script and eval', async () => {
    const result = await page.evaluate(async () => {
      const violations: string[] = []
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective))
      const s = document.createElement('script')
      s.textContent = 'window.__inline = 1'
      document.body.appendChild(s)
      // A string timer is compiled later, by the page itself, under its CSP (unlike this evaluate).
      try {
        ;(setTimeout as unknown as (code: string, ms: number) => void)('window.__timer = 1', 0)
      } catch {
        /* blocked synchronously: fine */
      }
      const style = document.createElement('style')
      style.textContent = 'body { background: red }'
      document.head.appendChild(style)
      await new Promise((r) => setTimeout(r, 50))
      const w = window as never as { __inline?: number; __timer?: number }
      return { inline: w.__inline, timer: w.__timer, violations, bg: getComputedStyle(document.body).backgroundColor }
    })
    expect(result.inline).toBeUndefined()
    expect(result.timer).toBeUndefined()
    expect(result.bg).not.toBe('rgb(255, 0, 0)')
    expect(result.violations).toEqual(expect.arrayContaining(['script-src-elem', 'style-src-elem', 'script-src']))
  })
})
