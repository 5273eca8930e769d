/** "Did you mean …?": the candidates nearest a mistyped word (edit distance, a swap counting once). */

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1)
      d[i]![j] = best
    }
  }
  return d[a.length]![b.length]!
}

/**
 * The closest candidates (ties kept, at most three): within a third of the word's length (at
 * least 1, at most 3), or a candidate the word starts (`tok` → `tokens`).
 */
export function nearest(word: string, candidates: readonly string[]): string[] {
  const w = word.toLowerCase()
  if (!w) return []
  const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)))
  const scored = candidates
    .map((c) => ({ c, d: c.toLowerCase().startsWith(w) && w.length >= 2 ? 0.5 : editDistance(w, c.toLowerCase()) }))
    .filter((s) => s.d <= limit)
  if (!scored.length) return []
  const best = Math.min(...scored.map((s) => s.d))
  return [...new Set(scored.filter((s) => s.d === best).map((s) => s.c))].slice(0, 3)
}

/** ` Did you mean “a” or “b”?` or ''. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const near = nearest(word, candidates)
  if (!near.length) return ''
  const quoted = near.map((n) => `“${n}”`)
  return ` Did you mean ${quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : quoted[0]}?`
}
