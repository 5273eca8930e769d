/**
 * `meta:changed` as it travels to the window: per connection, the token ids and which of the
 * distinct metadata entries each now has. A bulk Set owner on 50,000 tokens gives them all the
 * same entry: sent once, not 50,000 times with a key each (9 MB to copy across, and a labels
 * object made per token on arrival).
 */
import type { TokenMeta } from './token-meta'
import { tokenKey } from './tokens'

export interface MetaChanges {
  /** The distinct entries, each once. */
  metas: TokenMeta[]
  /** Per connection: its token ids, and for each the index of its entry in `metas` (-1: none now). */
  connections: Array<{ connectionId: string; tokenIds: string[]; metas: number[] }>
}

/** Pack changes keyed `<connectionId>/<tokenId>`; entries equal in content are sent once. */
export function packMetaChanges(changes: ReadonlyArray<{ key: string; meta: TokenMeta | null }>): MetaChanges {
  const metas: TokenMeta[] = []
  const byObject = new Map<TokenMeta, number>()
  const byContent = new Map<string, number>()
  const connections = new Map<string, MetaChanges['connections'][number]>()
  for (const { key, meta } of changes) {
    const slash = key.indexOf('/')
    const connectionId = key.slice(0, slash)
    let group = connections.get(connectionId)
    if (!group) connections.set(connectionId, (group = { connectionId, tokenIds: [], metas: [] }))
    let index = -1
    if (meta) {
      index = byObject.get(meta) ?? -1
      if (index < 0) {
        const content = JSON.stringify([meta.owner, meta.notes, meta.tags, meta.displayName, meta.updatedAt])
        index = byContent.get(content) ?? -1
        if (index < 0) {
          index = metas.push(meta) - 1
          byContent.set(content, index)
        }
        byObject.set(meta, index)
      }
    }
    group.tokenIds.push(key.slice(slash + 1))
    group.metas.push(index)
  }
  return { metas, connections: [...connections.values()] }
}

/** Each change: its token key and entry (null: none now), in the order packed. */
export function forEachMetaChange(changes: MetaChanges, visit: (key: string, meta: TokenMeta | null, connectionId: string, tokenId: string) => void): void {
  for (const { connectionId, tokenIds, metas } of changes.connections) {
    for (let i = 0; i < tokenIds.length; i++) visit(tokenKey(connectionId, tokenIds[i]!), changes.metas[metas[i]!] ?? null, connectionId, tokenIds[i]!)
  }
}

export function metaChangeCount(changes: MetaChanges): number {
  return changes.connections.reduce((n, c) => n + c.tokenIds.length, 0)
}

/** The changes in pieces of at most `maxRows` rows, in order (a piece may span connections; each shares `metas`). */
export function sliceMetaChanges(changes: MetaChanges, maxRows: number): MetaChanges[] {
  const pieces: MetaChanges[] = []
  let piece: MetaChanges = { metas: changes.metas, connections: [] }
  let rows = 0
  for (const { connectionId, tokenIds, metas } of changes.connections) {
    for (let from = 0; from < tokenIds.length; ) {
      if (rows === maxRows) {
        pieces.push(piece)
        piece = { metas: changes.metas, connections: [] }
        rows = 0
      }
      const to = Math.min(tokenIds.length, from + maxRows - rows)
      piece.connections.push({ connectionId, tokenIds: tokenIds.slice(from, to), metas: metas.slice(from, to) })
      rows += to - from
      from = to
    }
  }
  if (piece.connections.length) pieces.push(piece)
  return pieces
}
