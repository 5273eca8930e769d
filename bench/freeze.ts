/**
 * Issue 26's three freezes with 50,000 tokens on the sandbox (in its own process, 40 ms a
 * request), in Debian's Chromium through the e2e harness: the longest main-thread task (ms) while
 * Insights opens, while a bulk "Set owner" on every token runs and its results show, and while
 * the wheel scrolls the grid during a refresh of every connection (many pages). Each round runs
 * the three in one page; the figure is the median over rounds of each round's longest task.
 */
import { launchChromium } from '../test/e2e/harness/browser'
import { removeDir } from '../test/support/temp-dir'
import { appOnSandbox, bulkSetOwner, longest, openInsights, sandboxProcess, startupRefreshSettled, wheelDuringRefresh, type Freeze } from './freeze-probes'
import { rowsShown } from './render-probes'
import { median, percentile, spread, type BenchPart } from './stats'

const ROUNDS = Number(process.env.FREEZE_ROUNDS ?? 3)
/** 4 accounts a vendor, 12 connections: 50,004 tokens, 500 pages of 100 a refresh. */
const PER_ACCOUNT = 4167
const ACCOUNTS = 4

export async function benchFreeze(root: string): Promise<BenchPart> {
  const { info, child } = await sandboxProcess(root, PER_ACCOUNT, ACCOUNTS)
  const browser = await launchChromium()
  const { app, dir } = await appOnSandbox(info)
  const total = app.services.inventory.tokens().length
  const insights: number[] = []
  const bulk: number[] = []
  const wheel: number[] = []
  const wheelP95: number[] = []
  const wheelCount: number[] = []
  /** Long animation frames: a frame's script and its rendering (style, layout) together. */
  const frameMs: Record<'insights' | 'bulk' | 'wheel', number[]> = { insights: [], bulk: [], wheel: [] }
  /** The most script any one of those frames ran: the page's own share of a frame, whatever the machine's other processes took. */
  const frameScriptMs: Record<'insights' | 'bulk' | 'wheel', number[]> = { insights: [], bulk: [], wheel: [] }
  const mostScript = (f: Freeze): number => Math.max(0, ...f.frames.map((fr) => fr.script))
  const wall: Record<'insights' | 'bulk' | 'wheel', number[]> = { insights: [], bulk: [], wheel: [] }
  const frames: string[] = []
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const calls = app.calls.length
      const page = await app.openPage(browser)
      await rowsShown(page, total)
      await startupRefreshSettled(page, app, calls)
      const a = await openInsights(page, total)
      const b = await bulkSetOwner(page, total, `Bench owner ${round}`)
      const c = await wheelDuringRefresh(page, app)
      insights.push(longest(a))
      bulk.push(longest(b))
      wheel.push(longest(c))
      wheelP95.push(c.wheelMs.length ? percentile(c.wheelMs, 95) : 0)
      wheelCount.push(c.wheelMs.length)
      frameMs.insights.push(a.frames[0]?.ms ?? 0)
      frameMs.bulk.push(b.frames[0]?.ms ?? 0)
      frameMs.wheel.push(c.frames[0]?.ms ?? 0)
      frameScriptMs.insights.push(mostScript(a))
      frameScriptMs.bulk.push(mostScript(b))
      frameScriptMs.wheel.push(mostScript(c))
      wall.insights.push(a.wallMs)
      wall.bulk.push(b.wallMs)
      wall.wheel.push(c.wallMs)
      // FREEZE_FRAMES=1: each round's longest tasks and frames of each freeze, with the scripts that made them.
      if (process.env.FREEZE_FRAMES) {
        for (const [k, f] of Object.entries({ insights: a, bulk: b, wheel: c })) console.log(`round ${round}: ${k} tasks ${f.tasks.slice(0, 6).map(Math.round).join(', ')} ms\n${f.frames.slice(0, 4).map((fr) => `  frame ${Math.round(fr.ms)} ms ${fr.scripts.join('; ')}`).join('\n')}`)
      }
      if (round === 0) for (const [k, f] of Object.entries({ insights: a, bulk: b, wheel: c })) if (f.frames[0]) frames.push(`${k}: ${Math.round(f.frames[0].ms)} ms ${f.frames[0].scripts.join('; ')}`)
      await page.context().close()
    }
    return {
      figures: {
        'insights.open50kLongestTaskMs': { value: median(insights), target: '≤ 100' },
        'bulk.setOwner50kLongestTaskMs': { value: median(bulk), target: '≤ 100' },
        'refresh.wheelDuring50kLongestTaskMs': { value: median(wheel), target: '≤ 100' },
      },
      details: {
        rounds: ROUNDS,
        tokens: total,
        insightsLongestMs: spread(insights),
        bulkLongestMs: spread(bulk),
        wheelLongestMs: spread(wheel),
        insightsLongestFrameMs: spread(frameMs.insights),
        bulkLongestFrameMs: spread(frameMs.bulk),
        wheelLongestFrameMs: spread(frameMs.wheel),
        insightsFrameMostScriptMs: spread(frameScriptMs.insights),
        bulkFrameMostScriptMs: spread(frameScriptMs.bulk),
        wheelFrameMostScriptMs: spread(frameScriptMs.wheel),
        wheelToFrameP95Ms: spread(wheelP95),
        wheelEvents: wheelCount.join(', '),
        insightsWallMs: spread(wall.insights),
        bulkWallMs: spread(wall.bulk),
        refreshWallMs: spread(wall.wheel),
        longestFrames: frames.join(' | '),
      },
    }
  } finally {
    await app.close()
    await browser.close()
    child.kill()
    await removeDir(dir)
  }
}
