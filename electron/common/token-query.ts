/**
 * Filtering and sorting the inventory: pure functions over plain tokens, shared by the window
 * (and, later, insights). Built for 50,000 rows: the search text of each token is computed once
 * (`buildSearchIndex`), sorting happens only when the sort changes, filtering preserves order.
 */
import { hasError, RULES, type RuleId } from './policy'
import { PROVIDERS, type ProviderId } from './providers'
import type { TokenLabels } from './token-meta'
import type { Token, TokenStatus } from './tokens'
import { searchText } from './search-texts'

export const DAY_MS = 86_400_000

export type ExpiryFilter = 'any' | 'expired' | 'within' | 'none'
export type UsageFilter = 'any' | 'never' | 'unused'
/** The policy's findings: any finding, an error finding, or one rule's. */
export type FindingsFilter = 'any' | 'error' | RuleId
export const FINDINGS_FILTERS: readonly FindingsFilter[] = ['any', 'error', ...RULES.map((r) => r.id)]

/** A token's findings as the policy's mask (bit i: RULES[i]), by token key; 0 for none. */
export type FindingsOf = (key: string) => number

export interface TokenFilter {
  text: string
  statuses: TokenStatus[]
  providers: ProviderId[]
  /** Sidebar scope: one client ('' = connections without a client) or one connection. */
  client: string | null
  connectionId: string | null
  expiry: ExpiryFilter
  expiryDays: number
  usage: UsageFilter
  unusedDays: number
  /** Created more than this many days ago (the rotation policy's age); null or absent: any age. */
  olderThanDays?: number | null
  /**
   * The user's metadata. Owners: any of these (each in any case); `noOwner`: tokens nobody owns —
   * with owners too, those or these (one choice list in the toolbar). A tag: this one (any case).
   */
  owners: string[]
  noOwner: boolean
  tag: string | null
  /** Tokens with findings of the policy (null or absent: any token). */
  findings?: FindingsFilter | null
}

/**
 * What the query works on: a token, with the user's labels where the caller joined them
 * (common/token-meta `toTokenRow`); a token without them has no owner and no tags.
 */
export type QueryToken = Token & Partial<TokenLabels>

export const EMPTY_FILTER: TokenFilter = {
  text: '',
  statuses: [],
  providers: [],
  client: null,
  connectionId: null,
  expiry: 'any',
  expiryDays: 30,
  usage: 'any',
  unusedDays: 90,
  olderThanDays: null,
  owners: [],
  noOwner: false,
  tag: null,
  findings: null,
}

export const SORT_KEYS = ['name', 'scope', 'createdBy', 'createdAt', 'lastUsedAt', 'expiresAt', 'status', 'client', 'connection', 'provider', 'owner', 'findings'] as const
export type SortKey = (typeof SORT_KEYS)[number]
export interface TokenSort {
  key: SortKey
  dir: 1 | -1
}

/**
 * Newest first: what each vendor's own page shows, every token has a creation date (no block of
 * blanks on top), it stays put across refreshes (unlike last use), and a token just created in
 * the app lands where the user is looking. Expiry has its own filter and Insights figures.
 */
export const DEFAULT_SORT: TokenSort = { key: 'createdAt', dir: -1 }

/** The direction a column sorts in when first clicked: dates newest first, text A→Z. */
export function firstDirection(key: SortKey): 1 | -1 {
  return key === 'lastUsedAt' || key === 'createdAt' || key === 'findings' ? -1 : 1
}

const RULE_BITS = new Map(RULES.map((r, i) => [r.id as string, 1 << i]))
const countBits = (n: number): number => {
  let c = 0
  for (; n; n &= n - 1) c++
  return c
}
const ERROR_MASK = RULES.reduce((m, r, i) => (r.severity === 'error' ? m | (1 << i) : m), 0)

/** How bad a token's findings are, for sorting: errors outweigh any number of warnings; null for none. */
export function findingsRank(mask: number): number | null {
  return mask === 0 ? null : countBits(mask & ERROR_MASK) * 100 + countBits(mask & ~ERROR_MASK)
}

/** Whether a findings mask passes a findings filter. */
export function matchesFindings(mask: number, filter: FindingsFilter): boolean {
  if (filter === 'any') return mask !== 0
  if (filter === 'error') return hasError(mask)
  return (mask & (RULE_BITS.get(filter) ?? 0)) !== 0
}

/** What a connection contributes to a row (its label and client). */
export interface ConnectionLabel {
  label: string
  client: string
}

export function isNeverUsed(t: Token): boolean {
  return PROVIDERS[t.provider].tracksLastUse && t.lastUsedAt === null
}

/** Last used (or, if never, created) more than `days` ago; unknown for vendors without last use. */
export function isUnusedFor(t: Token, days: number, now: number): boolean {
  if (!PROVIDERS[t.provider].tracksLastUse) return false
  const last = t.lastUsedAt ?? t.createdAt
  return last !== null && Date.parse(last) < now - days * DAY_MS
}

/** Created more than `days` ago (a token with no creation date is not counted: its age is unknown). */
export function isOlderThan(t: Token, days: number, now: number): boolean {
  return t.createdAt !== null && Date.parse(t.createdAt) < now - days * DAY_MS
}

export function expiresWithin(t: Token, days: number, now: number): boolean {
  if (t.expiresAt === null) return false
  const at = Date.parse(t.expiresAt)
  return at >= now && at <= now + days * DAY_MS
}

const folded = (v: string | null | undefined): string | null => (v ? v.trim().toLowerCase() : null)

/** Nobody was named as its owner (the "no owner" filter and Insights figure). */
export function hasNoOwner(t: QueryToken): boolean {
  return !t.owner
}

export function isOwnedBy(t: QueryToken, owner: string): boolean {
  return folded(t.owner) === folded(owner)
}

/** The owner part of a filter as one test (null: no owner filter); owners are compared folded. */
function ownerTest(filter: TokenFilter): ((t: QueryToken) => boolean) | null {
  const owners = new Set(filter.owners.map(folded).filter((o): o is string => !!o))
  if (!owners.size && !filter.noOwner) return null
  return (t) => (filter.noOwner && hasNoOwner(t)) || (!!t.owner && owners.has(folded(t.owner)!))
}

export function hasTag(t: Pick<QueryToken, 'tags'>, tag: string): boolean {
  const want = folded(tag)
  return !!t.tags?.some((x) => folded(x) === want)
}

export function filterTokens<T extends QueryToken>(
  tokens: readonly T[],
  filter: TokenFilter,
  ctx: { now: number; textOf?: (t: QueryToken) => string; connections: ReadonlyMap<string, ConnectionLabel>; findingsOf?: FindingsOf },
): T[] {
  const text = filter.text.trim().toLowerCase()
  const statuses = filter.statuses.length ? new Set(filter.statuses) : null
  const providers = filter.providers.length ? new Set(filter.providers) : null
  const { now, connections } = ctx
  const textOf = ctx.textOf ?? searchText
  const owned = ownerTest(filter)
  const findings = filter.findings ?? null
  const findingsOf = ctx.findingsOf ?? (() => 0)
  return tokens.filter((t) => {
    if (filter.connectionId !== null && t.connectionId !== filter.connectionId) return false
    if (filter.client !== null && connections.get(t.connectionId)?.client !== filter.client) return false
    if (statuses && !statuses.has(t.status)) return false
    if (providers && !providers.has(t.provider)) return false
    switch (filter.expiry) {
      case 'expired':
        if (t.expiresAt === null || Date.parse(t.expiresAt) >= now) return false
        break
      case 'within':
        if (!expiresWithin(t, filter.expiryDays, now)) return false
        break
      case 'none':
        if (t.expiresAt !== null) return false
        break
    }
    if (filter.usage === 'never' && !isNeverUsed(t)) return false
    if (filter.usage === 'unused' && !isUnusedFor(t, filter.unusedDays, now)) return false
    if (filter.olderThanDays && !isOlderThan(t, filter.olderThanDays, now)) return false
    if (owned && !owned(t)) return false
    if (filter.tag !== null && !hasTag(t, filter.tag)) return false
    if (findings !== null && !matchesFindings(findingsOf(t.key), findings)) return false
    if (text && !textOf(t).includes(text)) return false
    return true
  })
}

const STATUS_ORDER: Record<TokenStatus, number> = { active: 0, suspended: 1, disabled: 2, revoked: 3, deleted: 4, unknown: 5 }

/** A name worth showing: not missing, not blank. */
export function hasName(t: Pick<Token, 'name'>): boolean {
  return t.name !== null && t.name.trim() !== ''
}

type SortValue = string | number | null

interface Keyed<T extends QueryToken> {
  t: T
  k: SortValue
  /** The list the token came in, its place there, and the new object that took its place (TokenSorter). */
  list?: readonly T[]
  index?: number
  next?: Keyed<T>
}

/** The order of `sort`: a key worked out once per token, and a comparison of keyed tokens. */
/**
 * The one field a sort key is worked out from, where there is one: a new object of a token with
 * the same value (and name) has the same key and place, found without working the key out again
 * (a date parsed per token of 50,000 was most of a bulk label change's re-sort).
 */
const SAME_FIELD: Partial<Record<SortKey, (t: QueryToken) => unknown>> = {
  createdAt: (t) => t.createdAt,
  lastUsedAt: (t) => t.lastUsedAt,
  expiresAt: (t) => t.expiresAt,
  status: (t) => t.status,
  client: (t) => t.connectionId,
  connection: (t) => t.connectionId,
  provider: (t) => t.provider,
  owner: (t) => t.owner,
  findings: (t) => t.key,
}

function tokenOrder<T extends QueryToken>(sort: TokenSort, connections: ReadonlyMap<string, ConnectionLabel>, findingsOf: FindingsOf = () => 0): { keyOf: (t: T) => SortValue; compare: (a: Keyed<T>, b: Keyed<T>) => number; sameField?: (t: QueryToken) => unknown } {
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })
  const time = (v: string | null): SortValue => (v === null ? null : Date.parse(v))
  const keyOf: Record<SortKey, (t: T) => SortValue> = {
    // An unnamed token sorts by the display name the user gave it.
    name: (t) => (hasName(t) ? t.name : t.displayName || null),
    scope: (t) => (t.scope.length === 0 ? null : t.scope.length === 1 ? t.scope[0]! : `${String(t.scope.length).padStart(4, '0')}`),
    createdBy: (t) => t.createdBy?.name || t.createdBy?.id || null,
    createdAt: (t) => time(t.createdAt),
    lastUsedAt: (t) => time(t.lastUsedAt),
    expiresAt: (t) => time(t.expiresAt),
    status: (t) => STATUS_ORDER[t.status],
    client: (t) => connections.get(t.connectionId)?.client || null,
    connection: (t) => {
      const c = connections.get(t.connectionId)
      return c ? `${c.client}\u0000${c.label}` : null
    },
    provider: (t) => t.provider,
    owner: (t) => t.owner || null,
    findings: (t) => findingsRank(findingsOf(t.key)),
  }
  const empty = (v: SortValue): boolean => v === null || (typeof v === 'number' && Number.isNaN(v))
  const compare = (a: Keyed<T>, b: Keyed<T>): number => {
    const x = a.k
    const y = b.k
    if (empty(x) || empty(y)) {
      if (empty(x) !== empty(y)) return empty(x) ? 1 : -1
    } else {
      // The same text is equal without the collator (a new object of the same token: most comparisons of a replace).
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : x === y ? 0 : collator.compare(String(x), String(y))
      if (c !== 0) return c * sort.dir
    }
    // Ties: by name (unnamed last), then id, so the order is stable across refreshes.
    const an = a.t.name ?? '\uffff'
    const bn = b.t.name ?? '\uffff'
    return (an === bn ? 0 : collator.compare(an, bn)) || (a.t.id < b.t.id ? -1 : a.t.id > b.t.id ? 1 : 0)
  }
  return { keyOf: keyOf[sort.key], compare, sameField: SAME_FIELD[sort.key] }
}

/** Empty values (no name, no creator, no date, no scope) sort last in both directions. */
export function sortTokens<T extends QueryToken>(tokens: readonly T[], sort: TokenSort, connections: ReadonlyMap<string, ConnectionLabel>, findingsOf?: FindingsOf): T[] {
  const { keyOf, compare } = tokenOrder<T>(sort, connections, findingsOf)
  // Decorate once, compare cheaply: 50k rows sort in a few tens of ms.
  const decorated = tokens.map((t) => ({ t, k: keyOf(t) }))
  decorated.sort(compare)
  return decorated.map((d) => d.t)
}

/**
 * `sortTokens` for an inventory that changes a list at a time (a refresh replaces one
 * connection's tokens, then the next; a label change copies the lists it touches). Lists are
 * never changed in place — a change is a new list of new objects — so while the sort and the
 * connections are the same objects as last time, a list that is the same array keeps its tokens'
 * places without a look at them; of a new list, a token that sorts exactly as the one it replaces
 * (the same key, equal in all the comparison looks at) takes its place, and only the others are
 * sorted and merged into the rest — the full sort's order exactly, ties included.
 */
export class TokenSorter<T extends QueryToken> {
  private last: {
    sort: TokenSort
    connections: ReadonlyMap<string, ConnectionLabel>
    findingsOf: FindingsOf | undefined
    lists: Set<readonly T[]>
    /** The same lists, in order (the fast path pairs each new list with the one it replaced). */
    order: ReadonlyArray<readonly T[]>
    sorted: Keyed<T>[]
    result: T[]
    /** Per list, where each of its rows is in `sorted`; made when first needed. */
    at: Map<readonly T[], Int32Array> | null
  } | null = null

  /** `findingsOf`: for the findings sort; another function than last time sorts everything again (the findings changed). */
  sort(lists: ReadonlyArray<readonly T[]>, sort: TokenSort, connections: ReadonlyMap<string, ConnectionLabel>, findingsOf?: FindingsOf): T[] {
    const { keyOf, compare, sameField } = tokenOrder<T>(sort, connections, findingsOf)
    const last = this.last
    const current = new Set(lists)
    let sorted: Keyed<T>[]
    if (last && last.sort === sort && last.connections === connections && last.findingsOf === findingsOf) {
      const fresh = lists.filter((list) => !last.lists.has(list))
      if (fresh.length === 0 && current.size === last.lists.size) return last.result
      const inPlace = this.inPlace(lists, keyOf, sameField)
      if (inPlace) return inPlace
      // The tokens of the lists that went, by connection and place: each may come back as a new
      // object at the same place of its connection's new list (a label change, a refresh that
      // moved nothing), found without a map of every key; by key only where not.
      const goneAt = new Map<string, Keyed<T>[]>()
      for (const d of last.sorted) {
        if (current.has(d.list!)) continue
        let at = goneAt.get(d.t.connectionId)
        if (!at) goneAt.set(d.t.connectionId, (at = []))
        at[d.index!] = d
      }
      let goneByKey: Map<string, Keyed<T>> | null = null
      const goneKey = (key: string): Keyed<T> | undefined => {
        if (!goneByKey) {
          goneByKey = new Map()
          for (const at of goneAt.values()) for (const d of at) if (d && !d.next) goneByKey.set(d.t.key, d)
        }
        return goneByKey.get(key)
      }
      const added: Keyed<T>[] = []
      for (const list of fresh) {
        for (let index = 0; index < list.length; index++) {
          const t = list[index]!
          let old = goneAt.get(t.connectionId)?.[index]
          if (!old || old.t.key !== t.key || old.next) old = goneKey(t.key)
          if (old && !old.next && sameField && sameField(old.t) === sameField(t) && old.t.name === t.name && old.t.id === t.id) {
            old.next = { t, k: old.k, list, index }
            continue
          }
          const d: Keyed<T> = { t, k: keyOf(t), list, index }
          if (old && !old.next && compare(old, d) === 0) old.next = d
          else added.push(d)
        }
      }
      const kept: Keyed<T>[] = []
      for (const d of last.sorted) {
        if (current.has(d.list!)) kept.push(d)
        else if (d.next) kept.push(d.next)
      }
      added.sort(compare)
      // Equal in all the comparison looks at (the same name and id in two connections): in list
      // order, as the stable full sort has them. Positions are looked up only for such a tie.
      let at: Map<T, number> | null = null
      const position = (t: T): number => (at ??= new Map(lists.flat().map((x, i) => [x, i]))).get(t)!
      sorted = merge(kept, added, (x, y) => compare(x, y) || position(x.t) - position(y.t))
    } else {
      sorted = []
      for (const list of lists) for (let index = 0; index < list.length; index++) sorted.push({ t: list[index]!, k: keyOf(list[index]!), list, index })
      sorted.sort(compare)
    }
    const result = sorted.map((d) => d.t)
    this.last = { sort, connections, findingsOf, lists: current, order: lists, sorted, result, at: null }
    return result
  }

  /**
   * The common change — some lists replaced by copies whose rows keep their places and sort keys
   * (a label edit, a bulk owner change a slice at a time) — in the time of the changed lists, not
   * of every row: each changed row takes its old row's place. Null when the change is another.
   */
  private inPlace(lists: ReadonlyArray<readonly T[]>, keyOf: (t: T) => SortValue, sameField: ((t: QueryToken) => unknown) | undefined): T[] | null {
    const last = this.last!
    if (lists.length !== last.order.length) return null
    const pairs: [was: readonly T[], now: readonly T[]][] = []
    for (let i = 0; i < lists.length; i++) {
      const was = last.order[i]!
      const now = lists[i]!
      if (was === now) continue
      if (was.length !== now.length || last.lists.has(now)) return null
      for (let j = 0; j < now.length; j++) {
        const a = was[j]!
        const b = now[j]!
        if (a === b) continue
        if (a.key !== b.key || a.name !== b.name || a.id !== b.id) return null
        if (sameField ? sameField(a) !== sameField(b) : keyOf(a) !== keyOf(b)) return null
      }
      pairs.push([was, now])
    }
    const at = (last.at ??= placesOf(last.sorted))
    const result = last.result.slice()
    for (const [was, now] of pairs) {
      const places = at.get(was)!
      for (let j = 0; j < now.length; j++) {
        const d = last.sorted[places[j]!]!
        d.list = now
        if (d.t === now[j]) continue
        d.t = now[j]!
        result[places[j]!] = d.t
      }
      at.delete(was)
      at.set(now, places)
    }
    this.last = { ...last, lists: new Set(lists), order: lists, result, at }
    return result
  }
}

function placesOf<T extends QueryToken>(sorted: readonly Keyed<T>[]): Map<readonly T[], Int32Array> {
  const at = new Map<readonly T[], Int32Array>()
  sorted.forEach((d, place) => {
    let places = at.get(d.list!)
    if (!places) at.set(d.list!, (places = new Int32Array(d.list!.length)))
    places[d.index!] = place
  })
  return at
}

function merge<T>(a: T[], b: T[], compare: (x: T, y: T) => number): T[] {
  if (!b.length) return a
  if (!a.length) return b
  const out: T[] = new Array(a.length + b.length)
  let i = 0
  let j = 0
  let n = 0
  while (i < a.length && j < b.length) out[n++] = compare(b[j]!, a[i]!) < 0 ? b[j++]! : a[i++]!
  while (i < a.length) out[n++] = a[i++]!
  while (j < b.length) out[n++] = b[j++]!
  return out
}

/**
 * `sortTokens(tokens, sort, connections).slice(0, limit)` without sorting them all: one pass that
 * keeps the best `limit` so far, so the window's first screen of 50,000 tokens costs about one
 * comparison a token instead of a full sort's sixteen (the start-up's first rows wait for it).
 */
export function firstSorted<T extends QueryToken>(tokens: readonly T[], sort: TokenSort, connections: ReadonlyMap<string, ConnectionLabel>, limit: number, findingsOf?: FindingsOf): T[] {
  const { keyOf, compare } = tokenOrder<T>(sort, connections, findingsOf)
  const best: Keyed<T>[] = []
  if (limit <= 0) return []
  for (const t of tokens) {
    const d = { t, k: keyOf(t) }
    // Equal to the last kept: after it, as the (stable) full sort would put it.
    if (best.length === limit && compare(d, best[limit - 1]!) >= 0) continue
    let lo = 0
    let hi = best.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (compare(best[mid]!, d) <= 0) lo = mid + 1
      else hi = mid
    }
    best.splice(lo, 0, d)
    if (best.length > limit) best.pop()
  }
  return best.map((d) => d.t)
}

/** The bit of a character in a haystack's mask (a–z, 0–9 and a few separators), or -1 for any other. */
function charBit(code: number): number {
  if (code >= 97 && code <= 122) return code - 97 // a–z: 0–25
  if (code >= 48 && code <= 57) return code - 22 // 0–9: 26–35
  switch (code) {
    case 32: return 36 // space
    case 45: return 37 // -
    case 95: return 38 // _
    case 46: return 39 // .
    case 64: return 40 // @
    case 47: return 41 // /
    default: return -1
  }
}

/** The characters a string holds, as bits over two words (those charBit knows). */
function charMask(text: string): [number, number] {
  let lo = 0
  let hi = 0
  for (let i = 0; i < text.length; i++) {
    const bit = charBit(text.charCodeAt(i))
    if (bit < 0) continue
    if (bit < 32) lo |= 1 << bit
    else hi |= 1 << (bit - 32)
  }
  return [lo, hi] // signed words, as the Int32Array keeps them (bit 31 makes lo negative)
}

/**
 * Filtering in two stages for typing speed: everything but the search text (cached while only the
 * text changes), then the text over haystacks aligned with those rows. Typing forward narrows the
 * previous result instead of scanning all rows again. Each haystack's characters are kept as a
 * bit mask: a row lacking one of the search's characters is passed over without a string search,
 * and a search of one such character (the first keystroke) needs none at all.
 */
export class TokenFilterer<T extends QueryToken = QueryToken> {
  private baseKey = ''
  private base: T[] = []
  /** Per row of the base, its search text: made on the first search over this base (not on every refresh step). */
  private haystacks: string[] | null = null
  private textOf: (t: QueryToken) => string = searchText
  /** Per haystack: charMask's two words, built on the first search over this base. */
  private masks: Int32Array | null = null
  private last: { text: string; indexes: Int32Array } | null = null
  private version: unknown = null

  run(sorted: readonly T[], filter: TokenFilter, ctx: { now: number; textOf?: (t: QueryToken) => string; connections: ReadonlyMap<string, ConnectionLabel>; findingsOf?: FindingsOf }, sortedVersion: unknown): T[] {
    const key = JSON.stringify({ ...filter, text: '' })
    if (key !== this.baseKey || sortedVersion !== this.version) {
      this.baseKey = key
      this.version = sortedVersion
      const nonText = { ...filter, text: '' }
      const noFilter = JSON.stringify({ ...nonText, findings: nonText.findings ?? null }) === JSON.stringify({ ...EMPTY_FILTER, expiryDays: filter.expiryDays, unusedDays: filter.unusedDays })
      this.base = noFilter ? (sorted as T[]) : filterTokens(sorted, nonText, ctx)
      this.haystacks = null
      this.textOf = ctx.textOf ?? searchText
      this.masks = null
      this.last = null
    }
    const text = filter.text.trim().toLowerCase()
    if (!text) {
      this.last = null
      return this.base
    }
    const haystacks = (this.haystacks ??= this.base.map(this.textOf))
    const masks = (this.masks ??= this.buildMasks(haystacks))
    const [lo, hi] = charMask(text)
    // One known character: its bit says it all.
    const exact = text.length === 1 && charBit(text.charCodeAt(0)) >= 0
    // Typing forward: only the previous matches can still match.
    const from = this.last && text.startsWith(this.last.text) ? this.last.indexes : null
    const count = from ? from.length : haystacks.length
    // Matches go to a typed array, then once into the rows: pushing tens of thousands of matches
    // onto growing arrays cost more than the search itself (a first keystroke matches most rows).
    const found = new Int32Array(count)
    let n = 0
    for (let k = 0; k < count; k++) {
      const i = from ? from[k]! : k
      if ((masks[2 * i]! & lo) !== lo || (masks[2 * i + 1]! & hi) !== hi) continue
      if (exact || haystacks[i]!.includes(text)) found[n++] = i
    }
    const indexes = found.subarray(0, n)
    this.last = { text, indexes }
    const rows = new Array<T>(n)
    for (let j = 0; j < n; j++) rows[j] = this.base[indexes[j]!]!
    return rows
  }

  private buildMasks(haystacks: string[]): Int32Array {
    const masks = new Int32Array(haystacks.length * 2)
    for (let i = 0; i < haystacks.length; i++) {
      const [lo, hi] = charMask(haystacks[i]!)
      masks[i * 2] = lo
      masks[i * 2 + 1] = hi
    }
    return masks
  }
}
