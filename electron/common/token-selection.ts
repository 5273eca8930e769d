/**
 * A selection of tokens across connections as it travels over IPC: per connection its token ids
 * (validated by `tokenSelectionSchema`), not a key per token with the connection id repeated.
 */
import { tokenKey } from './tokens'

export type TokenSelection = Array<{ connectionId: string; tokenIds: string[] }>

/** The selection of these tokens (each once), a connection's in the order given. */
export function selectionOf(tokens: Iterable<{ connectionId: string; id: string }>): TokenSelection {
  const groups = new Map<string, Set<string>>()
  for (const t of tokens) {
    const ids = groups.get(t.connectionId)
    if (ids) ids.add(t.id)
    else groups.set(t.connectionId, new Set([t.id]))
  }
  return [...groups].map(([connectionId, ids]) => ({ connectionId, tokenIds: [...ids] }))
}

/** The token keys (`<connection id>/<token id>`) of a selection. */
export function keysOf(selection: TokenSelection): string[] {
  return selection.flatMap(({ connectionId, tokenIds }) => tokenIds.map((id) => tokenKey(connectionId, id)))
}
