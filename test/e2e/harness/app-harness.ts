/**
 * The app without Electron's window: main's real services, handler table and dispatcher; the
 * built renderer served with the production CSP; Chromium as the window.
 */
import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { createDispatcher } from '../../../electron/main/ipc/dispatcher'
import { forwardEvents, type EmitEvent } from '../../../electron/main/ipc/events'
import { createHandlers } from '../../../electron/main/ipc/handlers'
import { serveRendererFile } from '../../../electron/main/renderer-files'
import { createServices, type Services } from '../../../electron/main/services'
import { createLogger } from '../../../electron/main/services/logger'
import type { SecretStore } from '../../../electron/main/services/secret-store'
import { MemoryClipboard } from '../../fakes/memory-clipboard'
import { testHttp } from '../../support/sandbox-fixture'
import { bridgeScript } from './bundle'
import { LARGE, LARGE_MESSAGE, LARGE_PATH } from './reply-pieces'

export const ROOT = path.resolve(import.meta.dirname, '../../..')
export const RENDERER_DIR = path.join(ROOT, 'out/renderer')
export const RESULTS_DIR = path.join(ROOT, 'test-results')

export interface AppHarness {
  origin: string
  services: Services
  logLines: string[]
  /** What main wrote to the (faked Electron) clipboard. */
  clipboard: MemoryClipboard
  /** URLs main was asked to open in the system browser. */
  opened: string[]
  /** Every invoke the page made and what it got back, serialised. */
  calls: Array<{ channel: string; response: string }>
  /** A page in its own context; `beforeApp` runs in it before the app's own scripts (a probe). */
  openPage(browser: Browser, options?: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number }; beforeApp?: string }): Promise<Page>
  close(): Promise<void>
}

export async function startApp(options: { dataDir: string; secrets: SecretStore; saveDir?: string; forceOffline?: boolean }): Promise<AppHarness> {
  const saveDir = options.saveDir
  const logLines: string[] = []
  const log = createLogger((level, line) => logLines.push(`[${level}] ${line}`))
  const clipboard = new MemoryClipboard()
  const opened: string[] = []
  const calls: AppHarness['calls'] = []
  const services = await createServices({
    dataDir: options.dataDir,
    secrets: options.secrets,
    log,
    http: testHttp({ timeoutMs: 2000, log }),
    clipboard,
    forceOffline: options.forceOffline,
  })

  /** Large replies and events, by id, until the page fetches them (reply-pieces.ts). */
  const large = new Map<string, string>()
  const handOver = (message: string): string => {
    const id = randomUUID()
    large.set(id, message)
    return JSON.stringify({ [LARGE]: id })
  }
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith(LARGE_PATH)) {
      const id = req.url.slice(LARGE_PATH.length)
      const message = large.get(id)
      large.delete(id)
      res.writeHead(message === undefined ? 404 : 200, { 'content-type': 'application/json; charset=utf-8' })
      return void res.end(message ?? '')
    }
    void serveRendererFile(RENDERER_DIR, req.url ?? '/').then((file) => {
      res.writeHead(file.status, file.headers)
      res.end(file.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`

  const pages = new Set<Page>()
  const contexts = new Set<BrowserContext>()
  const emit: EmitEvent = (event, payload) => {
    // One serialised message per event, as Electron's IPC sends and as replies go (the page
    // parses it): Playwright's own argument format took seconds for an event of 50,000 rows.
    const json = payload === undefined ? '' : JSON.stringify(payload)
    for (const page of pages) {
      const message = json.length > LARGE_MESSAGE ? handOver(json) : json
      void page
        .evaluate(([e, p]) => (window as unknown as { __tokendeskEmit?: (e: string, p: string) => void }).__tokendeskEmit?.(e, p), [event, message] as const)
        .catch(() => undefined)
    }
  }
  forwardEvents(services, emit)
  services.overlapTimer.start() // as the app's start does
  const handlers = createHandlers(services, { version: '0.0.0-e2e', platform: process.platform }, {
    openExternal: async (url) => void opened.push(url),
    chooseSavePath: async (name) => (saveDir ? path.join(saveDir, name) : null),
  })
  const dispatch = createDispatcher(handlers, { trustedOrigins: [origin], log })
  const script = await bridgeScript()

  return {
    origin,
    services,
    logLines,
    clipboard,
    opened,
    calls,
    async openPage(browser, { colorScheme = 'light', viewport = { width: 1280, height: 800 }, beforeApp } = {}) {
      const context = await browser.newContext({ viewport, colorScheme })
      contexts.add(context)
      await context.exposeBinding('__tokendeskInvoke', async (source, channel: unknown, sent: unknown) => {
        const args = typeof sent === 'object' && sent !== null && LARGE in sent ? (JSON.parse((sent as Record<string, string>)[LARGE]!) as unknown) : sent
        const result = await dispatch({ url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }, channel, args)
        // One serialised message per reply, as Electron's IPC sends (the page parses it).
        const response = JSON.stringify(result)
        calls.push({ channel: String(channel), response })
        return response.length > LARGE_MESSAGE ? handOver(response) : response
      })
      await context.addInitScript({ content: script })
      if (beforeApp) await context.addInitScript({ content: beforeApp })
      const page = await context.newPage()
      pages.add(page)
      page.on('close', () => pages.delete(page))
      await page.goto(origin)
      return page
    },
    async close() {
      services.watch.stop()
      services.overlapTimer.stop()
      await services.snapshots.flush()
      for (const context of contexts) await context.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true })
  // Let dropdowns and tooltips finish leaving, so the picture shows the settled screen.
  await page
    .waitForFunction(() => !document.querySelector('.p-select-overlay, .p-multiselect-overlay, .p-tooltip, [class*="-enter-active"], [class*="-leave-active"]'), undefined, { timeout: 3000 })
    .catch(() => undefined)
  await page.waitForTimeout(250) // CSS transitions (tab ink bar, hover fades) have no class to wait for
  await page.screenshot({ path: path.join(RESULTS_DIR, name) })
}

/**
 * Closes the details panel if it is open. The panel may also close by itself while this runs (a
 * refresh removed its token, or the route changed), so a Close button that is gone before the
 * click lands is not an error; a panel still open afterwards is.
 */
export async function closeDetails(page: Page): Promise<void> {
  const details = page.getByTestId('details')
  const close = details.getByRole('button', { name: 'Close details' })
  if (await close.isVisible()) await close.click({ timeout: 5000 }).catch(() => undefined)
  await details.waitFor({ state: 'hidden', timeout: 5000 })
}
