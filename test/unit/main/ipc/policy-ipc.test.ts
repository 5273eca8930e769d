/**
 * The policy and findings channels end to end through the dispatcher, over real services and the
 * sandbox: the editor's file, a save refused with its problem lines or as a conflict, the findings
 * as one payload of masks by key (and pushed once on a change), main's Findings filter.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { FindingsSnapshot, PolicyView } from '../../../../electron/common/findings-view'
import { RULES } from '../../../../electron/common/policy'
import { EMPTY_FILTER, DEFAULT_SORT } from '../../../../electron/common/token-query'
import { createDispatcher } from '../../../../electron/main/ipc/dispatcher'
import { forwardEvents } from '../../../../electron/main/ipc/events'
import { createHandlers } from '../../../../electron/main/ipc/handlers'
import { createServices, type Services } from '../../../../electron/main/services'
import { silentLogger } from '../../../../electron/main/services/logger'
import { startSandbox, type Sandbox } from '../../../../electron/main/sandbox/server'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { testHttp } from '../../../support/sandbox-fixture'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

let sandbox: Sandbox
let dir: string
let services: Services
let call: (channel: string, ...args: unknown[]) => Promise<{ ok: boolean; value?: unknown; error?: { kind: string; message: string } }>
const value = async <T>(channel: string, ...args: unknown[]): Promise<T> => {
  const r = await call(channel, ...args)
  if (!r.ok) throw new Error(`${channel}: ${r.error!.message}`)
  return r.value as T
}
const noOwnerBit = 1 << RULES.findIndex((r) => r.id === 'no-owner')

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tokens: 6 } })
})
afterAll(() => sandbox.stop())
beforeEach(async () => {
  dir = await makeTempDir()
  services = await createServices({ dataDir: dir, secrets: new MemorySecretStore(), log: silentLogger, http: testHttp() })
  const dispatch = createDispatcher(createHandlers(services, { version: '0', platform: 'linux' }), { trustedOrigins: ['app://tokendesk/'], log: silentLogger })
  call = (channel, ...args) => dispatch({ url: 'app://tokendesk/index.html', isMainFrame: true }, channel, args) as never
  const c = await services.connections.add({ provider: 'fynn', label: 'Billing', client: 'Acme', baseUrl: sandbox.urls.fynn, accountId: null, credential: sandbox.data.fynn[0]!.credential })
  await services.inventory.refresh(c.id)
})
afterEach(async () => {
  await services.snapshots.flush()
  await removeDir(dir)
})

describe('policy:get / policy:save', () => {
  it('opens no policy, refuses an invalid one with its lines (nothing written), saves a valid one as typed', async () => {
    const none = await value<PolicyView>('policy:get')
    expect(none).toMatchObject({ status: 'none', text: null, basedOn: null, lines: [] })
    const refused = await value<{ saved: boolean; lines: string[] }>('policy:save', '{ "version": 1, "rules": { "maxAgeDay": 365, "requireOwner": "yes" } }', null)
    expect(refused.saved).toBe(false)
    expect(refused.lines.sort()).toEqual(['rules.maxAgeDay: unknown rule — did you mean maxAgeDays?', 'rules.requireOwner: expected true or false'])
    await expect(fs.access(path.join(dir, 'policy.json'))).rejects.toThrow()
    const text = '{ "version": 1, "rules": { "requireOwner": true } }\n'
    const saved = await value<{ saved: true; policy: PolicyView }>('policy:save', text, null)
    expect(saved.policy).toMatchObject({ status: 'ok', text, basedOn: text, policy: { rules: { requireOwner: true } } })
    expect(await fs.readFile(path.join(dir, 'policy.json'), 'utf8')).toBe(text)
  })

  it('refuses a save over a change another process made since the editor opened it', async () => {
    const first = await value<{ policy: PolicyView }>('policy:save', '{ "version": 1 }', null)
    await fs.writeFile(path.join(dir, 'policy.json'), '{ "version": 1, "rules": { "maxAgeDays": 30 } }\n')
    const r = await call('policy:save', '{ "version": 1, "rules": { "unusedDays": 9 } }', first.policy.basedOn)
    expect(r.ok).toBe(false)
    expect(r.error).toMatchObject({ kind: 'conflict', message: expect.stringContaining('changed elsewhere') })
    expect(await fs.readFile(path.join(dir, 'policy.json'), 'utf8')).toContain('"maxAgeDays": 30')
  })

  it('gives a wrong argument a clear validation error', async () => {
    const r = await call('policy:save', 42, null)
    expect(r).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(r.error!.message).not.toMatch(/at |Error:/)
    expect((await call('findings:token', 'not-a-uuid', 'x')).error?.kind).toBe('validation')
  })
})

describe('findings:all / findings:changed / findings:token', () => {
  it('sends every flagged token as a mask by key, pushes the payload once on a policy change, and filters main’s queries', async () => {
    const events: FindingsSnapshot[] = []
    const stop = forwardEvents(services, (event, payload) => void (event === 'findings:changed' && events.push(payload as FindingsSnapshot)))
    try {
      const before = await value<FindingsSnapshot>('findings:all')
      expect(before).toMatchObject({ policy: 'none', flagged: 0, keys: [], masks: [] })
      await value('policy:save', '{ "version": 1, "rules": { "requireOwner": true } }', null)
      await expect.poll(() => events.length).toBe(1)
      const pushed = events[0]!
      const usable = services.inventory.tokens().filter((t) => t.status === 'active' && (t.expiresAt === null || Date.parse(t.expiresAt) > Date.now()))
      expect(usable.length).toBeGreaterThan(0)
      expect(pushed.policy).toBe('ok')
      expect([...pushed.keys].sort()).toEqual(usable.map((t) => t.key).sort())
      expect(pushed.masks).toHaveLength(pushed.keys.length)
      expect(pushed.masks.every((m) => m === noOwnerBit)).toBe(true)
      expect(pushed.summary.overall).toMatchObject({ usable: usable.length, compliant: 0, share: 0 })
      expect(await value('findings:all')).toEqual(pushed)
      const t = usable[0]!
      const one = await value<Array<{ rule: string; fix: { action: string } }>>('findings:token', t.connectionId, t.id)
      expect(one).toMatchObject([{ rule: 'no-owner', severity: 'error', fix: { action: 'set-owner' } }])
      const window = await value<{ total: number }>('tokens:window', { ...EMPTY_FILTER, findings: 'no-owner' }, DEFAULT_SORT, 10)
      expect(window.total).toBe(usable.length)
    } finally {
      stop()
    }
  })
})
