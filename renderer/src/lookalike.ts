/**
 * Names that look the same but differ underneath: a zero-width space, a Cyrillic "а" for a Latin
 * "a", a non-breaking space. Each name is reduced to a skeleton — hidden characters dropped,
 * NFKC-normalised, homoglyphs mapped to one base character (unhomoglyph: Unicode's confusables
 * table, via its data) — and names that share a skeleton but are not the same string are flagged.
 * Loaded lazily: the table is ~28 KB gzipped and not needed for the first screen.
 */
import confusables from 'unhomoglyph/data.json'

const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2800\u3164\uFFA0]/gu // eslint-disable-line no-misleading-character-class
const ASCII = /^[\x20-\x7E]*$/
// Every key of the table is one code point: a Map lookup per character is unhomoglyph() itself,
// without its 6,000-way regular expression (0.5 s for 50,000 names; this takes a few ms).
const TABLE = new Map(Object.entries(confusables as Record<string, string>))

export function skeleton(name: string): string {
  const text = ASCII.test(name) ? name : name.replace(HIDDEN, '').normalize('NFKC')
  let out = ''
  for (const ch of text) out += TABLE.get(ch) ?? ch
  return out
}

const cache = new Map<string, string>()

/** The skeleton, remembered: after a refresh most names are the ones seen before. */
export function cachedSkeleton(name: string): string {
  let s = cache.get(name)
  if (s === undefined) {
    if (cache.size > 200_000) cache.clear()
    cache.set(name, (s = skeleton(name)))
  }
  return s
}

type Named = { key: string; name: string | null }

/** When to give the main thread back: `expired()` is asked before each name, `next()` awaited then. */
export interface Budget {
  expired(): boolean
  next(): Promise<void>
}

/** Key of every flagged token → the other name it looks like (50,000 names: ~0.1–0.3 s of work). */
export async function findLookalikes(tokens: readonly Named[], budget?: Budget): Promise<Map<string, string>> {
  const groups = new Map<string, Map<string, string[]>>() // skeleton → name → keys
  for (let i = 0; i < tokens.length; i++) {
    if (budget?.expired()) await budget.next()
    const t = tokens[i]!
    if (!t.name || !t.name.trim()) continue
    const s = cachedSkeleton(t.name)
    let names = groups.get(s)
    if (!names) groups.set(s, (names = new Map()))
    const keys = names.get(t.name)
    if (keys) keys.push(t.key)
    else names.set(t.name, [t.key])
  }
  const flagged = new Map<string, string>()
  for (const names of groups.values()) {
    if (names.size < 2) continue
    const all = [...names.keys()]
    for (const [name, keys] of names) {
      const other = all.find((n) => n !== name)!
      for (const key of keys) flagged.set(key, other)
    }
  }
  return flagged
}
