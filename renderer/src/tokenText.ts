/** How a token is named to a person: its vendor name, or "Unnamed" (the id is always shown beside it). */
import { hasName } from '@common/token-query'
import type { Token } from '@common/tokens'
import { isolate } from '@common/visible-text'

export const UNNAMED = 'Unnamed'

export function displayName(t: Pick<Token, 'name'>): string {
  return hasName(t) ? t.name! : UNNAMED
}

/**
 * For plain-text places (a toast, a tooltip): the name with its hidden characters shown and
 * bidi-isolated, or "Unnamed <id>".
 */
export function plainTokenName(t: Pick<Token, 'name' | 'id'>): string {
  return hasName(t) ? isolate(t.name!) : `${UNNAMED} ${isolate(t.id)}`
}
