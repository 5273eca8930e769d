import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

export async function makeTempDir(prefix = 'tokendesk-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix))
}

export async function removeDir(dir: string): Promise<void> {
  // A background write (a snapshot) may still be landing: retry rather than fail the teardown.
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })
}

/** Every file below `dir`, recursively. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await listFiles(full)))
    else out.push(full)
  }
  return out
}

/** Files below `dir` whose bytes contain any of `needles` (as UTF-8). */
export async function filesContaining(dir: string, needles: string[]): Promise<string[]> {
  const hits: string[] = []
  for (const file of await listFiles(dir)) {
    const bytes = await readFile(file)
    if (needles.some((n) => bytes.includes(Buffer.from(n, 'utf8')))) hits.push(file)
  }
  return hits
}
