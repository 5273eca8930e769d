/**
 * Policy: the pause a policy's evaluation over 200,000 tokens costs main (bench/policy-run.ts),
 * in a process of its own running the code bundled as main's is (Vite, like electron-vite): in the
 * test runner's module loader the same code measured 80–95 ms against ~52 bundled (most likely its
 * imports rewritten as property reads of module objects, on every use in the loop).
 *
 * `policy.evaluate200kMs`: the evaluation as main runs it when the policy or the clock changed,
 * the owners already beside the inventory (FindingsService keeps them per inventory and
 * metadata), median of 15 runs after 3 to warm up. `join200kMs`: what an inventory or metadata
 * change adds first — each token's owner looked up by key, as TokenMetaStore holds them.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { nodeBundle } from './node-bundle'
import { median, spread, type BenchPart } from './stats'

interface Run {
  count: number
  evaluations: number[]
  joins: number[]
  flagged: number
  share: number | null
}

function run(script: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      try {
        const r = JSON.parse(out) as Run
        if (r.count !== 200_000) throw new Error(`evaluated ${r.count} tokens`)
        resolve(r)
      } catch (error) {
        reject(new Error(`policy bench exited ${code}: ${String(error)} ${out}`))
      }
    })
  })
}

export async function benchPolicy(root: string): Promise<BenchPart> {
  const r = await run(await nodeBundle(root, path.join(root, 'bench/policy-run.ts')))
  return {
    figures: { 'policy.evaluate200kMs': { value: median(r.evaluations), target: '≤ 100' } },
    details: { evaluate200kMs: spread(r.evaluations), join200kMs: spread(r.joins), tokensWithFindings: r.flagged, compliantShare: r.share === null ? '—' : r.share.toFixed(3) },
  }
}
