/**
 * The findings service (services/findings.ts): computed once per change of the inventory, the
 * policy, the owners or the clients — never per read (evaluations counted) — and for the clock
 * once a minute while someone listens; it tells listeners only when a finding appeared or went.
 * Exports and `tokens list` rows carry the findings' rule ids.
 */
import { parse } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Connection } from '../../../../electron/common/model'
import { EMPTY_FILTER } from '../../../../electron/common/token-query'
import type { Token } from '../../../../electron/common/tokens'
import { createServices, type Services } from '../../../../electron/main/services'
import { FindingsService, type FindingsSummary } from '../../../../electron/main/services/findings'
import { silentLogger } from '../../../../electron/main/services/logger'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

const NOW = Date.parse('2026-11-23T22:00:00.000Z')
const D = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()

function token(connection: Connection, id: string, patch: Partial<Token> = {}): Token {
  return {
    key: `${connection.id}/${id}`, connectionId: connection.id, provider: connection.provider, id, name: id, description: null, status: 'active',
    createdAt: iso(NOW - 10 * D), createdBy: null, updatedAt: null, lastUsedAt: iso(NOW - D), expiresAt: iso(NOW + 200 * D), scope: [], isOwnCredential: false, vendor: {},
    ...patch,
  }
}

describe('FindingsService', () => {
  let dir: string
  let services: Services
  let acme: Connection
  let globex: Connection
  let clock: number
  let findings: FindingsService
  const rules = () => findings.all(clock).map((f) => `${f.tokenId}: ${f.findings.map((x) => x.rule).join(', ')}`)

  beforeEach(async () => {
    dir = await makeTempDir()
    services = await createServices({ dataDir: dir, secrets: new MemorySecretStore(), log: silentLogger, forceOffline: true })
    acme = await services.connections.add({ provider: 'prefactor', label: 'Agents', client: 'Acme Corp', baseUrl: 'https://app.prefactorai.com', accountId: null, credential: 'a-credential-for-tests' })
    globex = await services.connections.add({ provider: 'mpt', label: 'Platform', client: 'Globex', baseUrl: 'https://api.platform.softwareone.com/public', accountId: null, credential: 'another-credential' })
    services.inventory.seed(acme.id, [token(acme, 'old', { createdAt: iso(NOW - 400 * D) }), token(acme, 'fresh')], iso(NOW))
    services.inventory.seed(globex.id, [token(globex, 'aged', { createdAt: iso(NOW - 200 * D) }), token(globex, 'gone', { status: 'revoked', createdAt: iso(NOW - 900 * D) })], iso(NOW))
    clock = NOW
    // The service under test, on a clock of its own (the one in the services runs on real time).
    findings = new FindingsService({ inventory: services.inventory, connections: services.connections, meta: services.meta, policy: services.policy, now: () => clock, debounceMs: 0 })
  })
  afterEach(async () => {
    await services.snapshots.flush()
    await removeDir(dir)
  })

  it('finds nothing without a policy', () => {
    expect(findings.all()).toEqual([])
    expect(findings.summary()).toMatchObject({ policy: 'none', flagged: 0, overall: { usable: 3, compliant: 3, share: 1 } })
  })

  it('evaluates once per policy change, not per read', async () => {
    await services.policy.save({ version: 1, rules: { maxAgeDays: 365, requireOwner: true }, clients: { 'Acme Corp': { maxAgeDays: 180 } } })
    expect(findings.evaluations).toBe(0) // nobody asked yet
    expect(rules()).toEqual(['old: max-age, no-owner', 'fresh: no-owner', 'aged: no-owner'])
    for (let i = 0; i < 5; i++) {
      findings.forKey(acme.id, 'old')
      findings.summary()
      findings.ruleIdsBy()(`${acme.id}/old`)
      services.exporter.rows(EMPTY_FILTER, { key: 'name', dir: 1 }, { now: new Date(NOW) })
    }
    expect(findings.evaluations).toBe(1)
    expect(findings.forKey(acme.id, 'old')).toEqual([
      { rule: 'max-age', severity: 'error', detail: 'created 400 days ago; limit 180', fix: { action: 'replace', label: 'Replace' } },
      { rule: 'no-owner', severity: 'error', detail: 'no owner in Tokendesk; the policy requires one', fix: { action: 'set-owner', label: 'Set owner' } },
    ])
    expect(findings.forKey(globex.id, 'gone')).toEqual([])
    expect(findings.summary()).toMatchObject({ policy: 'ok', flagged: 3, overall: { usable: 3, compliant: 0, share: 0 }, byRule: { 'max-age': 1, 'no-owner': 3 } })
    await services.policy.save({ version: 1, rules: { maxAgeDays: 100 } })
    expect(rules()).toEqual(['old: max-age', 'aged: max-age'])
    expect(findings.evaluations).toBe(2)
  })

  it('evaluates again when an owner is set, a refresh brings other tokens, or a connection moves to another client', async () => {
    await services.policy.save({ version: 1, rules: { requireOwner: true, maxAgeDays: 365 }, clients: { Initech: { requireOwner: false } } })
    expect(rules()).toEqual(['old: max-age, no-owner', 'fresh: no-owner', 'aged: no-owner'])
    await services.meta.update(acme.id, ['fresh'], { owner: 'Platform team' })
    expect(rules()).toEqual(['old: max-age, no-owner', 'aged: no-owner'])
    expect(findings.evaluations).toBe(2)
    services.inventory.adoptNewer(acme.id, [token(acme, 'fresh')], iso(NOW + 1000))
    expect(rules()).toEqual(['aged: no-owner'])
    expect(findings.evaluations).toBe(3)
    await services.connections.update(globex.id, { client: 'initech' })
    expect(rules()).toEqual([])
    expect(findings.evaluations).toBe(4)
    findings.summary()
    expect(findings.evaluations).toBe(4)
  })

  it('tells listeners when a finding appears or goes, and nothing for a change that changes none', async () => {
    const heard: FindingsSummary[] = []
    const stop = findings.onChanged((s) => heard.push(s))
    try {
      await services.policy.save({ version: 1, rules: { requireOwner: true } })
      await vi.waitFor(() => expect(heard).toHaveLength(1))
      expect(heard[0]).toMatchObject({ policy: 'ok', flagged: 3 })
      const evaluated = findings.evaluations
      findings.all()
      expect(findings.evaluations).toBe(evaluated) // the change was evaluated once, the read took it
      // Notes are not an owner: evaluated again, but no finding changed, so nothing is said.
      await services.meta.update(acme.id, ['old'], { notes: 'rotated by hand' })
      await vi.waitFor(() => expect(findings.evaluations).toBe(evaluated + 1))
      await services.meta.update(acme.id, ['old'], { owner: 'Ana' })
      await vi.waitFor(() => expect(heard).toHaveLength(2))
      expect(heard[1]).toMatchObject({ flagged: 2 })
    } finally {
      stop()
    }
  })

  it('tells listeners of a change even when a read took the new evaluation before the (debounced) check', async () => {
    const heard: FindingsSummary[] = []
    const stop = findings.onChanged((s) => heard.push(s))
    try {
      await services.policy.save({ version: 1, rules: { requireOwner: true } })
      // The window, an export or the CLI asks right after the change, before the check runs.
      expect(findings.all()).toHaveLength(3)
      await vi.waitFor(() => expect(heard).toHaveLength(1))
      expect(heard[0]).toMatchObject({ policy: 'ok', flagged: 3 })
    } finally {
      stop()
    }
  })

  it('follows the clock: a token crossing the limit is found at the next minute’s check', async () => {
    await services.policy.save({ version: 1, rules: { maxAgeDays: 365 } })
    const heard: FindingsSummary[] = []
    const stop = findings.onChanged((s) => heard.push(s))
    try {
      expect(rules()).toEqual(['old: max-age'])
      clock = NOW + 165 * D + 1 // "aged" (200 days old) passes 365 days
      expect(findings.recheck(true)).toBe(true)
      expect(rules()).toEqual(['old: max-age', 'aged: max-age'])
      expect(heard.at(-1)).toMatchObject({ flagged: 2, evaluatedAt: iso(clock) })
      clock += 60_000
      expect(findings.recheck(true)).toBe(false) // evaluated, nothing changed: nothing said
    } finally {
      stop()
    }
  })

  it('gives exports and tokens list rows their findings’ rule ids', async () => {
    await services.policy.save({ version: 1, rules: { maxAgeDays: 365, requireOwner: true } })
    const rows = services.exporter.rows(EMPTY_FILTER, { key: 'name', dir: 1 }, { now: new Date(NOW) })
    expect(rows.map((r) => [r.id, r.findings])).toEqual([['aged', ['no-owner']], ['fresh', ['no-owner']], ['gone', []], ['old', ['max-age', 'no-owner']]])
    const [header, ...cells] = parse(services.exporter.render(rows, 'csv')) as string[][]
    const column = header!.indexOf('findings')
    expect(cells.map((c) => c[column])).toEqual(['no-owner', 'no-owner', '', 'max-age; no-owner'])
    const json = JSON.parse(services.exporter.render(rows, 'json')) as { tokens: Array<{ id: string; findings: string[] }> }
    expect(json.tokens.find((t) => t.id === 'old')!.findings).toEqual(['max-age', 'no-owner'])
  })

  it('looks owners up only while a rule reads them, and once per metadata change', async () => {
    const lookups = vi.spyOn(services.meta, 'byKey')
    await services.policy.save({ version: 1, rules: { maxAgeDays: 365 } })
    findings.all()
    expect(lookups).not.toHaveBeenCalled()
    await services.policy.save({ version: 1, rules: { maxAgeDays: 365 }, clients: { globex: { requireOwner: true } } })
    expect(rules()).toEqual(['old: max-age', 'aged: no-owner'])
    expect(lookups).toHaveBeenCalledTimes(4) // every token once
    await services.policy.save({ version: 1, rules: { maxAgeDays: 300 }, clients: { globex: { requireOwner: true } } })
    findings.all()
    expect(lookups).toHaveBeenCalledTimes(4) // a policy edit looks nothing up again
  })

  it('checks nothing while policy.json does not validate', async () => {
    await services.policy.save({ version: 1, rules: { requireOwner: true } })
    expect(rules()).toHaveLength(3)
    const { writeFile } = await import('node:fs/promises')
    await writeFile(services.policy.file, '{ "version": 1, "rules": { "requireOwners": true } }')
    await services.policy.reload()
    expect(rules()).toEqual([])
    expect(findings.summary().policy).toBe('invalid')
  })
})
