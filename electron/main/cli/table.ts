/**
 * Plain aligned columns for terminal output. Every cell is untrusted (vendor or user text): hidden
 * and control characters — escape sequences, newlines, bidi controls — are written as `<U+XXXX>`,
 * so nothing in a cell can act on the terminal or break a row.
 */
import { revealHidden } from '../../common/visible-text'

export function formatTable(headers: string[], rows: string[][], maxWidth = 48): string {
  const clip = (s: string): string => (s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s)
  const all = [headers, ...rows.map((r) => r.map((cell) => clip(revealHidden(cell))))]
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)))
  return all.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n'
}
