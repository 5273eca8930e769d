/**
 * `BENCH_PROFILE=1 npx vitest run --project bench bench/profile.test.ts`: where the grid's time and
 * heap go, the project beside the Vue reference (50,000 tokens, the bench's viewport). Writes a
 * summary to bench/profile.txt (CPU self time by function, trace events by name, heap by
 * constructor); off in `npm run bench`, which measures and does not profile.
 */
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { it } from 'vitest'
import { launchChromium } from '../test/e2e/harness/browser'
import { removeDir } from '../test/support/temp-dir'
import { serveReferencePages } from './reference/pages'
import { appWith, gridColumns, referenceData, rowsShown, SEL } from './render-probes'
import { profilePage } from './profile-page'

const ROOT = path.resolve(import.meta.dirname, '..')
const TOKENS = 50_000

it.runIf(process.env.BENCH_PROFILE)('profiles the grid and the Vue reference', async () => {
  const browser = await launchChromium(['--enable-precise-memory-info', '--js-flags=--expose-gc'])
  const large = await appWith(TOKENS)
  const refs = await serveReferencePages(ROOT, referenceData(large.app))
  const out: string[] = []
  try {
    const tab = await large.app.openPage(browser)
    await rowsShown(tab, TOKENS)
    const box = (await tab.locator(SEL.grid).boundingBox())!
    const columns = await gridColumns(tab)
    out.push(`# project (${columns.ids.join(', ')})`, await profilePage(tab))
    await tab.context().close()
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const ref = await context.newPage()
    await ref.goto(refs.url('vue', box, columns))
    await rowsShown(ref, TOKENS)
    out.push('# Vue reference', await profilePage(ref))
    await context.close()
  } finally {
    await refs.close()
    await large.app.close()
    await browser.close()
    await removeDir(large.dir)
  }
  await writeFile(path.join(ROOT, 'bench/profile.txt'), `${out.join('\n\n')}\n`)
}, 900_000)
