/** `audit`'s human report: the one-line total, groups by connection, the fit to the terminal, by-hand pages. */
import stringWidth from 'string-width'
import { describe, expect, it } from 'vitest'
import { auditTotal, formatAudit, groupByConnection, type AuditRow } from '../../../../electron/main/cli/audit-report'

const row = (patch: Partial<AuditRow>): AuditRow => ({
  connection: 'Production', client: 'Acme Corp', provider: 'mpt', id: 'TKN-1', name: 'CI deploy', owner: null,
  rule: 'max-age', severity: 'error', detail: 'created 412 days ago; limit 365', fixAction: 'replace', fix: 'Replace', fixUrl: null, connectionId: 'c1',
  ...patch,
})

describe('audit total', () => {
  it('counts findings by severity, the tokens and connections they are in, and what was checked', () => {
    const rows = [
      row({}),
      row({ rule: 'no-owner', detail: 'no owner', fixAction: 'set-owner', fix: 'Set owner' }),
      row({ id: 'TKN-2', rule: 'unused', severity: 'warning' }),
      row({ id: 'TKN-1', connectionId: 'c2', connection: 'Staging' }),
    ]
    expect(auditTotal(rows, { tokens: 250, connections: 4 })).toBe('4 findings (3 errors, 1 warning) in 3 tokens of 2 connections; 250 usable tokens in 4 connections checked.')
    expect(auditTotal([row({})], { tokens: 1, connections: 1 })).toBe('1 finding (1 error, 0 warnings) in 1 token of 1 connection; 1 usable token in 1 connection checked.')
    expect(auditTotal([], { tokens: 12_000, connections: 3 })).toBe('No findings; 12,000 usable tokens in 3 connections checked.')
  })
})

describe('audit report', () => {
  it('groups by connection in the order given, a heading and a table each, a token’s id and name once', () => {
    const rows = [row({}), row({ rule: 'no-owner', fix: 'Set owner' }), row({ id: 'TKN-9', client: '', connection: 'Billing', provider: 'fynn', connectionId: 'c2' })]
    expect(groupByConnection(rows).map((g) => [g.connection, g.rows.length])).toEqual([['Production', 2], ['Billing', 1]])
    const lines = formatAudit(rows, { tokens: 5, connections: 2 }, null).split('\n')
    expect(lines[0]).toBe('Acme Corp · “Production” (SoftwareOne Marketplace Platform): 2 findings in 1 token')
    expect(lines[1]).toMatch(/^ {2}ID\s+NAME\s+OWNER\s+RULE\s+SEVERITY\s+DETAIL\s+FIX$/)
    expect(lines[2]).toMatch(/^ {2}TKN-1\s+CI deploy\s+—\s+max-age/)
    expect(lines[3]).toMatch(/^ {17}\s*no-owner/)
    expect(lines[4]).toBe('')
    expect(lines[5]).toBe('(no client) · “Billing” (Fynn): 1 finding in 1 token')
    // Each group its own table (a vendor's ids are as wide as they are).
    expect(lines[6]).toMatch(/^ {2}ID\s+NAME/)
    expect(lines.at(-2)).toMatch(/^3 findings/)
  })

  it('fits the width: names first, then the detail; ids and rules whole; hidden characters shown', () => {
    const rows = [row({ name: `evil\u202E${'x'.repeat(80)}`, owner: 'Platform team with a long name', detail: 'last used 120 days ago; limit 90' })]
    const wide = formatAudit(rows, { tokens: 1, connections: 1 }, 120).split('\n')
    expect(wide.find((l) => l.includes('TKN-1'))).toMatch(/evil<U\+202E>x+….*last used 120 days ago; limit 90\s+Replace$/)
    const narrow = formatAudit(rows, { tokens: 1, connections: 1 }, 70).trimEnd().split('\n')
    for (const line of narrow.slice(0, -1)) expect(stringWidth(line)).toBeLessThanOrEqual(70)
    expect(narrow.find((l) => l.includes('TKN-1'))).toMatch(/max-age\s+error/)
    expect(narrow.join('\n')).not.toContain('\u202E')
  })

  it('lists each vendor’s page for fixes by hand once', () => {
    const byHand = { fixAction: 'by-hand' as const, fix: 'Set an expiry by hand at Fynn', fixUrl: 'https://app.fynn.eu/settings/developer', provider: 'fynn' }
    const text = formatAudit([row({ ...byHand, rule: 'no-expiry' }), row({ ...byHand, id: 'TKN-2', rule: 'no-expiry' })], { tokens: 2, connections: 1 }, null)
    expect(text.match(/By hand at Fynn: https:\/\/app\.fynn\.eu\/settings\/developer/g)).toHaveLength(1)
    // The table's cell leaves the vendor to the heading and that line.
    expect(text).toMatch(/no-expiry\s+error\s+created 412 days ago; limit 365\s+Set an expiry by hand\n/)
  })
})
