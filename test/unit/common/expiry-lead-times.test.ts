/** Lead times: parsing the settings field, validation, and which lead time a token is due at. */
import { describe, expect, it } from 'vitest'
import { dueLeadTime, leadTimeMarks, parseLeadDays } from '../../../electron/common/expiry-lead-times'
import type { Token } from '../../../electron/common/tokens'
import { settingsPatchSchema } from '../../../electron/common/validation'

const NOW = Date.parse('2026-11-23T09:00:00.000Z')
const D = 86_400_000
const tok = (days: number | null, status: Token['status'] = 'active'): Token =>
  ({ key: 'c/t', connectionId: 'c', provider: 'mpt', id: 't', name: 't', status, expiresAt: days === null ? null : new Date(NOW + days * D).toISOString() }) as Token

describe('expiry lead times', () => {
  it('read the settings field: any separators, unique, largest first', () => {
    expect(parseLeadDays(' 7, 60;1 30 7 ')).toEqual({ days: [60, 30, 7, 1] })
    expect(parseLeadDays('')).toEqual({ problem: expect.stringContaining('at least one') })
    expect(parseLeadDays('7, 2.5')).toEqual({ problem: '“2.5” is not a whole number of days.' })
    expect(parseLeadDays('0')).toEqual({ problem: 'Each lead time is 1–365 days (0 is not).' })
    expect(parseLeadDays('1 2 3 4 5 6 7')).toEqual({ problem: 'At most 6 lead times.' })
  })

  it('are validated by main too', () => {
    expect(settingsPatchSchema.parse({ expiryLeadDays: [7, 60, 7] })).toEqual({ expiryLeadDays: [60, 7] })
    expect(settingsPatchSchema.safeParse({ expiryLeadDays: [] }).success).toBe(false)
    expect(settingsPatchSchema.safeParse({ expiryLeadDays: [400] }).success).toBe(false)
    expect(settingsPatchSchema.safeParse({ expiryLeadDays: [1.5] }).success).toBe(false)
  })

  it('put a token at the smallest lead time its expiry falls within', () => {
    const leads = [60, 30, 7, 1]
    expect(dueLeadTime(tok(0.5), leads, NOW)).toBe(1)
    expect(dueLeadTime(tok(1), leads, NOW)).toBe(1)
    expect(dueLeadTime(tok(1.01), leads, NOW)).toBe(7)
    expect(dueLeadTime(tok(59), leads, NOW)).toBe(60)
    expect(dueLeadTime(tok(61), leads, NOW)).toBeNull()
    expect(dueLeadTime(tok(-1), leads, NOW)).toBeNull()
    expect(dueLeadTime(tok(null), leads, NOW)).toBeNull()
    expect(dueLeadTime(tok(3, 'revoked'), leads, NOW)).toBeNull()
  })
})

describe('lead-time marks on the weekly chart', () => {
  it('sit between the days before and after them, and leave out those past the horizon', () => {
    expect(leadTimeMarks([1, 7, 60, 120], 90)).toEqual([
      { days: 60, position: 60 / 7 - 0.5 },
      { days: 7, position: 0.5 }, // the boundary between the first and second week
      { days: 1, position: 1 / 7 - 0.5 },
    ])
  })
})
