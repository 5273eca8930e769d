/**
 * `npm run bench`: every figure is measured in this one run, against the sandbox and headless
 * Chromium; results are printed and written to bench/results.json. Numbers, not pass/fail:
 * BENCHMARKS.md compares them with their targets.
 */
import { writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { expect, it } from 'vitest'
import { benchBundle } from './bundle'
import { benchMemory } from './memory'
import { benchRefresh } from './refresh'
import { benchRender } from './render'
import { benchSnapshot } from './snapshot'

const ROOT = path.resolve(import.meta.dirname, '..')
const TARGETS: Record<string, string> = {
  'refresh.speedupVsSequential': '≥ 10',
  'refresh.efficiencyVsBound': '≥ 0.8',
  'render.firstRowsRatio50kVs100': '≤ 2',
  'render.filterP95Ms': '≤ 16.7',
  'render.scrollDroppedFramePct': '≤ 1',
  'render.heapMB50k': '≤ 150',
  'snapshot.overheadVsPlainJson': '≤ 1.3',
  'bundle.initialJsGzipKB': '≤ 300',
  'memory.peakRssMB20MBPage': '≤ 450',
  'memory.peakRssMBOversize': '≤ 200',
}

function meets(value: number, target: string): boolean {
  const bound = Number(target.replace(/[^\d.]/g, ''))
  return target.startsWith('≥') ? value >= bound : value <= bound
}

it('measures everything', async () => {
  const refresh = await benchRefresh(ROOT)
  const render = await benchRender()
  const snapshot = await benchSnapshot()
  const bundle = await benchBundle(ROOT)
  const memory = await benchMemory(ROOT)
  const results: Record<string, number> = {
    'refresh.speedupVsSequential': refresh.speedupVsSequential,
    'refresh.efficiencyVsBound': refresh.efficiencyVsBound,
    'render.firstRowsRatio50kVs100': render.firstRowsRatio50kVs100,
    'render.filterP95Ms': render.filterP95Ms,
    'render.scrollDroppedFramePct': render.scrollDroppedFramePct,
    'render.heapMB50k': render.heapMB50k,
    'snapshot.overheadVsPlainJson': snapshot.overheadVsPlainJson,
    'bundle.initialJsGzipKB': bundle.initialJsGzipKB,
    'memory.peakRssMB20MBPage': memory.peakRssMB20MBPage,
    'memory.peakRssMBOversize': memory.peakRssMBOversize,
  }
  const rounded = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, Math.round(v * 1000) / 1000]))
  await writeFile(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(rounded, null, 2)}\n`)
  const rows = Object.entries(rounded).map(([k, v]) => `${k.padEnd(32)} ${String(v).padStart(10)}   ${TARGETS[k]!.padEnd(8)} ${meets(v, TARGETS[k]!) ? 'met' : 'MISSED'}`)
  console.log(
    [
      `Tokendesk benchmarks — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
      '',
      `${'figure'.padEnd(32)} ${'value'.padStart(10)}   target`,
      ...rows,
      '',
      `refresh:  ${JSON.stringify(refresh.details)}`,
      `render:   ${JSON.stringify(render.details)}`,
      `snapshot: ${JSON.stringify(snapshot.details)}`,
      `bundle:   ${JSON.stringify(bundle.details)}`,
      `memory:   ${JSON.stringify(memory.details)}`,
    ].join('\n'),
  )
  for (const v of Object.values(results)) expect(Number.isFinite(v)).toBe(true)
}, 280_000)
