/**
 * Run as its own process (bench/snapshot.ts): one write and one read of a 50,000-token snapshot,
 * sealed (the project's SnapshotStore) or plain JSON (the same atomic write, then read + parse).
 * Prints the peak resident memory of that write and read alone: the kernel's high-water mark is
 * reset (/proc/self/clear_refs) once the tokens exist, so their making is not counted.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { writeFileAtomic } from '../electron/main/services/atomic-file'
import { silentLogger } from '../electron/main/services/logger'
import { SealedFiles } from '../electron/main/services/sealed-file'
import { SnapshotStore } from '../electron/main/services/snapshot-store'
import { MemorySecretStore } from '../test/fakes/memory-secret-store'
import { generateTokens } from './tokens'

const kb = (field: 'VmHWM' | 'VmRSS'): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1])

const [mode, dir] = process.argv.slice(2) as ['sealed' | 'plain', string]
const id = '00000000-0000-4000-8000-000000000001'
const tokens = generateTokens('mpt', id, 50_000)
const store = new SnapshotStore(dir, new SealedFiles(new MemorySecretStore()), silentLogger)
// The data key exists before measuring (made once per keychain, not per write).
await store.save(id, tokens.slice(0, 1), 'warm-up')
;(globalThis as { gc?: () => void }).gc?.()
writeFileSync('/proc/self/clear_refs', '5')
const baseKB = kb('VmRSS')
let count: number
if (mode === 'plain') {
  const file = path.join(dir, 'plain.json')
  await writeFileAtomic(file, JSON.stringify({ version: 1, connectionId: id, refreshedAt: 'x', tokens }))
  count = (JSON.parse(await readFile(file, 'utf8')) as { tokens: unknown[] }).tokens.length
} else {
  await store.save(id, tokens, 'x')
  const opened = await store.open(id)
  count = opened.status === 'ok' ? opened.value.tokens.length : -1
}
process.stdout.write(`${JSON.stringify({ count, baseMB: baseKB / 1024, peakMB: kb('VmHWM') / 1024 })}\n`)
