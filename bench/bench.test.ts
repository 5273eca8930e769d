/**
 * `npm run bench`: every figure is measured in this one run, against the sandbox and headless
 * Chromium, the project beside its references where it has them (bench/reference/); results are
 * printed and written to bench/results.json. Numbers, not pass/fail: BENCHMARKS.md compares them
 * with their targets.
 */
import { writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { expect, it } from 'vitest'
import { benchBundle } from './bundle'
import { benchFreeze } from './freeze'
import { benchMemory } from './memory'
import { benchPolicy } from './policy'
import { benchRefresh } from './refresh'
import { benchRender } from './render'
import { benchScale } from './scale'
import { benchSnapshot } from './snapshot'
import { meets, type BenchPart } from './stats'

const ROOT = path.resolve(import.meta.dirname, '..')

const round3 = (v: number): number => Math.round(v * 1000) / 1000

const PARTS: Record<string, () => Promise<BenchPart>> = {
  refresh: () => benchRefresh(ROOT),
  render: () => benchRender(ROOT),
  scale: () => benchScale(),
  snapshot: () => benchSnapshot(ROOT),
  bundle: () => benchBundle(ROOT),
  memory: () => benchMemory(ROOT),
  policy: () => benchPolicy(ROOT),
  freeze: () => benchFreeze(ROOT),
}

// BENCH_PARTS=render,scale measures only those (while working on one part); results.json is then
// written beside the full one, as results-<parts>.json.
const only = process.env.BENCH_PARTS?.split(',').filter((p) => p in PARTS)

it('measures everything', async () => {
  const parts: Record<string, BenchPart> = {}
  const failed: string[] = []
  // A part that breaks does not cost the others' figures (a full run takes a quarter of an hour):
  // it is reported, the rest is measured, and the run fails at the end.
  for (const [name, run] of Object.entries(PARTS)) {
    if (only && !only.includes(name)) continue
    try {
      parts[name] = await run()
      console.log(`bench: ${name} done ${JSON.stringify(Object.fromEntries(Object.entries(parts[name].figures).map(([k, f]) => [k, round3(f.value)])))}`)
    } catch (error) {
      failed.push(`${name}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  const figures = Object.assign({}, ...Object.values(parts).map((p) => p.figures)) as BenchPart['figures']
  const values = Object.fromEntries(Object.entries(figures).map(([k, f]) => [k, round3(f.value)]))
  const details = Object.fromEntries(Object.entries(parts).map(([k, p]) => [k, p.details]))
  await writeFile(path.join(ROOT, only ? `bench/results-${only.join('-')}.json` : 'bench/results.json'), `${JSON.stringify({ figures: values, details }, null, 2)}\n`)
  const rows = Object.entries(figures).map(([k, f]) => {
    const verdict = f.target ? (meets(f.value, f.target) ? 'met' : 'MISSED') : ''
    return `${k.padEnd(40)} ${String(values[k]).padStart(10)}   ${(f.target ?? '—').padEnd(8)} ${verdict}`
  })
  console.log(
    [
      `Tokendesk benchmarks — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
      '',
      `${'figure'.padEnd(40)} ${'value'.padStart(10)}   target`,
      ...rows,
      '',
      ...Object.entries(details).map(([k, d]) => `${`${k}:`.padEnd(10)}${JSON.stringify(d)}`),
    ].join('\n'),
  )
  expect(failed).toEqual([])
  for (const f of Object.values(figures)) expect(Number.isFinite(f.value)).toBe(true)
}, 1_800_000)
