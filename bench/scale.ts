/**
 * Where the design bends: start-up from a sealed 50,000-token snapshot (the services opening the
 * snapshots, then the window's first rows; against 100 tokens), and a 200,000-token inventory in
 * the window (load, filter, heap, scroll).
 */
import type { Browser } from 'playwright-core'
import { startApp } from '../test/e2e/harness/app-harness'
import { launchChromium } from '../test/e2e/harness/browser'
import { MemorySecretStore } from '../test/fakes/memory-secret-store'
import { makeTempDir, removeDir } from '../test/support/temp-dir'
import { appWith, firstRowsMs, measurePage, rowsShown } from './render-probes'
import { median, spread, type BenchPart } from './stats'

const ROUNDS = 3
const LARGE = 200_000

/** A data folder whose three connections have sealed snapshots of `total` tokens in all. */
async function folderWithSnapshots(total: number): Promise<{ dir: string; secrets: MemorySecretStore }> {
  const dir = await makeTempDir('tokendesk-bench-start-')
  const secrets = new MemorySecretStore()
  const { app } = await appWith(total, { dataDir: dir, secrets })
  for (const c of app.services.connections.list()) await app.services.snapshots.save(c.id, app.services.inventory.tokens(c.id), new Date().toISOString())
  await app.close()
  return { dir, secrets }
}

/** Services opening the snapshots (ms), then the window's first rows (ms from its navigation). */
async function startUp(browser: Browser, folder: { dir: string; secrets: MemorySecretStore }, total: number): Promise<{ servicesMs: number; firstRowsMs: number }> {
  const t = performance.now()
  const app = await startApp({ dataDir: folder.dir, secrets: folder.secrets, forceOffline: true })
  const servicesMs = performance.now() - t
  if (app.services.inventory.tokens().length !== total) throw new Error('the snapshots did not load')
  const rows = await firstRowsMs(browser, app)
  await app.close()
  return { servicesMs, firstRowsMs: rows }
}

export async function benchScale(): Promise<BenchPart> {
  const browser = await launchChromium(['--enable-precise-memory-info', '--js-flags=--expose-gc'])
  const folders = { small: await folderWithSnapshots(100), large: await folderWithSnapshots(50_000) }
  try {
    const starts = { small: [] as number[], large: [] as number[], largeServices: [] as number[] }
    for (let i = 0; i < ROUNDS; i++) {
      const small = await startUp(browser, folders.small, 100)
      const large = await startUp(browser, folders.large, 50_000)
      starts.small.push(small.servicesMs + small.firstRowsMs)
      starts.large.push(large.servicesMs + large.firstRowsMs)
      starts.largeServices.push(large.servicesMs)
    }

    const big = await appWith(LARGE)
    const loads: number[] = []
    const pages = []
    try {
      for (let i = 0; i < 2; i++) {
        const tab = await big.app.openPage(browser)
        await rowsShown(tab, LARGE)
        loads.push(await tab.evaluate(() => performance.now()))
        pages.push(await measurePage(tab))
        await tab.context().close()
      }
    } finally {
      await big.app.close()
      await removeDir(big.dir)
    }
    const p95 = pages.map((p) => p.filterP95Ms)
    const heap = pages.map((p) => p.heapMB)
    return {
      figures: {
        'scale.startup50kSnapshotMs': { value: median(starts.large) },
        'scale.startupRatio50kVs100': { value: median(starts.large) / median(starts.small), target: '≤ 2' },
        'scale.load200kMs': { value: median(loads) },
        'scale.filterP95Ms200k': { value: median(p95) },
        'scale.heapMB200k': { value: median(heap) },
      },
      details: {
        startup100Ms: spread(starts.small),
        startup50kMs: spread(starts.large),
        startup50kServicesMs: spread(starts.largeServices),
        load200kMs: spread(loads),
        filterMedianMs200k: spread(pages.map((p) => p.filterMedianMs)),
        filterP95Ms200k: spread(p95),
        heapMB200k: spread(heap),
        droppedPct200k: spread(pages.map((p) => p.droppedPct)),
      },
    }
  } finally {
    await browser.close()
    await removeDir(folders.small.dir)
    await removeDir(folders.large.dir)
  }
}
