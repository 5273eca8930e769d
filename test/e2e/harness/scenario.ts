/**
 * One inventory scenario: Chromium, the sandbox (optionally patched with hostile data), the app
 * with the given connections in a throwaway keyring, and a page showing every token.
 */
import { randomUUID } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import type { Connection } from '../../../electron/common/model'
import type { ProviderId } from '../../../electron/common/providers'
import type { SandboxData } from '../../../electron/main/sandbox/model'
import type { SeedOptions } from '../../../electron/main/sandbox/seed'
import { startSandbox, type Sandbox } from '../../../electron/main/sandbox/server'
import { KeytarSecretStore } from '../../../electron/main/services/keytar-secret-store'
import { silentLogger } from '../../../electron/main/services/logger'
import { makeTempDir, removeDir } from '../../support/temp-dir'
import { startApp, type AppHarness } from './app-harness'
import { launchChromium } from './browser'

export interface ScenarioConnection {
  key: string
  provider: ProviderId
  account?: number
  label: string
  client: string
}

/** One connection per vendor in two clients: the usual mixed inventory. */
export const THREE_VENDORS: ScenarioConnection[] = [
  { key: 'mpt', provider: 'mpt', label: 'Marketplace EU', client: 'Acme Corp' },
  { key: 'fynn', provider: 'fynn', label: 'Billing', client: 'Globex' },
  { key: 'prefactor', provider: 'prefactor', label: 'Agents', client: 'Globex' },
]

export interface Scenario {
  browser: Browser
  sandbox: Sandbox
  app: AppHarness
  page: Page
  dataDir: string
  secrets: KeytarSecretStore
  conn: Record<string, Connection>
  /** Every token of every connection, as the services hold them. */
  total(): number
  close(): Promise<void>
}

export async function startScenario(options: {
  seed: SeedOptions
  connections: ScenarioConnection[]
  patch?: (data: SandboxData) => void
  viewport?: { width: number; height: number }
}): Promise<Scenario> {
  const browser = await launchChromium()
  const sandbox = await startSandbox({ seed: options.seed, latencyMs: 2 })
  options.patch?.(sandbox.data)
  const dataDir = await makeTempDir('tokendesk-e2e-scn-')
  const secrets = new KeytarSecretStore(silentLogger, `tokendesk-e2e-${randomUUID()}`)
  const app = await startApp({ dataDir, secrets })
  const conn: Record<string, Connection> = {}
  for (const c of options.connections) {
    const account = sandbox.data[c.provider][c.account ?? 0]!
    conn[c.key] = await app.services.connections.add({
      provider: c.provider,
      label: c.label,
      client: c.client,
      baseUrl: sandbox.urls[c.provider],
      accountId: c.provider === 'mpt' ? account.accountId : null,
      credential: account.credential,
    })
  }
  await app.services.inventory.refreshAll()
  const total = (): number => app.services.inventory.tokens().length
  const page = await app.openPage(browser, { viewport: options.viewport })
  await page.getByTestId('row-count').filter({ hasText: new RegExp(`^${total().toLocaleString('en-US')}$`) }).waitFor()
  return {
    browser,
    sandbox,
    app,
    page,
    dataDir,
    secrets,
    conn,
    total,
    async close() {
      await app.close()
      await browser.close()
      await sandbox.stop()
      for (const account of await secrets.list()) await secrets.delete(account)
      await removeDir(dataDir)
    },
  }
}
