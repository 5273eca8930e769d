/**
 * Refresh: 20 connections over the three vendors, 1,000 tokens each, 40 ms latency per request.
 * The sandbox runs in its own process; the client is Tokendesk's real services and adapters.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import type { ProviderId } from '../electron/common/providers'
import { HostLimiter } from '../electron/main/providers/http/host-limiter'
import { createVendorHttp } from '../electron/main/providers/http/vendor-http'
import { createServices, type Services } from '../electron/main/services'
import { silentLogger } from '../electron/main/services/logger'
import { MemorySecretStore } from '../test/fakes/memory-secret-store'
import { makeTempDir, removeDir } from '../test/support/temp-dir'

export const LATENCY_MS = 40
const PER_HOST = 6
const MIX: Record<ProviderId, number> = { mpt: 7, fynn: 7, prefactor: 6 }

interface SandboxInfo {
  urls: Record<ProviderId, string>
  accounts: Record<ProviderId, Array<{ credential: string; accountId: string; tokens: number }>>
}

async function startSandboxProcess(root: string): Promise<{ info: SandboxInfo; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(root, 'out/main/sandbox.js'), '--tokens', '1000', '--accounts', '7', '--latency', String(LATENCY_MS), '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)))
  })
  return { info: JSON.parse(line) as SandboxInfo, child }
}

async function servicesFor(info: SandboxInfo, perHost: number): Promise<{ services: Services; dir: string; pagesByHost: Map<string, { first: number; rest: number }> }> {
  const dir = await makeTempDir('tokendesk-bench-')
  const http = createVendorHttp({ log: silentLogger, limiter: new HostLimiter(perHost), timeoutMs: 30_000 })
  const services = await createServices({ dataDir: dir, secrets: new MemorySecretStore(), log: silentLogger, http })
  const pagesByHost = new Map<string, { first: number; rest: number }>()
  for (const provider of Object.keys(MIX) as ProviderId[]) {
    for (let i = 0; i < MIX[provider]; i++) {
      const account = info.accounts[provider][i]!
      await services.connections.add({ provider, label: `${provider}-${i}`, client: 'Bench', baseUrl: info.urls[provider], accountId: null, credential: account.credential })
      const host = new URL(info.urls[provider]).host
      const pages = Math.ceil(account.tokens / 100)
      const entry = pagesByHost.get(host) ?? { first: 0, rest: 0 }
      // After the first page: the other pages, and for MPT the own-token lookup.
      entry.first += 1
      entry.rest += pages - 1 + (provider === 'mpt' ? 1 : 0)
      pagesByHost.set(host, entry)
    }
  }
  return { services, dir, pagesByHost }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export async function benchRefresh(root: string): Promise<{ speedupVsSequential: number; efficiencyVsBound: number; details: Record<string, number> }> {
  const { info, child } = await startSandboxProcess(root)
  try {
    // Sequential: one request at a time, page after page, connection after connection.
    const seq = await servicesFor(info, 1)
    const t0 = performance.now()
    for (const c of seq.services.connections.list()) {
      const s = await seq.services.inventory.refresh(c.id)
      if (s.state !== 'ok') throw new Error(`sequential refresh failed: ${s.error?.message}`)
    }
    const sequentialMs = performance.now() - t0
    await removeDir(seq.dir)

    // Tokendesk: all connections at once, 6 in flight per host. Median of three runs.
    const par = await servicesFor(info, PER_HOST)
    const runs: number[] = []
    for (let i = 0; i < 3; i++) {
      const t = performance.now()
      const statuses = await par.services.inventory.refreshAll()
      runs.push(performance.now() - t)
      if (!statuses.every((s) => s.state === 'ok' && s.tokenCount >= 1000)) throw new Error('refresh failed')
    }
    const refreshMs = median(runs)
    // Lower bound: per host, the first pages (in rounds of 6), then the rest (in rounds of 6).
    const rounds = Math.max(...[...par.pagesByHost.values()].map((h) => Math.ceil(h.first / PER_HOST) + Math.ceil(h.rest / PER_HOST)))
    const boundMs = rounds * LATENCY_MS
    await removeDir(par.dir)
    return {
      speedupVsSequential: sequentialMs / refreshMs,
      efficiencyVsBound: boundMs / refreshMs,
      details: { sequentialMs, refreshMs, boundMs, rounds, runsMs: runs.length },
    }
  } finally {
    child.kill('SIGTERM')
  }
}
