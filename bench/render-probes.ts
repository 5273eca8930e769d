/**
 * What the render and scale benchmarks measure in a page, the project's or a reference's: how
 * long a keystroke takes to paint, how smooth a scroll is, how much heap the page holds; and the
 * app through the e2e harness with a seeded inventory.
 */
import type { Browser, Page } from 'playwright-core'
import { expect, vi } from 'vitest'
import type { ProviderId } from '../electron/common/providers'
import { hasName } from '../electron/common/token-query'
import { toListToken } from '../electron/common/tokens'
import { MemorySecretStore } from '../test/fakes/memory-secret-store'
import { startApp, type AppHarness } from '../test/e2e/harness/app-harness'
import { makeTempDir } from '../test/support/temp-dir'
import type { RefData } from './reference/render/rows'
import { median, percentile } from './stats'
import { generateTokens } from './tokens'

export const FRAME_MS = 1000 / 60
const OWNERS = ['Platform team', 'Billing', 'Ana Souza', 'Data & analytics', 'Integrations (EU)', 'Jonas Müller']
/** Where each page keeps what is measured: the same in the project and the references. */
export const SEL = {
  search: '[data-testid=search]',
  grid: '.td-grid',
  scroller: '[data-testid=token-rows]',
  row: '.td-grid__row',
  count: '[data-testid=row-count]',
}

/**
 * The app with `total` cached tokens over three connections, offline (no network involved), and
 * the user's metadata on them as an audited inventory has it: an owner on two tokens in three, a
 * display name on every unnamed token.
 */
export async function appWith(total: number, options: { dataDir?: string; secrets?: MemorySecretStore } = {}): Promise<{ app: AppHarness; dir: string }> {
  const dir = options.dataDir ?? (await makeTempDir('tokendesk-bench-render-'))
  const app = await startApp({ dataDir: dir, secrets: options.secrets ?? new MemorySecretStore(), forceOffline: true })
  const per = Math.ceil(total / 3)
  let left = total
  for (const provider of ['mpt', 'fynn', 'prefactor'] as ProviderId[]) {
    const c = await app.services.connections.add({ provider, label: provider, client: 'Bench', baseUrl: 'http://127.0.0.1:9', accountId: null, credential: `bench-credential-${provider}` })
    const n = Math.min(per, left)
    left -= n
    const tokens = generateTokens(provider, c.id, n)
    app.services.inventory.seed(c.id, tokens, new Date().toISOString())
    await app.services.meta.applyMany(
      tokens.flatMap((t, i) => {
        const set = { ...(i % 3 ? { owner: OWNERS[i % OWNERS.length]! } : {}), ...(hasName(t) ? {} : { displayName: `${provider} key ${i}` }) }
        return Object.keys(set).length ? [{ connectionId: c.id, tokenId: t.id, set, addTags: [] }] : []
      }),
    )
  }
  return { app, dir }
}

/** What the render references get: the project window's lean tokens, connections and metadata. */
export function referenceData(app: AppHarness): RefData {
  return {
    tokens: app.services.inventory.tokens().map(toListToken),
    connections: app.services.connections.list().map((c) => ({ id: c.id, label: c.label, client: c.client })),
    meta: Object.fromEntries([...app.services.meta.all()].map(([key, m]) => [key, { owner: m.owner, displayName: m.displayName }])),
    now: Date.now(),
  }
}

/** The columns the project's grid shows: their ids in order, its grid template and minimum width. */
export interface GridColumns {
  ids: string[]
  template: string
  minWidth: number
}

export async function gridColumns(page: Page): Promise<GridColumns> {
  return page.evaluate((grid) => {
    const el = document.querySelector(grid) as HTMLElement
    const ids = [...el.querySelectorAll('[role=columnheader]')].map((h) => (h as HTMLElement).dataset.col!)
    const style = getComputedStyle(el)
    return { ids, template: style.getPropertyValue('--td-cols').trim(), minWidth: parseFloat(style.getPropertyValue('--td-grid-min')) || 0 }
  }, SEL.grid)
}

/** ms from navigation start to the first token row in the DOM, as the page itself measures it. */
export async function firstRowsMs(browser: Browser, app: AppHarness): Promise<number> {
  // A cold start, as the app's window starts: a fresh page (no earlier document in its renderer,
  // nothing cached), the time from its navigation to the first token row in the DOM.
  const probe = `new MutationObserver((_m, observer) => {
    if (document.querySelector(${JSON.stringify(SEL.row)})) {
      window.__firstRows = performance.now()
      observer.disconnect()
    }
  }).observe(document, { childList: true, subtree: true })`
  const calls = app.calls.length
  const page = await app.openPage(browser, { beforeApp: probe })
  await page.waitForFunction(() => (window as unknown as { __firstRows?: number }).__firstRows !== undefined, undefined, { timeout: 120_000 })
  const ms = await page.evaluate(() => (window as unknown as { __firstRows: number }).__firstRows)
  // Main serves the rest of that start (the whole inventory) before the next measurement begins.
  await vi.waitFor(() => expect(app.calls.slice(calls).some((c) => c.channel === 'tokens:list')).toBe(true), { timeout: 120_000, interval: 20 })
  await page.context().close()
  return ms
}

/**
 * Until the page shows `count` rows: the count says so and the list is that long. (The project's
 * count says the total already while its first screen is a preview of 100 rows, before the whole
 * inventory has arrived; the scroll height only grows with the whole list.)
 */
export async function rowsShown(page: Page, count: number): Promise<void> {
  const text = count.toLocaleString('en-US')
  await page.locator(SEL.count).filter({ hasText: new RegExp(`^${text}$`) }).waitFor({ timeout: 180_000 })
  await page.waitForFunction(({ scroller, rows }) => document.querySelector(scroller)!.scrollHeight >= rows * 16, { scroller: SEL.scroller, rows: count }, { timeout: 180_000 })
}

/**
 * The page's JS heap after a full garbage collection through DevTools (HeapProfiler.collectGarbage,
 * V8's low-memory GC), in every page alike. The page's own `gc()` is not enough for the project: it
 * left ~90 MB of the harness's reply transport (the 50,000 tokens' JSON, carried into the page by a
 * Playwright binding, which Electron's IPC does not do) that only the full collection frees.
 */
export async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize / 1024 / 1024
}

/** Keystroke (its event time) → the frame that paints the updated rows (rAF after the DOM change). */
export async function filterLatencies(page: Page, keystrokes: number): Promise<number[]> {
  await page.evaluate((sel) => {
    const w = window as unknown as { __lat: number[]; __pending: number | null }
    w.__lat = []
    w.__pending = null
    const input = document.querySelector(sel.search) as HTMLInputElement
    input.addEventListener('keydown', (e) => (w.__pending = e.timeStamp), { capture: true })
    new MutationObserver(() => {
      if (w.__pending === null) return
      const start = w.__pending
      w.__pending = null
      requestAnimationFrame((frame) => w.__lat.push(frame - start))
    }).observe(document.querySelector(sel.grid)!, { childList: true, subtree: true, characterData: true })
  }, SEL)
  await page.locator(SEL.search).click()
  const letters = 'aeioursntlcdpm'
  for (let i = 0; i < keystrokes; i++) {
    await page.keyboard.press(letters[i % letters.length]!)
    await page.waitForTimeout(40)
    await page.keyboard.press('Backspace')
    await page.waitForTimeout(40)
  }
  return page.evaluate(() => (window as unknown as { __lat: number[] }).__lat)
}

/** rAF-to-rAF frame times during a 3 s programmatic scroll through the whole list. */
export async function scrollFrames(page: Page): Promise<number[]> {
  await page.locator(SEL.search).fill('')
  await page.waitForTimeout(300)
  return page.evaluate(
    (scroller) =>
      new Promise<number[]>((resolve) => {
        const body = document.querySelector(scroller) as HTMLElement
        const frames: number[] = []
        const duration = 3000
        let start = 0
        let last = 0
        const step = (t: number) => {
          if (!start) start = last = t
          else frames.push(t - last)
          last = t
          const progress = Math.min(1, (t - start) / duration)
          body.scrollTop = progress * (body.scrollHeight - body.clientHeight)
          if (progress < 1) requestAnimationFrame(step)
          else resolve(frames)
        }
        requestAnimationFrame(step)
      }),
    SEL.scroller,
  )
}

/**
 * The share of a scroll's frames the page put on screen: draws by the display compositor (Viz,
 * traced) per rAF interval. A page can run every rAF callback and still present almost nothing:
 * in this headless Chromium, a list whose only layer is the page's own drew 7 frames of ~180
 * while its rAF intervals looked perfect. A comparison of dropped frames holds only between
 * pages that present theirs.
 */
export async function presentedPct(browser: Browser, page: Page): Promise<number> {
  await browser.startTracing(page, { categories: ['viz'] })
  const frames = await scrollFrames(page)
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: Array<{ name: string; ph: string }> }
  const draws = trace.traceEvents.filter((e) => e.name === 'Display::DrawAndSwap' && e.ph === 'X').length
  return Math.min(100, (draws / frames.length) * 100)
}

export interface PageFigures {
  heapMB: number
  filterMedianMs: number
  filterP95Ms: number
  /** Intervals over 1.5 frames (a missed vsync), as a share of all intervals. */
  droppedPct: number
  /** One dropped frame, as a share: the floor a ratio divides by (a clean scroll would be 0). */
  oneFramePct: number
}

/** Heap, then 40 filter keystrokes, then a scroll through the list: one page, measured. */
export async function measurePage(page: Page): Promise<PageFigures> {
  const heap = await heapMB(page)
  const latencies = await filterLatencies(page, 40)
  const frames = await scrollFrames(page)
  return {
    heapMB: heap,
    filterMedianMs: median(latencies),
    filterP95Ms: percentile(latencies, 95),
    droppedPct: (frames.filter((f) => f > FRAME_MS * 1.5).length / frames.length) * 100,
    oneFramePct: 100 / frames.length,
  }
}
