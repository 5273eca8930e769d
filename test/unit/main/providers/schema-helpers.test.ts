import { describe, expect, it } from 'vitest'
import { isDate, utcDate } from '../../../../electron/main/providers/schema-helpers'

describe('isDate: the canonical fast path', () => {
  it('accepts and refuses exactly what Date.parse does', () => {
    const samples = [
      '2026-11-24T10:00:00.000Z', '2026-02-30T00:00:00.000Z', '2026-02-31T23:59:59.999Z', '2026-02-32T00:00:00.000Z',
      '2026-13-01T00:00:00.000Z', '2026-00-01T00:00:00.000Z', '2026-01-00T00:00:00.000Z', '2026-01-01T24:00:00.000Z',
      '2026-01-01T24:00:01.000Z', '2026-01-01T23:60:00.000Z', '2026-01-01T23:59:60.000Z', '0000-01-01T00:00:00.000Z',
      '2026-11-24', '2026-11-24T10:00:00Z', '2026-11-24T10:00:00+02:00', 'Tue, 24 Nov 2026 10:00:00 GMT', '', 'not a date',
      '2026-11-24T10:00:00.000Z ', '\u202e2026-11-24T10:00:00.000Z', '２０２６-11-24T10:00:00.000Z', '2026-11-24T10:00:00.0000Z',
    ]
    for (let m = 0; m <= 13; m++) for (const d of [0, 1, 28, 29, 30, 31, 32]) for (const h of [0, 23, 24]) {
      samples.push(`2025-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00.000Z`)
    }
    for (const s of samples) expect(isDate(s), s).toBe(!Number.isNaN(Date.parse(s)))
  })

  it('keeps a canonical date as it is and normalises any other form to UTC', () => {
    expect(utcDate('2026-11-24T10:00:00.000Z')).toBe('2026-11-24T10:00:00.000Z')
    expect(utcDate('2026-11-24T12:00:00+02:00')).toBe('2026-11-24T10:00:00.000Z')
  })
})
