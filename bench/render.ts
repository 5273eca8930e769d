/**
 * Rendering with 50,000 tokens in Debian's Chromium, through the e2e harness (the built renderer,
 * the real dispatcher and services; the inventory seeded, offline, so no network is involved).
 */
import type { Browser, Page } from 'playwright-core'
import type { ProviderId } from '../electron/common/providers'
import { MemorySecretStore } from '../test/fakes/memory-secret-store'
import { startApp, type AppHarness } from '../test/e2e/harness/app-harness'
import { launchChromium } from '../test/e2e/harness/browser'
import { makeTempDir, removeDir } from '../test/support/temp-dir'
import { median, percentile, type BenchPart } from './stats'
import { generateTokens } from './tokens'

const FRAME_MS = 1000 / 60

async function appWith(total: number): Promise<{ app: AppHarness; dir: string }> {
  const dir = await makeTempDir('tokendesk-bench-render-')
  const app = await startApp({ dataDir: dir, secrets: new MemorySecretStore(), forceOffline: true })
  const per = Math.ceil(total / 3)
  let left = total
  for (const provider of ['mpt', 'fynn', 'prefactor'] as ProviderId[]) {
    const c = await app.services.connections.add({ provider, label: provider, client: 'Bench', baseUrl: 'http://127.0.0.1:9', accountId: null, credential: `bench-credential-${provider}` })
    const n = Math.min(per, left)
    left -= n
    app.services.inventory.seed(c.id, generateTokens(provider, c.id, n), new Date().toISOString())
  }
  return { app, dir }
}

/** ms from navigation start to the first token row in the DOM, as the page itself measures it. */
async function firstRowsMs(browser: Browser, app: AppHarness): Promise<number> {
  const page = await app.openPage(browser)
  await page.addInitScript(() => {
    new MutationObserver((_m, observer) => {
      if (document.querySelector('.td-grid__row')) {
        ;(window as unknown as { __firstRows: number }).__firstRows = performance.now()
        observer.disconnect()
      }
    }).observe(document, { childList: true, subtree: true })
  })
  // A new query string: a real load (a hash change alone would not re-run the init script).
  await page.goto(`${app.origin}?load=${Math.random()}#/inventory`)
  await page.waitForFunction(() => (window as unknown as { __firstRows?: number }).__firstRows !== undefined, undefined, { timeout: 60_000 })
  const ms = await page.evaluate(() => (window as unknown as { __firstRows: number }).__firstRows)
  await page.context().close()
  return ms
}


/** Keystroke (its event time) → the frame that paints the updated rows (rAF after the DOM change). */
async function filterLatencies(page: Page, keystrokes: number): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[]; __pending: number | null }
    w.__lat = []
    w.__pending = null
    const input = document.querySelector('[data-testid=search]') as HTMLInputElement
    input.addEventListener('keydown', (e) => (w.__pending = e.timeStamp), { capture: true })
    new MutationObserver(() => {
      if (w.__pending === null) return
      const start = w.__pending
      w.__pending = null
      requestAnimationFrame((frame) => w.__lat.push(frame - start))
    }).observe(document.querySelector('.td-grid')!, { childList: true, subtree: true, characterData: true })
  })
  const search = page.getByTestId('search')
  await search.click()
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
async function scrollFrames(page: Page): Promise<number[]> {
  await page.getByTestId('search').fill('')
  await page.waitForTimeout(300)
  return page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const body = document.querySelector('[data-testid=token-rows]') as HTMLElement
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
  )
}

export async function benchRender(): Promise<BenchPart> {
  const browser = await launchChromium(['--enable-precise-memory-info', '--js-flags=--expose-gc'])
  const small = await appWith(100)
  const large = await appWith(50_000)
  try {
    const smallMs: number[] = []
    const largeMs: number[] = []
    for (let i = 0; i < 3; i++) {
      smallMs.push(await firstRowsMs(browser, small.app))
      largeMs.push(await firstRowsMs(browser, large.app))
    }

    const page = await large.app.openPage(browser)
    await page.getByTestId('row-count').filter({ hasText: /^50,000$/ }).waitFor({ timeout: 60_000 })
    const heapBytes = await page.evaluate(() => {
      ;(window as unknown as { gc?: () => void }).gc?.()
      return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize
    })
    const latencies = await filterLatencies(page, 40)
    const frames = await scrollFrames(page)
    const dropped = frames.filter((f) => f > FRAME_MS * 1.5).length
    return {
      figures: {
        'render.firstRowsRatio50kVs100': { value: median(largeMs) / median(smallMs), target: '≤ 2' },
        'render.filterP95Ms': { value: percentile(latencies, 95), target: '≤ 16.7' },
        'render.scrollDroppedFramePct': { value: (dropped / frames.length) * 100, target: '≤ 1' },
        'render.heapMB50k': { value: heapBytes / 1024 / 1024, target: '≤ 150' },
      },
      details: {
        firstRows100Ms: median(smallMs),
        firstRows50kMs: median(largeMs),
        filterSamples: latencies.length,
        filterMedianMs: median(latencies),
        scrollFrames: frames.length,
        scrollMedianFrameMs: median(frames),
        scrollFramesOver16_7: frames.filter((f) => f > FRAME_MS).length,
      },
    }
  } finally {
    await small.app.close()
    await large.app.close()
    await browser.close()
    await removeDir(small.dir)
    await removeDir(large.dir)
  }
}
