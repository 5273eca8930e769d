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
}

const indexes = new WeakMap<readonly Token[], Map<string, Token>>()

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
  return { get: (key) => find(key)?.get(key), has: (key) => find(key)?.has(key) ?? false, size }
}
