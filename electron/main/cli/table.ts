/**
 * Aligned columns for the terminal. Every cell is untrusted (vendor or user text): hidden and
 * control characters — escape sequences, newlines, bidi controls — are written as `<U+XXXX>`, so
 * nothing in a cell can act on the terminal or break a row. Columns are measured in terminal
 * cells (string-width: East Asian wide and emoji 2, combining marks 0), and a table wider than
 * the terminal shrinks its widest flexible columns with an ellipsis — never an id.
 */
import stringWidth from 'string-width'
import { revealHidden } from '../../common/visible-text'

export interface TableOptions {
  /** The width to fit (io.columns); null: no limit (piped output). */
  width?: number | null
  /** The columns that may be shortened (by index); default: none. */
  flexible?: readonly number[]
}

const GAP = 2
/** A flexible column is never cut below this (or its header). */
const MIN_FLEX = 8
const segmenter = new Intl.Segmenter()

export const displayWidth = (text: string): number => stringWidth(text)

/** Markers and grapheme clusters, in order (what truncation may cut between). */
function units(text: string): string[] {
  const out: string[] = []
  let last = 0
  for (const m of text.matchAll(/<U\+[0-9A-F]{4,6}>/g)) {
    for (const { segment } of segmenter.segment(text.slice(last, m.index))) out.push(segment)
    out.push(m[0])
    last = m.index + m[0].length
  }
  for (const { segment } of segmenter.segment(text.slice(last))) out.push(segment)
  return out
}

/** The text cut to `width` cells, an ellipsis last when anything was cut; a `<U+202E>` marker is never split. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text
  let out = ''
  let used = 0
  for (const unit of units(text)) {
    const w = displayWidth(unit)
    if (used + w > width - 1) break
    out += unit
    used += w
  }
  return `${out}…`
}

/** The widest a flexible column may be so that the table fits `limit` (the same cap for each). */
function capFor(widths: number[], flexible: readonly number[], minimums: number[], limit: number): number {
  const total = (cap: number) => widths.reduce((sum, w, i) => sum + (flexible.includes(i) ? Math.max(minimums[i]!, Math.min(w, cap)) : w), 0) + GAP * (widths.length - 1)
  let lo = 0
  let hi = Math.max(...widths)
  if (total(hi) <= limit) return hi
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (total(mid) <= limit) lo = mid
    else hi = mid - 1
  }
  return lo
}

export function formatTable(headers: string[], rows: string[][], options: TableOptions = {}): string {
  const flexible = options.flexible ?? []
  let cells = [headers, ...rows.map((r) => r.map((cell) => revealHidden(cell)))]
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))))
  if (options.width) {
    const minimums = headers.map((h, i) => Math.min(widths[i]!, Math.max(MIN_FLEX, displayWidth(h))))
    const cap = capFor(widths, flexible, minimums, options.width)
    const limits = widths.map((w, i) => (flexible.includes(i) ? Math.max(minimums[i]!, Math.min(w, cap)) : w))
    cells = cells.map((r) => r.map((cell, i) => truncate(cell, limits[i]!)))
    limits.forEach((w, i) => (widths[i] = w))
  }
  const pad = (cell: string, width: number): string => cell + ' '.repeat(Math.max(0, width - displayWidth(cell)))
  return cells.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : pad(cell, widths[i]!))).join(' '.repeat(GAP)).trimEnd()).join('\n') + '\n'
}
