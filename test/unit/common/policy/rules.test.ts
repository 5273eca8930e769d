/**
 * Each rule at its boundaries: "more than N days" is more than N × 86,400,000 ms (a day before,
 * exactly at, a millisecond and a day after), and each finding's detail and one-step fix.
 */
import { describe, expect, it } from 'vitest'
import { evaluate, parsePolicy, type Finding, type Policy, type PolicyRules, type PolicyToken } from '../../../../electron/common/policy'
import { PROVIDERS } from '../../../../electron/common/providers'
import { D, H, iso, NOW, token } from './fixtures'

const policy = (rules: PolicyRules): Policy => {
  const parsed = parsePolicy({ version: 1, rules })
  if (!parsed.ok) throw new Error(parsed.lines.join('\n'))
  return parsed.policy
}
const findings = (t: PolicyToken, rules: PolicyRules, now = NOW): readonly Finding[] => {
  const e = evaluate([t], policy(rules), { now, clientOf: () => '' })
  // The rules the hot path found are the findings made on demand, in the same order.
  expect(e.findingsAt(0).map((f) => f.rule)).toEqual(e.rulesAt(0))
  return e.findingsAt(0)
}
const details = (t: PolicyToken, rules: PolicyRules, now = NOW): string[] => findings(t, rules, now).map((f) => `${f.rule}: ${f.detail}`)

describe('max-age', () => {
  const rules = { maxAgeDays: 365 }
  it('finds a token created more than maxAgeDays days ago, to the millisecond', () => {
    expect(details(token('mpt', { createdAt: iso(NOW - 364 * D) }), rules)).toEqual([])
    expect(details(token('mpt', { createdAt: iso(NOW - 365 * D) }), rules)).toEqual([])
    expect(details(token('mpt', { createdAt: iso(NOW - 365 * D - 1) }), rules)).toEqual(['max-age: created more than 365 days ago; limit 365'])
    expect(details(token('mpt', { createdAt: iso(NOW - 366 * D) }), rules)).toEqual(['max-age: created 366 days ago; limit 365'])
    expect(details(token('mpt', { createdAt: iso(NOW - 412 * D - 5 * H) }), rules)).toEqual(['max-age: created 412 days ago; limit 365'])
  })
  it('says nothing of a token whose creation is unknown', () => {
    expect(details(token('mpt', { createdAt: null }), rules)).toEqual([])
  })
  it('at 0 days finds any token created before now, in hours when under a day', () => {
    expect(details(token('mpt', { createdAt: iso(NOW - 5 * H) }), { maxAgeDays: 0 })).toEqual(['max-age: created 5 hours ago; limit 0'])
    expect(details(token('mpt', { createdAt: iso(NOW) }), { maxAgeDays: 0 })).toEqual([])
  })
  it('is fixed by a replace where the vendor can create tokens', () => {
    for (const provider of ['mpt', 'fynn', 'prefactor'] as const) {
      expect(findings(token(provider, { createdAt: iso(NOW - 400 * D) }), rules)[0]).toEqual({ rule: 'max-age', severity: 'error', detail: 'created 400 days ago; limit 365', fix: { action: 'replace', label: 'Replace' } })
    }
  })
})

describe('no-expiry', () => {
  it('finds a token without an expiry date when the policy requires one', () => {
    expect(details(token('prefactor', { expiresAt: null }), { requireExpiry: true })).toEqual(['no-expiry: no expiry date; the policy requires one'])
    expect(details(token('prefactor', { expiresAt: iso(NOW + 400 * D) }), { requireExpiry: true })).toEqual([])
    expect(details(token('prefactor', { expiresAt: null }), { requireExpiry: false })).toEqual([])
  })
  it('is fixed by a replace where the vendor’s create form takes an expiry, else by hand at its portal', () => {
    const fix = (provider: 'mpt' | 'fynn' | 'prefactor') => findings(token(provider), { requireExpiry: true })[0]!.fix
    expect(fix('prefactor')).toEqual({ action: 'replace', label: 'Replace' })
    expect(fix('fynn')).toEqual({ action: 'replace', label: 'Replace' })
    expect(fix('mpt')).toEqual({ action: 'by-hand', label: `Set an expiry by hand at ${PROVIDERS.mpt.name}`, url: PROVIDERS.mpt.portalUrl })
  })
})

describe('max-lifetime', () => {
  const rules = { maxLifetimeDays: 400 }
  const living = (days: number, extraMs = 0) => token('prefactor', { createdAt: iso(NOW - 10 * D), expiresAt: iso(NOW - 10 * D + days * D + extraMs) })
  it('finds a token whose creation and expiry are more than maxLifetimeDays apart', () => {
    expect(details(living(399), rules)).toEqual([])
    expect(details(living(400), rules)).toEqual([])
    expect(details(living(400, 1), rules)).toEqual(['max-lifetime: lives more than 400 days from creation to expiry; limit 400'])
    expect(details(living(401), rules)).toEqual(['max-lifetime: lives 401 days from creation to expiry; limit 400'])
  })
  it('needs both dates', () => {
    expect(details(token('prefactor', { createdAt: null, expiresAt: iso(NOW + 1000 * D) }), rules)).toEqual([])
    expect(details(token('prefactor', { createdAt: iso(NOW - 1000 * D), expiresAt: null }), rules)).toEqual([])
  })
  it('is fixed by a replace with an expiry, by hand where the vendor cannot set one', () => {
    const long = { createdAt: iso(NOW - 10 * D), expiresAt: iso(NOW + 1000 * D) }
    expect(findings(token('fynn', long), rules)[0]!.fix).toEqual({ action: 'replace', label: 'Replace' })
    expect(findings(token('mpt', long), rules)[0]!.fix).toMatchObject({ action: 'by-hand', url: PROVIDERS.mpt.portalUrl })
  })
})

describe('unused', () => {
  const rules = { unusedDays: 90 }
  it('finds a token last used more than unusedDays days ago', () => {
    expect(details(token('mpt', { lastUsedAt: iso(NOW - 89 * D) }), rules)).toEqual([])
    expect(details(token('mpt', { lastUsedAt: iso(NOW - 90 * D) }), rules)).toEqual([])
    expect(details(token('mpt', { lastUsedAt: iso(NOW - 90 * D - 1) }), rules)).toEqual(['unused: last used more than 90 days ago; limit 90'])
    expect(details(token('mpt', { lastUsedAt: iso(NOW - 91 * D) }), rules)).toEqual(['unused: last used 91 days ago; limit 90'])
  })
  it('counts a never-used token from its creation', () => {
    expect(details(token('mpt', { lastUsedAt: null, createdAt: iso(NOW - 90 * D) }), rules)).toEqual([])
    expect(details(token('mpt', { lastUsedAt: null, createdAt: iso(NOW - 91 * D) }), rules)).toEqual(['unused: never used, created 91 days ago; limit 90'])
    expect(details(token('mpt', { lastUsedAt: null, createdAt: null }), rules)).toEqual([])
  })
  it('never fires for a vendor that does not report use', () => {
    expect(PROVIDERS.fynn.tracksLastUse).toBe(false)
    expect(details(token('fynn', { lastUsedAt: null, createdAt: iso(NOW - 1000 * D) }), { unusedDays: 0 })).toEqual([])
  })
  it('is a warning, fixed by the least destructive retire the vendor allows from active', () => {
    const old = { lastUsedAt: iso(NOW - 200 * D), createdAt: iso(NOW - 300 * D) }
    expect(findings(token('mpt', old), rules)[0]).toMatchObject({ severity: 'warning', fix: { action: 'retire', vendorAction: 'disable', label: 'Disable' } })
    expect(findings(token('prefactor', old), rules)[0]).toMatchObject({ severity: 'warning', fix: { action: 'retire', vendorAction: 'suspend', label: 'Suspend' } })
  })
})

describe('no-owner', () => {
  it('finds a token with no owner in the local metadata when the policy requires one', () => {
    expect(details(token('mpt', { owner: null }), { requireOwner: true })).toEqual(['no-owner: no owner in Tokendesk; the policy requires one'])
    expect(details(token('mpt', { owner: undefined }), { requireOwner: true })).toEqual(['no-owner: no owner in Tokendesk; the policy requires one'])
    expect(details(token('mpt', { owner: '' }), { requireOwner: true })).toEqual(['no-owner: no owner in Tokendesk; the policy requires one'])
    expect(details(token('mpt', { owner: 'Platform team' }), { requireOwner: true })).toEqual([])
    expect(details(token('mpt', { owner: null }), { requireOwner: false })).toEqual([])
  })
  it('is fixed by setting an owner, whatever the vendor', () => {
    expect(findings(token('fynn', { owner: null }), { requireOwner: true })[0]!.fix).toEqual({ action: 'set-owner', label: 'Set owner' })
  })
})

describe('expiring', () => {
  const rules = { expiringWithinDays: 30 }
  it('finds a token expiring within expiringWithinDays days, as the inventory’s filter counts it', () => {
    expect(details(token('prefactor', { expiresAt: iso(NOW + 29 * D) }), rules)).toEqual(['expiring: expires in 29 days; limit 30'])
    expect(details(token('prefactor', { expiresAt: iso(NOW + 30 * D) }), rules)).toEqual(['expiring: expires in 30 days; limit 30'])
    expect(details(token('prefactor', { expiresAt: iso(NOW + 30 * D + 1) }), rules)).toEqual([])
    expect(details(token('prefactor', { expiresAt: iso(NOW + 31 * D) }), rules)).toEqual([])
    expect(details(token('prefactor', { expiresAt: iso(NOW + 2 * H) }), rules)).toEqual(['expiring: expires in 2 hours; limit 30'])
    expect(details(token('prefactor', { expiresAt: iso(NOW) }), rules)).toEqual(['expiring: expires in less than an hour; limit 30'])
    expect(details(token('prefactor', { expiresAt: null }), rules)).toEqual([])
  })
  it('is a warning, fixed by a replace', () => {
    expect(findings(token('prefactor', { expiresAt: iso(NOW + D) }), rules)[0]).toMatchObject({ severity: 'warning', fix: { action: 'replace' } })
  })
})

describe('what is judged', () => {
  const every: PolicyRules = { maxAgeDays: 0, requireExpiry: true, maxLifetimeDays: 0, unusedDays: 0, requireOwner: true, expiringWithinDays: 36_500 }
  const broken = { owner: null, createdAt: iso(NOW - 500 * D), lastUsedAt: null }
  it('only active tokens: disabled, suspended, revoked, deleted and unknown ones have no findings', () => {
    expect(details(token('mpt', broken), every)).toHaveLength(4) // max-age, no-expiry, unused, no-owner
    for (const status of ['disabled', 'suspended', 'revoked', 'deleted', 'unknown'] as const) expect(details(token('mpt', { ...broken, status }), every)).toEqual([])
  })
  it('only tokens not yet expired: one that expired a millisecond ago has none', () => {
    const t = token('prefactor', { ...broken, expiresAt: iso(NOW - 1) })
    expect(details(t, every)).toEqual([])
    expect(evaluate([t], policy(every), { now: NOW, clientOf: () => '' }).summary.overall.usable).toBe(0)
    expect(details(token('prefactor', { ...broken, expiresAt: iso(NOW) }), every).map((d) => d.split(':')[0])).toEqual(['max-age', 'max-lifetime', 'unused', 'no-owner', 'expiring'])
  })
  it('lists findings in the registry’s order', () => {
    const t = token('prefactor', { ...broken, expiresAt: iso(NOW + D) })
    expect(findings(t, every).map((f) => f.rule)).toEqual(['max-age', 'max-lifetime', 'unused', 'no-owner', 'expiring'])
  })
})
