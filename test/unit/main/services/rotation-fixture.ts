/**
 * The rotation tests' world: a sandbox whose tokens open their account as the vendors' do
 * (`tokenAuth`), a fresh data folder and keychain per test, one connection per vendor, and the
 * sandbox's own view of a token (what the vendor now has).
 */
import { spawnSync } from 'node:child_process'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import type { Connection } from '../../../../electron/common/model'
import type { ProviderId } from '../../../../electron/common/providers'
import { PROVIDERS } from '../../../../electron/common/providers'
import { successorInput, type Rotation } from '../../../../electron/common/rotation'
import type { Token } from '../../../../electron/common/tokens'
import { createServices, type Services } from '../../../../electron/main/services'
import { silentLogger } from '../../../../electron/main/services/logger'
import { keychainUnavailable } from '../../../../electron/main/services/secret-store'
import { startSandbox, type Sandbox } from '../../../../electron/main/sandbox/server'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { connectEachVendor, testHttp } from '../../../support/sandbox-fixture'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

/** A keychain whose token secrets can be refused (writes, reads) or never written (the process stops there). */
export class TestKeychain extends MemorySecretStore {
  tokenWrites: 'ok' | 'fail' | 'hang' = 'ok'
  tokenReads: 'ok' | 'fail' = 'ok'
  private started!: () => void
  /** Resolves when a write starts hanging. */
  hung = new Promise<void>((resolve) => (this.started = resolve))
  override async set(account: string, secret: string): Promise<void> {
    if (account.includes('/token/') && this.tokenWrites === 'fail') throw keychainUnavailable('linux')
    if (account.includes('/token/') && this.tokenWrites === 'hang') {
      this.started()
      return new Promise<void>(() => {})
    }
    return super.set(account, secret)
  }
  override async get(account: string): Promise<string | null> {
    if (account.includes('/token/') && this.tokenReads === 'fail') throw keychainUnavailable('linux')
    return super.get(account)
  }
}

/** The successor can be made with the same attributes (a known, positive lifetime). */
const replaceable = (t: Token): boolean => {
  const { missing, problems } = successorInput(PROVIDERS[t.provider], t, new Date())
  return t.createdAt !== null && missing.length === 0 && Object.keys(problems).length === 0
}

export interface RotationWorld {
  sandbox: Sandbox
  dir: string
  services: Services
  keychain: TestKeychain
  conns: Record<ProviderId, Connection>
  /** A second process on the same data folder and keychain (refreshed). */
  open(): Promise<Services>
  /** The sandbox's own record of a token (undefined: gone), with `status` and `secret` in every vendor's shape. */
  record(provider: ProviderId, id: string): { status: string; secret: string; [k: string]: unknown } | undefined
  /** An active token of the connection, not its own credential, replaceable as it is, and picked by no earlier test of the file. */
  pick(provider: ProviderId, s?: Services): Token
  tokenCount(provider: ProviderId): number
  /** The rotations' own store (to write a record as a stopped process left it). */
  store(s?: Services): { put(id: string, f: (r?: Rotation) => Rotation): Promise<Rotation> }
  /** The pid of a process that has ended. */
  deadPid(): number
}

export function rotationWorld(): RotationWorld {
  const w = { conns: {} } as RotationWorld
  const used = new Set<string>()
  w.open = async () => {
    const s = await createServices({ dataDir: w.dir, secrets: w.keychain, log: silentLogger, http: testHttp() })
    await s.inventory.refreshAll()
    return s
  }
  w.record = (provider, id) => {
    const r = (w.sandbox.data[provider][0]!.tokens as Array<{ id: string; status?: string; token?: string; secret?: string }>).find((t) => t.id === id)
    return r ? { ...r, status: r.status ?? 'active', secret: (r.token ?? r.secret)! } : undefined
  }
  w.pick = (provider, s = w.services) => {
    const t = s.inventory
      .tokens(w.conns[provider].id)
      .find((t) => t.status === 'active' && !t.isOwnCredential && (provider === 'mpt' || t.expiresAt !== null) && replaceable(t) && !used.has(t.id))!
    used.add(t.id)
    return t
  }
  w.tokenCount = (provider) => w.sandbox.data[provider][0]!.tokens.length
  w.store = (s = w.services) => (s.rotations as unknown as { deps: { store: ReturnType<RotationWorld['store']> } }).deps.store
  w.deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!

  beforeAll(async () => {
    w.sandbox = await startSandbox({ seed: { tokens: 40 }, tokenAuth: true })
  })
  afterAll(() => w.sandbox.stop())
  beforeEach(async () => {
    w.sandbox.faults.clear()
    w.dir = await makeTempDir()
    w.keychain = new TestKeychain()
    w.services = await createServices({ dataDir: w.dir, secrets: w.keychain, log: silentLogger, http: testHttp() })
    Object.assign(w.conns, await connectEachVendor(w.services, w.sandbox))
  })
  afterEach(async () => {
    await w.services.snapshots.flush()
    await removeDir(w.dir)
  })
  return w
}
