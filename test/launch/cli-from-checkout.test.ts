/** README's CLI line from a checkout prints only the CLI's own output: a pipe to jq works. */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanEnv, runToEnd } from './run-process'
import { ROOT } from './stand-in/release'

let dataDir: string
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'cli-checkout-'))
})
afterAll(() => rm(dataDir, { recursive: true, force: true }))

describe('npm run --silent cli', () => {
  it('prints clean JSON on stdout (no npm banner)', async () => {
    const run = await runToEnd('npm', ['run', '--silent', 'cli', '--', 'connections', 'list', '--json', '--data-dir', dataDir], {
      cwd: ROOT,
      timeoutMs: 60_000,
      env: cleanEnv({}),
    })
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual([])
  })
})
