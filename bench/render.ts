/**
 * Rendering with 50,000 tokens in Debian's Chromium: the project through the e2e harness (the
 * built renderer, the real dispatcher and services; the inventory seeded, offline), and beside it,
 * in the same browser and interleaved round by round, the two references (bench/reference/render:
 * a bare-DOM virtual list and Vue 3 + TanStack Virtual with plain rows) over the same tokens,
 * columns and grid size.
 */
import type { Page } from 'playwright-core'
import { launchChromium } from '../test/e2e/harness/browser'
import { removeDir } from '../test/support/temp-dir'
import { serveReferencePages } from './reference/pages'
import { appWith, firstRowsMs, gridColumns, measurePage, presentedPct, referenceData, rowsShown, SEL, type PageFigures } from './render-probes'
import { interleave, median, pairedRatio, spread, type BenchPart } from './stats'

const ROUNDS = 3
const TOKENS = 50_000
const VIEWPORT = { width: 1280, height: 800 }

export async function benchRender(root: string): Promise<BenchPart> {
  const browser = await launchChromium(['--enable-precise-memory-info', '--js-flags=--expose-gc'])
  const small = await appWith(100)
  const large = await appWith(TOKENS)
  const refs = await serveReferencePages(root, referenceData(large.app))
  try {
    const smallMs: number[] = []
    const largeMs: number[] = []
    for (let i = 0; i < 3; i++) {
      smallMs.push(await firstRowsMs(browser, small.app))
      largeMs.push(await firstRowsMs(browser, large.app))
    }

    // The references get the grid the project's window has at this viewport: its size and columns.
    const probe = await large.app.openPage(browser)
    await rowsShown(probe, TOKENS)
    const box = (await probe.locator(SEL.grid).boundingBox())!
    const columns = await gridColumns(probe)
    await probe.context().close()

    const openReference = async (page: 'bare' | 'vue') => {
      const context = await browser.newContext({ viewport: VIEWPORT })
      const tab = await context.newPage()
      await tab.goto(refs.url(page, box, columns))
      await rowsShown(tab, TOKENS)
      return tab
    }
    const openProject = async () => {
      const tab = await large.app.openPage(browser)
      await rowsShown(tab, TOKENS)
      return tab
    }
    const measured = (open: () => Promise<Page>) => async (): Promise<PageFigures> => {
      const tab = await open()
      const figures = await measurePage(tab)
      await tab.context().close()
      return figures
    }
    const runs = await interleave(ROUNDS, {
      project: measured(openProject),
      bare: measured(() => openReference('bare')),
      vue: measured(() => openReference('vue')),
    })
    // Then one traced scroll each, apart from the measured ones (tracing costs frames): did every
    // page put its frames on screen? Dropped frames compare only pages that do.
    const presented: Record<'project' | 'bare' | 'vue', number> = { project: 0, bare: 0, vue: 0 }
    for (const [k, open] of [['project', openProject], ['bare', () => openReference('bare')], ['vue', () => openReference('vue')]] as const) {
      const tab = await open()
      presented[k] = await presentedPct(browser, tab)
      await tab.context().close()
    }
    const of = (k: keyof PageFigures) => ({ project: runs.project.map((r) => r[k]), bare: runs.bare.map((r) => r[k]), vue: runs.vue.map((r) => r[k]) })
    const heap = of('heapMB')
    const p95 = of('filterP95Ms')
    const med = of('filterMedianMs')
    const dropped = of('droppedPct')
    // A reference that drops no frame at all: divide by one frame's share instead of by zero.
    const droppedFloor = (k: 'bare' | 'vue') => runs[k].map((r) => Math.max(r.droppedPct, r.oneFramePct))
    return {
      figures: {
        'render.firstRowsRatio50kVs100': { value: median(largeMs) / median(smallMs), target: '≤ 2' },
        'render.heapMB50k': { value: median(heap.project), target: '≤ 150' },
        'render.filterP95Ms': { value: median(p95.project) },
        'render.scrollDroppedFramePct': { value: median(dropped.project) },
        'render.droppedFramesVsVue': { value: pairedRatio(dropped.project, droppedFloor('vue')), target: '≤ 1' },
        'render.filterP95VsVue': { value: pairedRatio(p95.project, p95.vue), target: '≤ 1.2' },
        'render.heapVsVue': { value: pairedRatio(heap.project, heap.vue), target: '≤ 2' },
        'render.presentedFramesMinPct': { value: Math.min(...Object.values(presented)), target: '≥ 90' },
        'render.droppedFramesVsBare': { value: pairedRatio(dropped.project, droppedFloor('bare')) },
        'render.filterP95VsBare': { value: pairedRatio(p95.project, p95.bare) },
        'render.heapVsBare': { value: pairedRatio(heap.project, heap.bare) },
      },
      details: {
        rounds: ROUNDS,
        firstRows100Ms: Math.round(median(smallMs)),
        firstRows50kMs: Math.round(median(largeMs)),
        grid: `${Math.round(box.width)}×${Math.round(box.height)}`,
        columns: columns.ids.join(' '),
        presentedPct: `project ${Math.round(presented.project)}, bare ${Math.round(presented.bare)}, vue ${Math.round(presented.vue)}`,
        ...Object.fromEntries(
          (['project', 'bare', 'vue'] as const).flatMap((k) => [
            [`${k}DroppedPct`, spread(dropped[k])],
            [`${k}FilterMedianMs`, spread(med[k])],
            [`${k}FilterP95Ms`, spread(p95[k])],
            [`${k}HeapMB`, spread(heap[k])],
          ]),
        ),
      },
    }
  } finally {
    await refs.close()
    await small.app.close()
    await large.app.close()
    await browser.close()
    await removeDir(small.dir)
    await removeDir(large.dir)
  }
}
