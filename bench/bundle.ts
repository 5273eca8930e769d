/** The JavaScript the renderer loads before first paint: index.html's module script and its modulepreloads, gzipped. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { BenchPart } from './stats'

export async function benchBundle(root: string): Promise<BenchPart> {
  const dir = path.join(root, 'out/renderer')
  const html = await readFile(path.join(dir, 'index.html'), 'utf8')
  const files = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"|<link[^>]+href="([^"]+\.js)"[^>]+rel="modulepreload"/g)].map((m) => m[1] ?? m[2] ?? m[3]!)
  let bytes = 0
  const details: Record<string, number> = {}
  for (const file of files) {
    const size = gzipSync(await readFile(path.join(dir, file)), { level: 9 }).length
    details[path.basename(file)] = Math.round(size / 102.4) / 10
    bytes += size
  }
  return { figures: { 'bundle.initialJsGzipKB': { value: bytes / 1024, target: '≤ 300' } }, details }
}
