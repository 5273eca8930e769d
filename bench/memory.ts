/**
 * Peak memory of a refresh, as the user runs it: the built CLI (`tokens insights`, so the output
 * is small and the figure is the refresh and its sealed snapshot) as its own process, in a
 * throwaway keyring (test/with-keyring.sh), against the sandbox; its peak RSS from the kernel
 * (`process.resourceUsage().maxRSS`, printed by bench/max-rss.cjs on exit). Three cases: an
 * ordinary connection (300 tokens), one page just under the 20 MB cap (100 tokens with ~190 KB
 * descriptions, which parses and is kept), and a vendor sending 200 MB (refused at the cap).
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { startSandbox, type Sandbox } from '../electron/main/sandbox/server'
import { exactData } from '../test/support/sandbox-data'
import { makeTempDir, removeDir } from '../test/support/temp-dir'
import type { BenchPart } from './stats'

const MB = 1024 * 1024

/** Adds the connection (untested: a fault set for the refresh must not stop the add) and runs the measured command in one keyring session; peak RSS in MB. */
function measure(root: string, sandbox: Sandbox, account: number): Promise<{ peakMB: number; code: number; stderr: string }> {
  return makeTempDir('tokendesk-bench-mem-').then(
    (dir) =>
      new Promise((resolve, reject) => {
        const cli = path.join(root, 'out/main/cli.js')
        const script = [
          `printf '%s\\n' "$CREDENTIAL" | "$NODE" "${cli}" --data-dir "${dir}" connections add --provider fynn --label Bench --base-url "$BASE_URL" --no-test > /dev/null`,
          `"$NODE" -r "${path.join(root, 'bench/max-rss.cjs')}" "${cli}" --data-dir "${dir}" tokens insights --json > /dev/null`,
        ].join(' && ')
        const child = spawn(path.join(root, 'test/with-keyring.sh'), ['sh', '-c', script], {
          env: { ...process.env, NODE: process.execPath, CREDENTIAL: sandbox.data.fynn[account]!.credential, BASE_URL: sandbox.urls.fynn },
          stdio: ['ignore', 'ignore', 'pipe'],
        })
        let stderr = ''
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
        child.on('error', reject)
        child.on('close', (code) => {
          void removeDir(dir)
          const kb = Number(/tokendesk-bench maxRSS (\d+)/.exec(stderr)?.[1])
          if (!Number.isFinite(kb)) return reject(new Error(`no peak memory reported (exit ${code}): ${stderr.slice(-500)}`))
          resolve({ peakMB: kb / 1024, code: code ?? -1, stderr })
        })
      }),
  )
}

export async function benchMemory(root: string): Promise<BenchPart> {
  const data = exactData(300, 2)
  // Account 1: a single page of 100 tokens whose descriptions make it ~19 MB.
  data.fynn[1]!.tokens = data.fynn[1]!.tokens.slice(0, 100).map((t, i) => ({ ...t, description: `${i} ${'x'.repeat(190 * 1024)}` }))
  const sandbox = await startSandbox({ data })
  try {
    const ordinary = await measure(root, sandbox, 0)
    const large = await measure(root, sandbox, 1)
    if (large.code !== 0) throw new Error(`the 19 MB page should be accepted: ${large.stderr.slice(-300)}`)
    sandbox.faults.set('fynn:list', { kind: 'oversize', sizeMB: 200 })
    const oversize = await measure(root, sandbox, 0)
    if (!/sent more than 20 MB/.test(oversize.stderr)) throw new Error(`the 200 MB answer should be refused: ${oversize.stderr.slice(-300)}`)
    return {
      figures: {
        'memory.peakRssMB20MBPage': { value: large.peakMB, target: '≤ 450' },
        'memory.peakRssMBOversize': { value: oversize.peakMB, target: '≤ 200' },
      },
      details: { ordinaryPeakMB: Math.round(ordinary.peakMB), largePagePeakMB: Math.round(large.peakMB), oversizePeakMB: Math.round(oversize.peakMB), largePageMB: Math.round((100 * 190 * 1024) / MB), oversizeBytesSentMB: Math.round((sandbox.stats().streamed?.bytes ?? 0) / MB) },
    }
  } finally {
    await sandbox.stop()
  }
}
