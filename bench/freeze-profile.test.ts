/**
 * `BENCH_PROFILE=freeze npx vitest run --project bench bench/freeze-profile.test.ts`: where the
 * three freezes' time goes (bench/freeze.ts's scenarios, one round, each under a V8 CPU profile).
 * Build with `TD_NO_MINIFY=1 npx electron-vite build` first for readable names. Writes
 * bench/freeze-profile.txt; off in `npm run bench`, which measures and does not profile.
 */
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { it } from 'vitest'
import { launchChromium } from '../test/e2e/harness/browser'
import { removeDir } from '../test/support/temp-dir'
import { appOnSandbox, bulkSetOwner, openInsights, sandboxProcess, startupRefreshSettled, wheelDuringRefresh, type Freeze, type Measure } from './freeze-probes'
import { longestTaskEvents, startCpuProfile, stopCpuProfile } from './profile-page'
import { rowsShown } from './render-probes'

const ROOT = path.resolve(import.meta.dirname, '..')

it.runIf(process.env.BENCH_PROFILE === 'freeze')('profiles the three freezes', async () => {
  // FREEZE_PER=1000: fewer tokens per account (4 accounts a vendor), for a quicker look.
  const { info, child } = await sandboxProcess(ROOT, Number(process.env.FREEZE_PER ?? 4167), 4)
  const browser = await launchChromium()
  const { app, dir } = await appOnSandbox(info)
  const out: string[] = []
  const summary = (name: string, f: Freeze) => [`# ${name}: longest tasks ${f.tasks.slice(0, 8).map(Math.round).join(', ')} ms; wall ${Math.round(f.wallMs)} ms`, ...f.frames.slice(0, 5).map((fr) => `  frame ${Math.round(fr.ms)} ms: ${fr.scripts.join('; ')}`)]
  try {
    const total = app.services.inventory.tokens().length
    const calls = app.calls.length
    const page = await app.openPage(browser)
    await rowsShown(page, total)
    await startupRefreshSettled(page, app, calls)
    const cdp = await page.context().newCDPSession(page)
    // The profiler runs from the user's action until the page is quiet: what the figures measure.
    let lines: string[] = []
    const measure: Measure = { start: () => startCpuProfile(cdp), stop: async () => void (lines = await stopCpuProfile(cdp, Number(process.env.FREEZE_TASKS ?? 3))) }
    const save = () => writeFile(path.join(ROOT, 'bench/freeze-profile.txt'), `${out.join('\n')}\n`)
    let f = await openInsights(page, total, measure)
    out.push(...summary('insights', f), ...lines)
    await save()
    if (process.env.FREEZE_ONLY === 'insights') return
    f = await bulkSetOwner(page, total, 'Profiled owner', measure)
    out.push(...summary('bulk set owner', f), ...lines)
    await save()
    if (process.env.FREEZE_ONLY === 'bulk') {
      // Again under a trace: what the longest tasks were made of, script or not.
      out.push('# bulk set owner, traced', ...(await longestTaskEvents(page, () => bulkSetOwner(page, total, 'Traced owner'), 4)))
      return void (await save())
    }
    const w = await wheelDuringRefresh(page, app, measure)
    out.push(...summary(`wheel during refresh (${w.wheelMs.length} wheel events seen, ${w.pages} pages)`, w), ...lines)
  } finally {
    await app.close()
    await browser.close()
    child.kill()
    await removeDir(dir)
  }
  await writeFile(path.join(ROOT, 'bench/freeze-profile.txt'), `${out.join('\n')}\n`)
}, 900_000)
