/**
 * Snapshot: save and load of 50,000 tokens through `SnapshotStore` (streamed JSON + AES-256-GCM +
 * atomic write; read + decrypt + checks), against plain JSON through the same atomic write then
 * read + JSON.parse, and against the streamed-seal reference (bench/reference/streamed-seal.ts);
 * interleaved. Peak memory of one write + read, sealed and plain, each in a fresh process.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { writeFileAtomic } from '../electron/main/services/atomic-file'
import { silentLogger } from '../electron/main/services/logger'
import { SealedFiles } from '../electron/main/services/sealed-file'
import { SnapshotStore } from '../electron/main/services/snapshot-store'
import { MemorySecretStore } from '../test/fakes/memory-secret-store'
import { makeTempDir, removeDir } from '../test/support/temp-dir'
import { nodeBundle } from './node-bundle'
import { streamedOpen, streamedSeal } from './reference/streamed-seal'
import { interleave, median, pairedRatio, spread, type BenchPart } from './stats'
import { generateTokens } from './tokens'

const ROUNDS = 5
const timed = async (run: () => Promise<void>): Promise<number> => {
  const t = performance.now()
  await run()
  return performance.now() - t
}

/** One write + read in a fresh process; its peak resident memory (MB). */
function peakMB(script: string, mode: 'sealed' | 'plain'): Promise<number> {
  return makeTempDir('tokendesk-bench-peak-').then(
    (dir) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--expose-gc', script, mode, dir], { stdio: ['ignore', 'pipe', 'inherit'] })
        let out = ''
        child.stdout.on('data', (d: Buffer) => (out += d.toString()))
        child.on('error', reject)
        child.on('close', (code) => {
          void removeDir(dir)
          try {
            const r = JSON.parse(out) as { count: number; peakMB: number }
            if (r.count !== 50_000) throw new Error(`round trip read ${r.count} tokens`)
            resolve(r.peakMB)
          } catch (error) {
            reject(new Error(`snapshot peak (${mode}) exited ${code}: ${String(error)} ${out}`))
          }
        })
      }),
  )
}

export async function benchSnapshot(root: string): Promise<BenchPart> {
  const dir = await makeTempDir('tokendesk-bench-snap-')
  try {
    const id = '00000000-0000-4000-8000-000000000001'
    const tokens = generateTokens('mpt', id, 50_000)
    const store = new SnapshotStore(dir, new SealedFiles(new MemorySecretStore()), silentLogger)
    const plainFile = path.join(dir, 'plain.json')
    const refFile = path.join(dir, 'reference.sealed')
    const key = randomBytes(32)
    const head = { version: 1, connectionId: id, refreshedAt: 'x' }
    const check = (n: number | undefined, what: string): void => {
      if (n !== 50_000) throw new Error(`${what} round trip failed`)
    }
    const ms = await interleave(ROUNDS, {
      project: () =>
        timed(async () => {
          await store.save(id, tokens, new Date().toISOString())
          const { snapshots } = await store.loadAll([{ id, label: 'bench' }])
          check(snapshots[0]?.tokens.length, 'sealed')
        }),
      plain: () =>
        timed(async () => {
          await writeFileAtomic(plainFile, JSON.stringify({ ...head, tokens }))
          check((JSON.parse(await readFile(plainFile, 'utf8')) as { tokens: unknown[] }).tokens.length, 'plain')
        }),
      reference: () =>
        timed(async () => {
          await streamedSeal(refFile, key, head, tokens)
          check(((await streamedOpen(refFile, key)) as { tokens: unknown[] }).tokens.length, 'reference')
        }),
    })
    const script = await nodeBundle(root, path.join(root, 'bench/snapshot-peak.ts'))
    const peaks = await interleave(3, { project: () => peakMB(script, 'sealed'), plain: () => peakMB(script, 'plain') })
    const jsonMB = Buffer.byteLength(JSON.stringify({ ...head, tokens })) / 1024 / 1024
    return {
      figures: {
        'snapshot.overheadVsPlainJson': { value: pairedRatio(ms.project, ms.plain), target: '≤ 1.2' },
        'snapshot.vsReference': { value: pairedRatio(ms.project, ms.reference) },
        'snapshot.referenceVsPlainJson': { value: pairedRatio(ms.reference, ms.plain) },
        'snapshot.peakMemoryVsPlainJson': { value: median(peaks.project) / median(peaks.plain), target: '≤ 1' },
      },
      details: {
        jsonMB: Math.round(jsonMB),
        rounds: ROUNDS,
        projectMs: spread(ms.project),
        plainMs: spread(ms.plain),
        referenceMs: spread(ms.reference),
        projectPeakMB: spread(peaks.project),
        plainPeakMB: spread(peaks.plain),
      },
    }
  } finally {
    await removeDir(dir)
  }
}
