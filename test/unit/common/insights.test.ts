/** Every insight figure against a fixture computed by hand (comments give the reasoning). */
import { describe, expect, it } from 'vitest'
import { computeInsights, filterFor, localDay } from '../../../electron/common/insights'
import type { ProviderId } from '../../../electron/common/providers'
import { filterFromQuery, queryFromFilter } from '../../../electron/common/query-url'
import { EMPTY_FILTER, filterTokens } from '../../../electron/common/token-query'
import type { Token } from '../../../electron/common/tokens'

// Monday 23 Nov 2026, 22:00 UTC — already Tuesday 24 Nov in Auckland (UTC+13).
const NOW = Date.parse('2026-11-23T22:00:00.000Z')
const H = 3_600_000
const D = 24 * H
const iso = (ms: number) => new Date(ms).toISOString()

function t(id: string, provider: ProviderId, patch: Partial<Token> = {}): Token {
  return {
    key: `c-${provider}/${id}`, connectionId: `c-${provider}`, provider, id, name: id, description: null, status: 'active',
    createdAt: iso(NOW - 30 * D), createdBy: null, updatedAt: null, lastUsedAt: iso(NOW - D), expiresAt: null, scope: [], isOwnCredential: false, vendor: {},
    ...patch,
  }
}

const FIXTURE: Token[] = [
  t('later-today', 'prefactor', { expiresAt: iso(NOW + H) }), //           expires in 1 h: within 7/30/60
  t('earlier-today', 'prefactor', { expiresAt: iso(NOW - H) }), //         expired 1 h ago: expired, not within
  t('in-6d', 'prefactor', { expiresAt: iso(NOW + 6 * D), status: 'suspended' }), // within 7/30/60, inactive
  t('in-20d', 'fynn', { expiresAt: iso(NOW + 20 * D), lastUsedAt: null }), //      within 30/60; usage unknown (Fynn)
  t('in-45d', 'fynn', { expiresAt: iso(NOW + 45 * D), lastUsedAt: null }), //      within 60; usage unknown
  t('in-100d', 'prefactor', { expiresAt: iso(NOW + 100 * D), status: 'revoked' }), // beyond the chart
  t('never-used', 'mpt', { lastUsedAt: null, createdAt: iso(NOW - 400 * D) }), //  never used; unused 90 (created 400 d ago); oldest
  t('never-new', 'mpt', { lastUsedAt: null, createdAt: iso(NOW - 10 * D), status: 'disabled' }), // never used, but not unused 90; inactive
  t('stale', 'mpt', { lastUsedAt: iso(NOW - 200 * D), createdAt: iso(NOW - 300 * D) }), // unused 90
  t('deleted', 'mpt', { status: 'deleted', createdAt: null }), //          no created date: not among the oldest
]

describe('computeInsights', () => {
  const i = computeInsights(FIXTURE, NOW, { timeZone: 'UTC' })

  it('counts by status and provider', () => {
    expect(i.total).toBe(10)
    expect(i.byStatus).toEqual({ active: 6, suspended: 1, revoked: 1, disabled: 1, deleted: 1, unknown: 0 }) // active: later-today, earlier-today, in-20d, in-45d, never-used, stale
    expect(i.byProvider).toEqual({ mpt: 4, fynn: 2, prefactor: 4 })
  })

  it('counts expiries: today counts once, expired is not "expiring"', () => {
    expect(i.expiringWithin).toEqual({ 7: 2, 30: 3, 60: 4 })
    expect(i.expired).toBe(1)
    expect(i.noExpiry).toBe(4) // never-used, never-new, stale, deleted
  })

  it('tells never used from not reported, and finds the long unused', () => {
    expect(i.neverUsed).toBe(2)
    expect(i.usageUnknown).toBe(2)
    expect(i.unused90).toBe(2) // never-used (created 400 d ago) and stale
    expect(i.inactive).toBe(2) // suspended + disabled; revoked and deleted are not "inactive"
  })

  it('lists the oldest tokens first, skipping those without a date', () => {
    expect(i.oldest.map((o) => o.id)).toEqual(['never-used', 'stale', 'later-today', 'earlier-today', 'in-6d'])
  })

  it('puts expiries on local days: the same instant is another day in Auckland', () => {
    expect(i.timeline).toHaveLength(90)
    expect(i.timeline[0]).toEqual({ day: '2026-11-23', count: 1 }) // later today, UTC
    expect(i.timeline.find((d) => d.day === '2026-11-29')!.count).toBe(1) // in 6 days
    expect(i.timeline.reduce((n, d) => n + d.count, 0)).toBe(4)
    const nz = computeInsights(FIXTURE, NOW, { timeZone: 'Pacific/Auckland' })
    expect(nz.timeline[0]).toEqual({ day: '2026-11-24', count: 1 })
    expect(localDay(NOW, 'America/Los_Angeles')).toBe('2026-11-23')
  })

  it('handles no tokens', () => {
    const empty = computeInsights([], NOW, { timeZone: 'UTC' })
    expect(empty.total).toBe(0)
    expect(empty.oldest).toEqual([])
    expect(empty.timeline.every((d) => d.count === 0)).toBe(true)
  })
})

describe('click-through', () => {
  const rows = (figure: Parameters<typeof filterFor>[0]) =>
    filterTokens(FIXTURE, { ...EMPTY_FILTER, ...filterFor(figure).filter }, { now: NOW, connections: new Map() }).length

  it('each figure filters the inventory to exactly its count', () => {
    const i = computeInsights(FIXTURE, NOW, { timeZone: 'UTC' })
    expect(rows({ kind: 'expiring', days: 7 })).toBe(i.expiringWithin[7])
    expect(rows({ kind: 'expiring', days: 30 })).toBe(i.expiringWithin[30])
    expect(rows({ kind: 'expiring', days: 60 })).toBe(i.expiringWithin[60])
    expect(rows({ kind: 'expired' })).toBe(i.expired)
    expect(rows({ kind: 'neverUsed' })).toBe(i.neverUsed)
    expect(rows({ kind: 'unused' })).toBe(i.unused90)
    expect(rows({ kind: 'noExpiry' })).toBe(i.noExpiry)
    expect(rows({ kind: 'inactive' })).toBe(i.inactive)
    expect(rows({ kind: 'status', status: 'revoked' })).toBe(i.byStatus.revoked)
    expect(rows({ kind: 'provider', provider: 'fynn' })).toBe(i.byProvider.fynn)
  })

  it('the rotation policy: tokens created longer ago than its days, counted and filtered alike, and kept in the URL', () => {
    const i = computeInsights(FIXTURE, NOW, { timeZone: 'UTC', maxAgeDays: 365 })
    expect(i.olderThanPolicy).toBe(1) // never-used, created 400 days ago
    expect(rows({ kind: 'olderThan', days: 365 })).toBe(1)
    expect(computeInsights(FIXTURE, NOW, { maxAgeDays: 20 }).olderThanPolicy).toBe(rows({ kind: 'olderThan', days: 20 }))
    const { filter, sort } = filterFor({ kind: 'olderThan', days: 365 })
    const query = queryFromFilter({ ...EMPTY_FILTER, ...filter }, sort!)
    expect(query).toEqual({ older: '365', sort: 'createdAt' })
    expect(filterFromQuery(query)).toEqual({ ...EMPTY_FILTER, olderThanDays: 365 })
    expect(filterFromQuery({ older: 'soon' }).olderThanDays).toBeNull()
    expect(filterFromQuery({}).olderThanDays).toBeNull()
  })

  it('counts the tokens without an owner, and clicks through to exactly them', () => {
    const owner = (o: string | null) => ({ owner: o, tags: [], notes: null, displayName: null })
    const labelled = FIXTURE.map((x, n) => ({ ...x, ...owner(n % 3 === 0 ? 'Platform team' : n % 3 === 1 ? '' : null) }))
    const i = computeInsights(labelled, NOW, { timeZone: 'UTC' })
    expect(i.noOwner).toBe(labelled.filter((x) => !x.owner).length)
    expect(i.noOwner).toBeGreaterThan(0)
    expect(filterTokens(labelled, { ...EMPTY_FILTER, ...filterFor({ kind: 'noOwner' }).filter }, { now: NOW, connections: new Map() }).length).toBe(i.noOwner)
    // Tokens without the user's labels at all (a bare vendor list) have no owner either.
    expect(computeInsights(FIXTURE, NOW, { timeZone: 'UTC' }).noOwner).toBe(FIXTURE.length)
  })
})

describe('computeInsights over a large inventory', () => {
  // 50,000 tokens, one expiring every 2.5 minutes from now on (a new instant each), 1 in 7 unused.
  const many = (now: number) => Array.from({ length: 50_000 }, (_, n) => t(`t${n}`, n % 2 ? 'prefactor' : 'mpt', { expiresAt: iso(now + n * 150_000 + 1), createdAt: iso(now - (n % 977) * D), lastUsedAt: n % 7 ? iso(now - D) : null }))

  it('formats days with one formatter and a bounded number of calls, not one per token', () => {
    const real = Intl.DateTimeFormat
    let made = 0
    let formatted = 0
    class Counting extends real {
      constructor(...args: ConstructorParameters<typeof real>) {
        super(...args)
        made += 1
      }
      override format(date?: Date | number): string {
        formatted += 1
        return super.format(date)
      }
      override formatToParts(date?: Date | number): Intl.DateTimeFormatPart[] {
        formatted += 1
        return super.formatToParts(date)
      }
    }
    Intl.DateTimeFormat = Counting as typeof Intl.DateTimeFormat
    try {
      const i = computeInsights(many(NOW), NOW, { timeZone: 'Asia/Tokyo' })
      expect(i.timeline.reduce((n, d) => n + d.count, 0)).toBe(50_000) // all within the 90 days (86.8 days)
      expect(made).toBeLessThanOrEqual(1)
      expect(formatted).toBeLessThan(1_000)
    } finally {
      Intl.DateTimeFormat = real
    }
  })

  it('puts every expiry on its local day across daylight-saving changes (as localDay says)', () => {
    // Just before Europe's autumn change and Lord Howe's half-hour spring change.
    for (const [timeZone, now] of [['Europe/Berlin', Date.parse('2026-10-24T22:30:00Z')], ['Australia/Lord_Howe', Date.parse('2026-10-03T14:45:00Z')], ['America/New_York', Date.parse('2027-03-13T04:59:59.999Z')]] as const) {
      // One expiring every 15 minutes for 90 days: on every side of every change of day.
      const tokens = Array.from({ length: 8_640 }, (_, n) => t(`t${n}`, 'mpt', { expiresAt: iso(now + n * 900_000) }))
      const expected = new Map<string, number>()
      for (const x of tokens) {
        const at = Date.parse(x.expiresAt!)
        if (at <= now + 90 * D) expected.set(localDay(at, timeZone), (expected.get(localDay(at, timeZone)) ?? 0) + 1)
      }
      const i = computeInsights(tokens, now, { timeZone })
      for (const d of i.timeline) expect([timeZone, d.day, d.count]).toEqual([timeZone, d.day, expected.get(d.day) ?? 0])
    }
  })

  it('lists the oldest as a stable sort of all would: equal dates keep the inventory order', () => {
    const tokens = many(NOW)
    const i = computeInsights(tokens, NOW, { timeZone: 'UTC', oldest: 9 })
    const sorted = tokens.filter((x) => x.createdAt !== null).sort((a, b) => Date.parse(a.createdAt!) - Date.parse(b.createdAt!))
    expect(i.oldest.map((o) => o.id)).toEqual(sorted.slice(0, 9).map((x) => x.id))
    expect(new Set(i.oldest.map((o) => o.createdAt)).size).toBe(1) // all nine share the oldest date: order by position alone
  })
})
