/**
 * A policy over many tokens: the rules in force per client (an entry overrides single rules, in
 * any case of the name; a client without one gets the policy's), the compliance summary, shared
 * findings, and one definition each with the inventory's filters (token-query's predicates).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { evaluate, isoMs, parsePolicy, rulesFor, type Policy, type PolicyToken } from '../../../../electron/common/policy'
import { compareTo, cutoffAt } from '../../../../electron/common/policy/time'
import { expiresWithin, hasNoOwner, isOlderThan, isUnusedFor } from '../../../../electron/common/token-query'
import { D, iso, NOW, token } from './fixtures'

const parse = (json: unknown): Policy => {
  const parsed = parsePolicy(json)
  if (!parsed.ok) throw new Error(parsed.lines.join('\n'))
  return parsed.policy
}

const POLICY = parse({
  version: 1,
  rules: { maxAgeDays: 365, requireExpiry: true, requireOwner: true },
  clients: { 'Acme Corp': { maxAgeDays: 180, requireExpiry: false }, Initech: { maxAgeDays: null } },
})
const CLIENTS = new Map([['c-acme', 'acme corp'], ['c-globex', 'Globex'], ['c-none', ''], ['c-initech', 'Initech']])
const clientOf = (id: string) => CLIENTS.get(id) ?? ''
const rulesOf = (t: PolicyToken, policy = POLICY) => [...evaluate([t], policy, { now: NOW, clientOf }).rulesAt(0)]

describe('client overrides', () => {
  const at200 = (connectionId: string) => token('prefactor', { connectionId, createdAt: iso(NOW - 200 * D), expiresAt: null })
  it('apply to that client’s connections, the name matched in any case', () => {
    expect(rulesOf(at200('c-acme'))).toEqual(['max-age']) // 180 days for Acme; no expiry allowed there
    expect(rulesFor(POLICY, 'ACME CORP').map((r) => [r.rule.id, r.limit])).toEqual([['max-age', 180], ['no-owner', true]])
  })
  it('leave a client without an entry, and connections without a client, under the policy’s rules', () => {
    expect(rulesOf(at200('c-globex'))).toEqual(['no-expiry'])
    expect(rulesOf(at200('c-none'))).toEqual(['no-expiry'])
    expect(rulesOf(token('prefactor', { connectionId: 'c-globex', createdAt: iso(NOW - 400 * D) }))).toEqual(['max-age', 'no-expiry'])
  })
  it('override single rules only, and null switches a number rule off for the client', () => {
    expect(rulesOf(token('prefactor', { connectionId: 'c-initech', createdAt: iso(NOW - 4000 * D), owner: null }))).toEqual(['no-expiry', 'no-owner'])
    expect(rulesOf(token('prefactor', { connectionId: 'c-acme', owner: null }))).toEqual(['no-owner'])
  })
  it('can switch a rule on for one client only', () => {
    const policy = parse({ version: 1, clients: { Globex: { unusedDays: 30 } } })
    const stale = { lastUsedAt: iso(NOW - 60 * D) }
    expect(rulesOf(token('mpt', { connectionId: 'c-globex', ...stale }), policy)).toEqual(['unused'])
    expect(rulesOf(token('mpt', { connectionId: 'c-acme', ...stale }), policy)).toEqual([])
  })
})

describe('evaluate', () => {
  it('has no findings without a policy, and every usable token compliant', () => {
    const e = evaluate([token('mpt', { owner: null })], null, { now: NOW, clientOf })
    expect(e.flagged).toBe(0)
    expect(e.findingsAt(0)).toEqual([])
    expect(e.summary.overall).toEqual({ usable: 1, compliant: 1, share: 1, warned: 0 })
  })

  it('records the rules each token breaks, and makes the findings on demand, value-free ones shared', () => {
    const a = token('mpt', { connectionId: 'c-globex', owner: null })
    const b = token('mpt', { connectionId: 'c-globex', owner: null })
    const c = token('mpt', { connectionId: 'c-globex', owner: null, createdAt: iso(NOW - 400 * D) })
    const d = token('mpt', { connectionId: 'c-globex', expiresAt: iso(NOW + 500 * D) })
    const e = evaluate([a, b, c, d], POLICY, { now: NOW, clientOf })
    expect(e.flagged).toBe(3)
    expect([0, 1, 2, 3].map((i) => e.rulesAt(i))).toEqual([['no-expiry', 'no-owner'], ['no-expiry', 'no-owner'], ['max-age', 'no-expiry', 'no-owner'], []])
    // One frozen array of ids per set of rules, and one finding object per (value-free rule, vendor).
    expect(e.rulesAt(0)).toBe(e.rulesAt(1))
    expect(Object.isFrozen(e.rulesAt(0))).toBe(true)
    expect(e.findingsAt(0)).toEqual(e.findingsAt(1))
    expect(e.findingsAt(0)[1]).toBe(e.findingsAt(1)[1])
    expect(e.findingsAt(2).map((f) => f.detail)).toEqual(['created 400 days ago; limit 365', 'no expiry date; the policy requires one', 'no owner in Tokendesk; the policy requires one'])
  })

  it('takes owners from an array beside the tokens where they are not joined with their metadata', () => {
    const t = token('mpt', { connectionId: 'c-globex', owner: undefined, expiresAt: iso(NOW + D) })
    const u = token('mpt', { connectionId: 'c-globex', owner: 'Not this one', expiresAt: iso(NOW + D) })
    const e = evaluate([t, u], POLICY, { now: NOW, clientOf, owners: ['Ana', null] })
    expect([e.rulesAt(0), e.rulesAt(1)]).toEqual([[], ['no-owner']])
    expect(e.findingsAt(1).map((f) => f.rule)).toEqual(['no-owner'])
  })

  it('sums compliance overall and per client: usable tokens without an error finding', () => {
    const policy = parse({ version: 1, rules: { requireOwner: true, expiringWithinDays: 30 }, clients: { Globex: { requireOwner: false } } })
    const tokens = [
      token('prefactor', { connectionId: 'c-acme', owner: null }), //                     error
      token('prefactor', { connectionId: 'c-acme', expiresAt: iso(NOW + D) }), //         warning only: compliant
      token('prefactor', { connectionId: 'c-acme' }), //                                  compliant
      token('prefactor', { connectionId: 'c-acme', owner: null, status: 'disabled' }), // not usable
      token('prefactor', { connectionId: 'c-globex', owner: null }), //                   compliant for Globex
      token('prefactor', { connectionId: 'c-none', owner: null, expiresAt: iso(NOW - D) }), // expired: not usable
    ]
    const { summary } = evaluate(tokens, policy, { now: NOW, clientOf })
    expect(summary.overall).toEqual({ usable: 4, compliant: 3, share: 0.75, warned: 1 })
    expect(summary.clients).toEqual([
      { client: 'acme corp', usable: 3, compliant: 2, share: 2 / 3, warned: 1 },
      { client: 'Globex', usable: 1, compliant: 1, share: 1, warned: 0 },
      { client: '', usable: 0, compliant: 0, share: null, warned: 0 },
    ].sort((x, y) => x.client.localeCompare(y.client)))
    expect(summary.byRule).toEqual({ 'max-age': 0, 'no-expiry': 0, 'max-lifetime': 0, unused: 0, 'no-owner': 1, expiring: 1 })
  })

  it('agrees with the inventory filters’ predicates on every token (one definition each)', () => {
    const policy = parse({ version: 1, rules: { maxAgeDays: 30, unusedDays: 30, expiringWithinDays: 30, requireOwner: true } })
    const near = fc.oneof(fc.constant(null), fc.integer({ min: -2, max: 2 }).chain((day) => fc.integer({ min: -2, max: 2 }).map((ms) => iso(NOW + day * D - 30 * D + ms))), fc.integer({ min: -400, max: 400 }).map((d) => iso(NOW + d * D)))
    const arb = fc.record({
      provider: fc.constantFrom('mpt' as const, 'fynn' as const, 'prefactor' as const),
      createdAt: near,
      lastUsedAt: near,
      expiresAt: fc.oneof(near, near.map((v) => v && iso(Date.parse(v) + 60 * D))),
      owner: fc.constantFrom(null, '', 'Ana'),
    })
    fc.assert(
      fc.property(arb, ({ provider, ...dates }) => {
        const t = token(provider, dates)
        const judged = t.expiresAt === null || Date.parse(t.expiresAt) >= NOW
        const found = rulesOf(t, policy)
        expect(found.includes('max-age')).toBe(judged && isOlderThan(t, 30, NOW))
        expect(found.includes('unused')).toBe(judged && isUnusedFor(t, 30, NOW))
        expect(found.includes('expiring')).toBe(judged && expiresWithin(t, 30, NOW))
        expect(found.includes('no-owner')).toBe(judged && hasNoOwner(t))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('isoMs', () => {
  it('reads every date exactly as Date.parse does, canonical or not', () => {
    const same = (s: string) => {
      const a = isoMs(s)
      const b = Date.parse(s)
      return a === b || (Number.isNaN(a) && Number.isNaN(b))
    }
    const odd: string[] = []
    for (const y of ['0001', '1969', '1970', '2000', '2024', '2100', '9999']) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          for (const time of ['00:00:00.000', '23:59:59.999', '24:00:00.000', '12:60:00.000', '12:00:61.000']) {
            const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T${time}Z`
            if (!same(s)) odd.push(s)
          }
        }
      }
    }
    for (const s of ['2024-01-01T00:00:00Z', '2024-01-0xT00:00:00.000Z', '2024-01-01T00:00:00.000+01:00', 'garbage', '+275760-09-13T00:00:00.000Z']) if (!same(s)) odd.push(s)
    expect(odd).toEqual([])
    fc.assert(fc.property(fc.date({ min: new Date(-1e14), max: new Date(1e14), noInvalidDate: true }), (date) => isoMs(date.toISOString()) === date.getTime()))
  })

  it('compares a date with a cutoff exactly as Date.parse would order them, without parsing canonical ones', () => {
    const sign = (x: number) => (Number.isNaN(x) ? NaN : Math.sign(x))
    const cut = cutoffAt(Date.parse('2024-03-01T00:00:00.000Z'))
    // Feb 30 rolls over to Mar 1 in Date.parse, and 24:00 is the next day's midnight: the text would order them wrong.
    for (const s of ['2024-02-30T00:00:00.000Z', '2024-02-29T24:00:00.000Z', '2024-02-29T23:59:59.999Z', '2024-03-01T00:00:00.000Z', '2024-03-01T00:00:00Z', '2024-03-01T01:00:00.000+01:00', 'nope']) {
      expect([s, sign(compareTo(s, cut))]).toEqual([s, sign(Date.parse(s) - cut.ms)])
    }
    const near = fc.tuple(fc.integer({ min: -3 * D, max: 3 * D }), fc.integer({ min: -1e12, max: 1e12 }))
    fc.assert(fc.property(near, ([delta, base]) => {
      const c = cutoffAt(NOW + base)
      const s = iso(NOW + base + delta)
      return sign(compareTo(s, c)) === sign(Date.parse(s) - c.ms)
    }))
  })
})
