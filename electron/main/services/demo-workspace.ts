/**
 * "Explore with demo data": the sandbox vendor servers run inside the main process on loopback,
 * with generated data for all three vendors, and three connections clearly labelled as demo
 * (credentials in the keychain like any other). They come back after a restart (the sandbox is
 * started again with the same seed and the connections pointed at its new ports) and go in one step.
 */
import type { Connection } from '../../common/model'
import { PROVIDERS } from '../../common/providers'
import { VENDORS } from '../sandbox/model'
import { startSandbox, type Sandbox } from '../sandbox/server'
import type { ConnectionStore } from './connection-store'
import type { InventoryService } from './inventory'
import type { Logger } from './logger'

export const DEMO_CLIENT = 'Demo workspace'
const SEED = { seed: 2026, tokens: 250 }

export class DemoWorkspace {
  private sandbox: Promise<Sandbox> | null = null

  constructor(private readonly deps: { connections: ConnectionStore; inventory: InventoryService; log: Logger }) {}

  connections(): Connection[] {
    return this.deps.connections.list().filter((c) => c.demo)
  }

  private server(): Promise<Sandbox> {
    this.sandbox ??= startSandbox({ seed: SEED, latencyMs: 25 })
    return this.sandbox
  }

  /** Add the demo connections (once) and refresh them. */
  async start(): Promise<Connection[]> {
    const sandbox = await this.server()
    if (this.connections().length === 0) {
      for (const vendor of VENDORS) {
        const account = sandbox.data[vendor][0]!
        // Its label and whether it names its account come from the vendor's descriptor.
        const demo = PROVIDERS[vendor].demo
        await this.deps.connections.add(
          {
            provider: vendor,
            label: demo.label,
            client: DEMO_CLIENT,
            baseUrl: sandbox.urls[vendor],
            accountId: demo.withAccountId ? account.accountId : null,
            credential: account.credential,
          },
          { demo: true },
        )
      }
    }
    await this.resume()
    return this.connections()
  }

  /** At start-up: if demo connections exist, serve them again. */
  async resume(): Promise<void> {
    const demo = this.connections()
    if (demo.length === 0) return
    const sandbox = await this.server()
    for (const c of demo) {
      const url = sandbox.urls[c.provider]
      if (c.baseUrl !== url) await this.deps.connections.update(c.id, { baseUrl: url })
    }
    await Promise.all(demo.map((c) => this.deps.inventory.refresh(c.id)))
  }

  /** Remove the demo connections (and so their snapshots and keychain entries) and stop the servers. */
  async remove(): Promise<void> {
    for (const c of this.connections()) await this.deps.connections.remove(c.id)
    await this.stop()
  }

  async stop(): Promise<void> {
    const running = this.sandbox
    this.sandbox = null
    if (running) await (await running).stop()
  }
}
