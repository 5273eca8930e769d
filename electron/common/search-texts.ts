/**
 * What the free-text search looks in, per token object. A text is made once per object and only
 * when a search needs it (or ahead of one, in idle time: `warm`): a refresh or a bulk label change
 * replaces tens of thousands of row objects, and making all their texts at once was a long task of
 * its own on the window's thread.
 */
import type { QueryToken } from './token-query'

/** The vendor's name, id, description and creator, and the user's owner, tags, notes and display name, lower-cased. */
export function searchText(t: QueryToken): string {
  const labels = `${t.owner ?? ''}\n${t.tags?.join(' ') ?? ''}\n${t.notes ?? ''}\n${t.displayName ?? ''}`
  return `${t.name ?? ''}\n${t.id}\n${t.description ?? ''}\n${t.createdBy?.name ?? ''}\n${t.createdBy?.id ?? ''}\n${labels}`.toLowerCase()
}

export class SearchTexts {
  /** Keyed by the object: a replaced token's text goes with it (rows are never changed in place). */
  private readonly texts = new WeakMap<QueryToken, string>()

  /** The token's search text, made the first time it is asked for. */
  readonly of = (t: QueryToken): string => {
    let text = this.texts.get(t)
    if (text === undefined) this.texts.set(t, (text = searchText(t)))
    return text
  }

  /**
   * Make the texts of `tokens[from…]` while `more()` says there is time; the index to go on from
   * (`tokens.length` once all are made).
   */
  warm(tokens: readonly QueryToken[], from: number, more: () => boolean): number {
    let i = from
    while (i < tokens.length && more()) {
      // A slice between asks: the clock is not free either.
      for (const end = Math.min(tokens.length, i + 256); i < end; i++) this.of(tokens[i]!)
    }
    return i
  }
}
