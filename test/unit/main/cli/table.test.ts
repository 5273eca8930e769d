/** The CLI's tables: measured in terminal cells, fitted to a width by shortening flexible columns, hidden characters shown. */
import stringWidth from 'string-width'
import { describe, expect, it } from 'vitest'
import { displayWidth, formatTable, truncate } from '../../../../electron/main/cli/table'

const lines = (text: string) => text.trimEnd().split('\n')

describe('formatTable', () => {
  it('aligns by display width: East Asian wide and emoji count 2, combining marks and zero-width 0', () => {
    expect(displayWidth('東京')).toBe(4)
    expect(displayWidth('🚀')).toBe(2)
    expect(displayWidth('Cafe\u0301')).toBe(4)
    const out = formatTable(['NAME', 'STATUS'], [['東京の本番', 'active'], ['🚀 deploy', 'active'], ['Cafe\u0301 cre\u0300me', 'disabled'], ['plain', 'active']])
    const columns = lines(out).map((l) => stringWidth(l.slice(0, l.search(/(STATUS|active|disabled)$/))))
    expect(new Set(columns).size).toBe(1)
  })

  it('counts a revealed hidden character as its visible marker, and never lets one through raw', () => {
    const out = formatTable(['NAME', 'X'], [['a\u202Eb\u001b[2J', '1'], ['abc', '2']])
    expect(out.includes('\u202e') || out.includes('\u001b')).toBe(false)
    expect(lines(out)[1]).toBe('a<U+202E>b<U+001B>[2J  1')
    expect(lines(out)[2]).toBe(`abc${' '.repeat('a<U+202E>b<U+001B>[2J'.length - 3)}  2`)
  })

  it('fits a width by shortening the widest flexible columns with an ellipsis; other columns stay whole', () => {
    const rows = [['TKN-0001', 'x'.repeat(200), 'Owner with a long name', 'active'], ['TKN-0002', 'short', '—', 'disabled']]
    const out = formatTable(['ID', 'NAME', 'OWNER', 'STATUS'], rows, { width: 60, flexible: [1, 2] })
    for (const line of lines(out)) expect(stringWidth(line)).toBeLessThanOrEqual(60)
    expect(out).toContain('TKN-0001')
    expect(out).toContain('disabled')
    expect(lines(out)[1]).toMatch(/x…/)
    // No width (piped): nothing is cut.
    expect(formatTable(['ID', 'NAME'], rows.map((r) => r.slice(0, 2)))).toContain('x'.repeat(200))
  })

  it('cuts wide characters and markers whole', () => {
    expect(truncate('東京の本番トークン', 7)).toBe('東京の…')
    expect(stringWidth(truncate('東京の本番トークン', 7))).toBeLessThanOrEqual(7)
    expect(truncate('ab<U+202E>cdefgh', 6)).toBe('ab…')
    expect(truncate('short', 10)).toBe('short')
  })
})
