import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { Connection } from '../../../../electron/common/model'
import { diffInventories, toReviewed } from '../../../../electron/common/review-diff'
import { toTokenRow } from '../../../../electron/common/token-meta'
import type { Token } from '../../../../electron/common/tokens'
import { escapeControls } from '../../../../electron/common/visible-text'
import { neutraliseFormula, toCsv, toExportRow } from '../../../../electron/main/services/export-format'

const connection: Connection = { id: 'c1', provider: 'mpt', label: 'Prod, EU', client: 'Acme "Corp"', baseUrl: 'https://x', accountId: null, createdAt: '', credentialLast4: null }

function t(id: string, patch: Partial<Token> = {}): Token {
  return {
    key: `c1/${id}`, connectionId: 'c1', provider: 'mpt', id, name: id, description: null, status: 'active', createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: { id: 'USR-1', name: 'Ana' }, updatedAt: null, lastUsedAt: null, expiresAt: null, scope: ['Billing'], isOwnCredential: false, vendor: {},
    ...patch,
  }
}

const HOSTILE = ['comma, inside', 'quote " inside', 'line\nbreak', 'crlf\r\nbreak', 'ünïcödé ✓ 東京', '=HYPERLINK("http://evil")', '+1+2', '-2', '@SUM(A1)', '\tTAB=1', 'plain']

describe('CSV export', () => {
  it.each(HOSTILE)('round-trips %j, with formulas neutralised', (value) => {
    const row = toExportRow(toTokenRow(t('TKN-1', { name: value, description: value }), null), connection, new Date('2026-11-23T00:00:00Z'))
    const csv = toCsv([row])
    const [header, cells] = parse(csv, { relax_quotes: false }) as string[][]
    const record = Object.fromEntries(header!.map((h, i) => [h, cells![i]]))
    // Control characters (CR, LF, TAB…) travel as \u{…} text; then formulas are neutralised.
    const expected = neutraliseFormula(escapeControls(value))
    expect(record.name).toBe(expected)
    expect(record.description).toBe(expected)
    expect(record.connection).toBe('Prod, EU')
    expect(record.client).toBe('Acme "Corp"')
    expect(/^[=+\-@\t\r]/.test(record.name!)).toBe(false)
  })

  it('neutralises only what a spreadsheet would run', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1")
    expect(neutraliseFormula('a=1')).toBe('a=1')
    expect(neutraliseFormula('')).toBe('')
  })
})

describe('review diff', () => {
  it('finds added, removed and changed tokens (status, expiry, last use)', () => {
    const before = [t('same'), t('gone'), t('status'), t('expiry'), t('used')].map(toReviewed)
    const now = [
      t('same'),
      t('new'),
      t('status', { status: 'disabled' }),
      t('expiry', { expiresAt: '2027-01-01T00:00:00.000Z' }),
      t('used', { lastUsedAt: '2026-11-20T00:00:00.000Z', description: 'changed too, but not reviewed' }),
    ]
    const diff = diffInventories('2026-11-01T00:00:00.000Z', before, now, new Set(['c1']))
    expect(diff.added.map((x) => x.id)).toEqual(['new'])
    expect(diff.removed.map((x) => x.id)).toEqual(['gone'])
    expect(diff.changed.map((c) => [c.token.id, c.changes.map((x) => `${x.field}:${x.before}→${x.after}`)])).toEqual([
      ['expiry', ['expiresAt:null→2027-01-01T00:00:00.000Z']],
      ['status', ['status:active→disabled']],
      ['used', ['lastUsedAt:null→2026-11-20T00:00:00.000Z']],
    ])
  })

  it('does not call a connection that was not refreshed since “all removed”', () => {
    const diff = diffInventories('x', [toReviewed(t('a'))], [], new Set())
    expect(diff.removed).toEqual([])
  })
})
