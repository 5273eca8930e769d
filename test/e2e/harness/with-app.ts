/**
 * One e2e suite's world: Chromium, optionally the sandbox, a throwaway data folder and keyring,
 * and the apps the suite starts on them — made once and torn down once, in the right order.
 *
 *   const w = withApp({ sandbox: { seed: { tokens: 20 } } })
 *   beforeAll(async () => { app = await w.start() })
 */
import { randomUUID } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import type { Connection } from '../../../electron/common/model'
import type { ProviderId } from '../../../electron/common/providers'
import { stripHidden } from '../../../electron/common/visible-text'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../electron/main/sandbox/server'
import { KeytarSecretStore } from '../../../electron/main/services/keytar-secret-store'
import { silentLogger } from '../../../electron/main/services/logger'
import { makeTempDir, removeDir } from '../../support/temp-dir'
import { startApp, type AppHarness } from './app-harness'
import { launchChromium } from './browser'

export interface WorldConnection {
  key: string
  provider: ProviderId
  /** Which seeded account of the vendor (default the first). */
  account?: number
  label: string
  client: string
}

export interface WorldOptions {
  /** Start the sandbox (omit for suites that never reach a vendor). */
  sandbox?: SandboxOptions
  /** A folder the app's "Save as…" answers with (exports). */
  saveDir?: boolean
  /**
   * The keyring service: a throwaway one by default; `'cli'` is the service the CLI uses, for
   * suites that run the CLI and the window on one data folder.
   */
  keyring?: 'throwaway' | 'cli'
}

export interface AppWorld {
  browser: Browser
  /** The sandbox; throws when the suite asked for none. */
  sandbox: Sandbox
  dataDir: string
  /** Set when `saveDir: true`. */
  saveDir: string
  secrets: KeytarSecretStore
  /** The apps started so far, oldest first. */
  apps: readonly AppHarness[]
  /** Starts an app on the world's data folder and keyring; every app is closed with the world. */
  start(options?: { forceOffline?: boolean }): Promise<AppHarness>
  /** Adds sandbox connections through the app's services, keyed as given. */
  connect(app: AppHarness, connections: WorldConnection[]): Promise<Record<string, Connection>>
  close(): Promise<void>
}

export async function openWorld(options: WorldOptions = {}): Promise<AppWorld> {
  const browser = await launchChromium()
  const sandbox = options.sandbox ? await startSandbox(options.sandbox) : null
  const dataDir = await makeTempDir('tokendesk-e2e-')
  const saveDir = options.saveDir ? await makeTempDir('tokendesk-e2e-save-') : ''
  const secrets = options.keyring === 'cli' ? new KeytarSecretStore(silentLogger) : new KeytarSecretStore(silentLogger, `tokendesk-e2e-${randomUUID()}`)
  // Only what the suite adds is removed: the CLI's service may hold entries that are not ours.
  const before = new Set(await secrets.list())
  const apps: AppHarness[] = []
  const needSandbox = (): Sandbox => {
    if (!sandbox) throw new Error('this suite started no sandbox (withApp({ sandbox }))')
    return sandbox
  }
  return {
    browser,
    get sandbox() {
      return needSandbox()
    },
    dataDir,
    saveDir,
    secrets,
    apps,
    async start(startOptions = {}) {
      const app = await startApp({ dataDir, secrets, saveDir: saveDir || undefined, forceOffline: startOptions.forceOffline })
      apps.push(app)
      return app
    },
    async connect(app, connections) {
      const added: Record<string, Connection> = {}
      for (const c of connections) {
        const account = needSandbox().data[c.provider][c.account ?? 0]!
        const typed = { label: stripHidden(c.label) || c.key, client: stripHidden(c.client) }
        added[c.key] = await app.services.connections.add({
          provider: c.provider,
          ...typed,
          baseUrl: needSandbox().urls[c.provider],
          accountId: c.provider === 'mpt' ? account.accountId : null,
          credential: account.credential,
        })
        // A label or client with hidden characters can no longer be typed: it is in the file as
        // an older version wrote it, and the app takes it in as a change made elsewhere.
        if (typed.label !== c.label || typed.client !== c.client) added[c.key] = await writtenBefore(app, added[c.key]!.id, { label: c.label, client: c.client })
      }
      return added
    },
    async close() {
      for (const app of apps) {
        await app.services.demo.stop()
        await app.close()
      }
      await browser.close()
      await sandbox?.stop()
      for (const account of await secrets.list()) if (!before.has(account)) await secrets.delete(account)
      await removeDir(dataDir)
      if (saveDir) await removeDir(saveDir)
    },
  }
}

async function writtenBefore(app: AppHarness, id: string, text: { label: string; client: string }): Promise<Connection> {
  const store = app.services.connections
  const file = JSON.parse(await readFile(store.file, 'utf8')) as { connections: Connection[] }
  file.connections = file.connections.map((c) => (c.id === id ? { ...c, ...text } : c))
  await writeFile(store.file, JSON.stringify(file, null, 2))
  await store.reload()
  return store.get(id)
}

/** The suite's world, opened in `beforeAll` and closed in `afterAll`; read it inside tests/hooks. */
export function withApp(options: WorldOptions = {}): AppWorld {
  let world: AppWorld | undefined
  beforeAll(async () => {
    world = await openWorld(options)
  })
  afterAll(async () => {
    await world?.close()
  })
  return new Proxy({} as AppWorld, {
    get(_target, key) {
      if (!world) throw new Error('withApp(): the world is opened in beforeAll; read it inside a hook or test')
      return world[key as keyof AppWorld]
    },
  })
}
