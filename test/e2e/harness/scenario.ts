/**
 * One inventory scenario: Chromium, the sandbox (optionally patched with hostile data), the app
 * with the given connections in a throwaway keyring, and a page showing every token.
 */
import type { Browser, Page } from 'playwright-core'
import type { Connection } from '../../../electron/common/model'
import type { SandboxData } from '../../../electron/main/sandbox/model'
import type { SeedOptions } from '../../../electron/main/sandbox/seed'
import type { Sandbox } from '../../../electron/main/sandbox/server'
import type { KeytarSecretStore } from '../../../electron/main/services/keytar-secret-store'
import type { AppHarness } from './app-harness'
import { openWorld, type WorldConnection } from './with-app'

export type ScenarioConnection = WorldConnection

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
  /** Tokens open their account as the vendors' do (a retired one no longer signs in). */
  tokenAuth?: boolean
  /** 'cli': the CLI's keyring service, for suites that run the CLI on the app's data folder. */
  keyring?: 'throwaway' | 'cli'
}): Promise<Scenario> {
  const world = await openWorld({ sandbox: { seed: options.seed, latencyMs: 2, tokenAuth: options.tokenAuth }, keyring: options.keyring })
  options.patch?.(world.sandbox.data)
  const app = await world.start()
  const conn = await world.connect(app, options.connections)
  await app.services.inventory.refreshAll()
  const total = (): number => app.services.inventory.tokens().length
  const page = await app.openPage(world.browser, { viewport: options.viewport })
  await page.getByTestId('row-count').filter({ hasText: new RegExp(`^${total().toLocaleString('en-US')}$`) }).waitFor()
  return {
    browser: world.browser,
    sandbox: world.sandbox,
    app,
    page,
    dataDir: world.dataDir,
    secrets: world.secrets,
    conn,
    total,
    close: () => world.close(),
  }
}
