/**
 * A selection of tokens across connections as it travels over IPC: per connection its token ids
 * (validated by `tokenSelectionSchema`), not a key per token with the connection id repeated.
 */
import { tokenKey } from './tokens'

export type TokenSelection = Array<{ connectionId: string; tokenIds: string[] }>

/**
 * The selection of these tokens, a connection's in the order given. Not made unique here (main
 * takes each token once): a Set per connection was 50 ms of the click for 50,000 checked rows.
 */
export function selectionOf(tokens: Iterable<{ connectionId: string; id: string }>): TokenSelection {
  const groups = new Map<string, string[]>()
  for (const t of tokens) {
    const ids = groups.get(t.connectionId)
    if (ids) ids.push(t.id)
    else groups.set(t.connectionId, [t.id])
  }
  return [...groups].map(([connectionId, tokenIds]) => ({ connectionId, tokenIds }))
}

/** The token keys (`<connection id>/<token id>`) of a selection. */
export function keysOf(selection: TokenSelection): string[] {
  return selection.flatMap(({ connectionId, tokenIds }) => tokenIds.map((id) => tokenKey(connectionId, id)))
}
