/** "Did you mean …?": the candidates nearest a mistyped word (edit distance, a swap counting once). */
import { editDistance } from '../../common/edit-distance'

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
