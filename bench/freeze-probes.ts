/**
 * Issue 26's three freezes, as a user meets them with 50,000 tokens, measured in the window's own
 * thread: the long tasks (PerformanceObserver `longtask`: any task over 50 ms) and long animation
 * frames (with the scripts that made them) while Insights opens, while a bulk "Set owner" on every
 * token runs, and while the user scrolls with the wheel during a refresh of many pages.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import type { Page } from 'playwright-core'
import type { ProviderId } from '../electron/common/providers'
import { startApp, type AppHarness } from '../test/e2e/harness/app-harness'
import { MemorySecretStore } from '../test/fakes/memory-secret-store'
import { makeTempDir } from '../test/support/temp-dir'
import { SEL } from './render-probes'

/** What the page's observers saw while one piece of work ran. */
export interface Freeze {
  /** Every long task (ms), longest first. */
  tasks: number[]
  /** Long animation frames: duration, the page's script in it (ms), and the scripts that took most of it (for profiles). */
  frames: Array<{ ms: number; script: number; scripts: string[] }>
  /** Wall time of the work, as the page saw it (ms). */
  wallMs: number
}

/** Around the measured part of each scenario (the profile's CPU profiler), nothing by default. */
export interface Measure {
  start(): Promise<void>
  stop(): Promise<void>
}
const unmeasured: Measure = { start: async () => {}, stop: async () => {} }

/** Start recording long tasks and long animation frames in the page. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __freeze: { tasks: number[]; frames: Array<{ ms: number; script: number; scripts: string[] }>; start: number; observers: PerformanceObserver[] } }
    w.__freeze?.observers.forEach((o) => o.disconnect())
    const freeze = { tasks: [] as number[], frames: [] as Array<{ ms: number; script: number; scripts: string[] }>, start: performance.now(), observers: [] as PerformanceObserver[] }
    w.__freeze = freeze
    const tasks = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) freeze.tasks.push(e.duration)
    })
    tasks.observe({ type: 'longtask' })
    freeze.observers.push(tasks)
    try {
      const frames = new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as Array<{ startTime: number; duration: number; renderStart: number; styleAndLayoutStart: number; scripts?: Array<{ duration: number; invoker: string; sourceFunctionName: string; sourceURL: string; sourceCharPosition: number }> }>) {
          // Where the frame's time went: its scripts, the style and layout, and what is neither (the browser's own work, e.g. taking in a message).
          const end = e.startTime + e.duration
          const layout = e.styleAndLayoutStart ? end - e.styleAndLayoutStart : 0
          const script = (e.scripts ?? []).reduce((n, s) => n + s.duration, 0)
          const scripts = [
            `[script ${Math.round(script)} ms, style+layout ${Math.round(layout)} ms, other ${Math.round(e.duration - script - layout)} ms]`,
            ...[...(e.scripts ?? [])]
              .sort((a, b) => b.duration - a.duration)
              .slice(0, 4)
              .map((s) => `${Math.round(s.duration)} ms ${s.invoker} ${s.sourceFunctionName || '?'} @${s.sourceURL.split('/').pop()}:${s.sourceCharPosition}`),
          ]
          freeze.frames.push({ ms: e.duration, script, scripts })
        }
      })
      frames.observe({ type: 'long-animation-frame' })
      freeze.observers.push(frames)
    } catch {
      // No long-animation-frame entries in this browser: long tasks alone.
    }
  })
}

/** Stop recording, once the page has been quiet (no long task) for `quietMs`. */
export async function longTasksSince(page: Page, quietMs = 1000): Promise<Freeze> {
  return page.evaluate(
    (quiet) =>
      new Promise<Freeze>((resolve) => {
        const w = window as unknown as { __freeze: { tasks: number[]; frames: Array<{ ms: number; script: number; scripts: string[] }>; start: number; observers: PerformanceObserver[] } }
        const freeze = w.__freeze
        let seen = freeze.tasks.length
        let quietSince = performance.now()
        const check = (): void => {
          if (freeze.tasks.length !== seen) {
            seen = freeze.tasks.length
            quietSince = performance.now()
          }
          if (performance.now() - quietSince < quiet) return void setTimeout(check, 100)
          freeze.observers.forEach((o) => o.disconnect())
          resolve({ tasks: [...freeze.tasks].sort((a, b) => b - a), frames: [...freeze.frames].sort((a, b) => b.ms - a.ms), wallMs: quietSince - freeze.start })
        }
        check()
      }),
    quietMs,
  )
}

export const longest = (f: Freeze): number => f.tasks[0] ?? 0

/**
 * The refresh a window starts when it opens (App.vue refreshes every connection) run to its end
 * and its lists taken in, the page quiet again. Insights and the bulk change are measured on a
 * settled window: before, that refresh's lists (2.4 MB a connection) arrived during them and its
 * tasks were counted as theirs. The wheel figure measures a refresh's tasks.
 */
export async function startupRefreshSettled(page: Page, app: AppHarness, callsBefore: number): Promise<void> {
  const since = () => app.calls.slice(callsBefore)
  const refreshAsked = () => since().findIndex((c) => c.channel === 'inventory:refresh')
  await until(() => refreshAsked() >= 0, 'the window never asked for its refresh at start')
  // Then nothing refreshing in main and no call from the window for 2 s: it has fetched what it wanted.
  let count = -1
  let stableSince = Date.now()
  await until(() => {
    if (app.calls.length !== count || app.services.inventory.statuses().some((s) => s.state === 'refreshing')) {
      count = app.calls.length
      stableSince = Date.now()
    }
    return Date.now() - stableSince > 2000
  }, 'the refresh at start did not end')
  await watchLongTasks(page)
  await longTasksSince(page)
}

async function until(done: () => boolean, failure: string, timeoutMs = 180_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !done(); await new Promise((resolve) => setTimeout(resolve, 100))) {
    if (Date.now() > end) throw new Error(failure)
  }
}

/** The inventory page showing every token: open Insights from the navigation, until its figures and chart are there. */
export async function openInsights(page: Page, total: number, measure = unmeasured): Promise<Freeze> {
  await page.evaluate(() => (location.hash = '#/inventory'))
  await page.locator(SEL.scroller).waitFor()
  await page.waitForTimeout(500)
  await measure.start()
  await watchLongTasks(page)
  await page.evaluate(() => (location.hash = '#/insights'))
  await page.getByText(`${total.toLocaleString()} tokens across`).waitFor({ timeout: 120_000 })
  await page.locator('[data-testid=kpis]').waitFor({ timeout: 120_000 })
  await page.locator('.td-chart canvas').waitFor({ timeout: 120_000 })
  const freeze = await longTasksSince(page)
  await measure.stop()
  return freeze
}

/** Every token checked, "Set owner…", the owner typed and applied, until the results say all are done and the dialog is closed. */
export async function bulkSetOwner(page: Page, total: number, owner: string, measure = unmeasured): Promise<Freeze> {
  await page.evaluate(() => (location.hash = '#/inventory'))
  await page.locator(SEL.count).filter({ hasText: new RegExp(`^${total.toLocaleString('en-US')}$`) }).waitFor({ timeout: 120_000 })
  await page.getByRole('checkbox', { name: 'Select all shown tokens' }).check()
  await page.getByTestId('bulk-owner').click()
  await page.getByTestId('bulk-label-value').fill(owner)
  await page.waitForTimeout(300)
  await measure.start()
  await watchLongTasks(page)
  await page.getByTestId('bulk-label-apply').click()
  // The results dialog's title only: a text search of the whole dialog (a line per token) would
  // itself be a long task in the page.
  await page.locator('.p-dialog-title', { hasText: new RegExp(`^Owner set to ${owner}: (${total}|${total.toLocaleString('en-US')}) done`) }).waitFor({ timeout: 300_000 })
  await page.getByRole('dialog').locator('.p-dialog-footer').getByRole('button', { name: 'Close' }).click()
  await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 120_000 })
  const freeze = await longTasksSince(page)
  await measure.stop()
  return freeze
}

/**
 * The wheel over the grid, a step every 50 ms (down, then back up), while a refresh of every
 * connection runs (many pages), until the window has the refreshed inventory. Also the wheel's
 * latency: from each wheel event to the frame after it (ms).
 */
export async function wheelDuringRefresh(page: Page, app: AppHarness, measure = unmeasured): Promise<Freeze & { wheelMs: number[]; pages: number }> {
  await page.evaluate(() => (location.hash = '#/inventory'))
  const box = (await page.locator(SEL.scroller).boundingBox())!
  await page.evaluate((scroller) => {
    const w = window as unknown as { __wheel: number[] }
    w.__wheel = []
    document.querySelector(scroller)!.addEventListener('wheel', (e) => requestAnimationFrame((t) => w.__wheel.push(t - e.timeStamp)), { passive: true })
  }, SEL.scroller)
  let pages = 0
  const stop = app.services.inventory.onProgress(() => (pages += 1))
  const done = new Promise<void>((resolve) => {
    let finished = 0
    const total = app.services.connections.list().length
    const off = app.services.inventory.onComplete(() => {
      if (++finished < total) return
      off()
      resolve()
    })
  })
  const calls = app.calls.length
  await measure.start()
  await watchLongTasks(page)
  await page.getByTestId('refresh').click()
  // Back over the grid: the click left the pointer on the Refresh button, where the wheel scrolls nothing.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  let refreshed = false
  void done.then(() => (refreshed = true))
  for (let i = 0; !refreshed || app.calls.slice(calls).filter((c) => c.channel === 'tokens:list').length < app.services.connections.list().length; i++) {
    await page.mouse.wheel(0, Math.floor(i / 20) % 2 ? -200 : 200)
    await page.waitForTimeout(50)
    if (i > 4000) throw new Error(`the refresh did not finish: ${pages} pages, refreshed ${refreshed}, ${app.calls.slice(calls).filter((c) => c.channel === 'tokens:list').length} lists fetched`)
  }
  stop()
  const freeze = await longTasksSince(page)
  await measure.stop()
  const wheelMs = await page.evaluate(() => (window as unknown as { __wheel: number[] }).__wheel)
  return { ...freeze, wheelMs, pages }
}

interface SandboxInfo {
  urls: Record<ProviderId, string>
  accounts: Record<ProviderId, Array<{ credential: string; accountId: string; tokens: number }>>
}

/** The sandbox in its own process (as the refresh bench runs it), `tokens` per account, `accounts` per vendor. */
export async function sandboxProcess(root: string, tokens: number, accounts: number, latencyMs = 40): Promise<{ info: SandboxInfo; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(root, 'out/main/sandbox.js'), '--tokens', String(tokens), '--accounts', String(accounts), '--latency', String(latencyMs), '--keep-alive', '5000', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)))
  })
  return { info: JSON.parse(line) as SandboxInfo, child }
}

const OWNERS = ['Platform team', 'Billing', 'Ana Souza', 'Data & analytics']

/** The app on the sandbox: every account of every vendor a connection, refreshed once, owners on two tokens in three. */
export async function appOnSandbox(info: SandboxInfo): Promise<{ app: AppHarness; dir: string }> {
  const dir = await makeTempDir('tokendesk-bench-freeze-')
  const app = await startApp({ dataDir: dir, secrets: new MemorySecretStore() })
  for (const provider of Object.keys(info.accounts) as ProviderId[]) {
    for (const [i, a] of info.accounts[provider].entries()) {
      await app.services.connections.add({ provider, label: `${provider}-${i}`, client: 'Bench', baseUrl: info.urls[provider], accountId: null, credential: a.credential })
    }
  }
  const statuses = await app.services.inventory.refreshAll()
  if (!statuses.every((s) => s.state === 'ok')) throw new Error(`the first refresh failed: ${statuses.find((s) => s.state !== 'ok')?.error?.message}`)
  await app.services.meta.applyMany(
    app.services.inventory
      .tokens()
      .filter((_t, i) => i % 3)
      .map((t, i) => ({ connectionId: t.connectionId, tokenId: t.id, set: { owner: OWNERS[i % OWNERS.length]! }, addTags: [] })),
  )
  return { app, dir }
}
