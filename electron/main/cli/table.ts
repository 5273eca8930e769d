/** Plain aligned columns for terminal output. */
export function formatTable(headers: string[], rows: string[][], maxWidth = 48): string {
  const clip = (s: string): string => (s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s)
  const all = [headers, ...rows.map((r) => r.map(clip))]
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)))
  return all.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n'
}
