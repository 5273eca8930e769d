/**
 * Snapshot overhead: the sealed snapshot (JSON + AES-256-GCM + atomic write, then read + decrypt +
 * validate) against plain JSON through the same atomic write and a read + parse, 50,000 tokens.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { writeFileAtomic } from '../electron/main/services/atomic-file'
import { silentLogger } from '../electron/main/services/logger'
import { SealedFiles } from '../electron/main/services/sealed-file'
import { SnapshotStore } from '../electron/main/services/snapshot-store'
import { MemorySecretStore } from '../test/fakes/memory-secret-store'
import { makeTempDir, removeDir } from '../test/support/temp-dir'
import { generateTokens } from './tokens'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export async function benchSnapshot(): Promise<{ overheadVsPlainJson: number; details: Record<string, number> }> {
  const dir = await makeTempDir('tokendesk-bench-snap-')
  try {
    const id = '00000000-0000-4000-8000-000000000001'
    const tokens = generateTokens('mpt', id, 50_000)
    const store = new SnapshotStore(dir, new SealedFiles(new MemorySecretStore()), silentLogger)
    const plainFile = path.join(dir, 'plain.json')
    const sealedRuns: number[] = []
    const plainRuns: number[] = []
    // Alternate, so drift in the machine's load hits both alike.
    for (let i = 0; i < 5; i++) {
      let t = performance.now()
      await store.save(id, tokens, new Date().toISOString())
      const { snapshots } = await store.loadAll([{ id, label: 'bench' }])
      if (snapshots[0]?.tokens.length !== 50_000) throw new Error('snapshot round trip failed')
      sealedRuns.push(performance.now() - t)

      t = performance.now()
      await writeFileAtomic(plainFile, JSON.stringify({ version: 1, connectionId: id, refreshedAt: 'x', tokens }))
      const back = JSON.parse(await readFile(plainFile, 'utf8')) as { tokens: unknown[] }
      if (back.tokens.length !== 50_000) throw new Error('plain round trip failed')
      plainRuns.push(performance.now() - t)
    }
    return { overheadVsPlainJson: median(sealedRuns) / median(plainRuns), details: { sealedMs: median(sealedRuns), plainMs: median(plainRuns) } }
  } finally {
    await removeDir(dir)
  }
}
