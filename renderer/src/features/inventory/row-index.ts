/**
 * The inventory's rows by token key, over its lists: each list's own index is made once and kept
 * while the list is the same array (lists are replaced, never changed in place), so a change of
 * one connection re-indexes its rows, not 50,000.
 */
import type { Token } from '@common/tokens'

export interface RowLookup<T> {
  get(key: string): T | undefined
  has(key: string): boolean
  readonly size: number
  /** The rows of these keys that are in the inventory, a connection's at a time (in the lists' order). */
  rowsOf?(keys: ReadonlySet<string>): T[]
}

/**
 * The connections that have a row among these keys, found by the keys' connection part: one
 * lookup per connection, not a row per key (the bulk bar asks after every slice of a bulk change
 * of 50,000 checked rows).
 */
export function connectionIdsOf(keys: ReadonlySet<string>, rows: Pick<RowLookup<unknown>, 'has'>): string[] {
  return [...keysByConnection(keys)].filter(([, group]) => group.some((key) => rows.has(key))).map(([connectionId]) => connectionId)
}

const indexes = new WeakMap<readonly Token[], Map<string, Token>>()
/** Keys by connection, per set of keys (a selection is replaced, never changed in place). */
const grouped = new WeakMap<ReadonlySet<string>, Map<string, string[]>>()
/** Per list, the rows of the last set of keys asked for. */
const picked = new WeakMap<readonly Token[], { keys: ReadonlySet<string>; rows: Token[] }>()

function keysByConnection(keys: ReadonlySet<string>): Map<string, string[]> {
  let groups = grouped.get(keys)
  if (!groups) {
    groups = new Map()
    for (const key of keys) {
      const connectionId = key.slice(0, key.indexOf('/'))
      const group = groups.get(connectionId)
      if (group) group.push(key)
      else groups.set(connectionId, [key])
    }
    grouped.set(keys, groups)
  }
  return groups
}

function indexOf<T extends Token>(list: readonly T[]): Map<string, T> {
  let index = indexes.get(list) as Map<string, T> | undefined
  if (!index) indexes.set(list, (index = new Map(list.map((t) => [t.key, t]))))
  return index
}

export function rowIndex<T extends Token>(lists: ReadonlyArray<readonly T[]>): RowLookup<T> {
  const byList = lists.map(indexOf)
  const size = byList.reduce((n, m) => n + m.size, 0)
  // A token key is `<connectionId>/<tokenId>`: its list is the one whose first row has that connection.
  const byConnection = new Map<string, Map<string, T>>()
  lists.forEach((list, i) => list[0] && byConnection.set(list[0].connectionId, byList[i]!))
  const find = (key: string): Map<string, T> | undefined => byConnection.get(key.slice(0, key.indexOf('/')))
  // A bulk change of 50,000 checked rows replaces the lists a slice at a time: the rows of a list
  // that is the same array are the ones found last time.
  const rowsOf = (keys: ReadonlySet<string>): T[] => {
    const groups = keysByConnection(keys)
    const out: T[] = []
    lists.forEach((list, i) => {
      const wanted = list[0] && groups.get(list[0].connectionId)
      if (!wanted) return
      let hit = picked.get(list) as { keys: ReadonlySet<string>; rows: T[] } | undefined
      if (hit?.keys !== keys) {
        const index = byList[i]!
        hit = { keys, rows: wanted.map((k) => index.get(k)).filter((t): t is T => !!t) }
        picked.set(list, hit)
      }
      for (const t of hit.rows) out.push(t)
    })
    return out
  }
  return { get: (key) => find(key)?.get(key), has: (key) => find(key)?.has(key) ?? false, size, rowsOf }
}
