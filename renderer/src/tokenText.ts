/**
 * How a token is named to a person, in one place for every confirmation, toast and note: its
 * vendor name; else the display name the user gave it (shown in italics, as the grid shows it,
 * since it is the user's, not the vendor's), with its id; else "Unnamed" and its id.
 */
import { hasName, type QueryToken } from '@common/token-query'
import { isolate } from '@common/visible-text'
import type { Run } from '@/composables/useSafeConfirm'

export const UNNAMED = 'Unnamed'

/** What a name needs of a token: the grid's rows and the details carry the user's display name. */
export type NamedToken = Pick<QueryToken, 'name' | 'id'> & { displayName?: string | null }

/** The user's name for a token the vendor leaves unnamed, if any. */
export function localName(t: NamedToken): string | null {
  return hasName(t) ? null : t.displayName?.trim() ? t.displayName : null
}

/** The name alone: the vendor's, the user's, or "Unnamed" (where the id is shown beside it). */
export function displayName(t: NamedToken): string {
  return hasName(t) ? t.name! : localName(t) ?? UNNAMED
}

/** The token in a confirmation's sentence, as untrusted runs: “name”, “display name” (italic) and its id, or Unnamed and its id. */
export function tokenRuns(t: NamedToken): Run[] {
  if (hasName(t)) return ['“', { value: t.name! }, '”']
  const local = localName(t)
  return local ? ['“', { value: local, local: true }, '” (', { value: t.id }, ')'] : [`${UNNAMED} `, { value: t.id }]
}

/**
 * For plain-text places (a toast, a tooltip): the name with its hidden characters shown and
 * bidi-isolated — “name”, “display name” (id), or "Unnamed <id>".
 */
export function plainTokenName(t: NamedToken): string {
  if (hasName(t)) return `“${isolate(t.name!)}”`
  const local = localName(t)
  return local ? `“${isolate(local)}” (${isolate(t.id)})` : `${UNNAMED} ${isolate(t.id)}`
}

/**
 * The old token of a replacement in its confirmations: the name it had when the replacement began
 * (kept on the rotation: the vendor's list may no longer have it), else the user's display name.
 */
export function replacedTokenRuns(rotation: { oldId: string; oldName: string | null } | null, token: NamedToken): Run[] {
  return tokenRuns({ name: rotation ? rotation.oldName : token.name, id: rotation?.oldId ?? token.id, displayName: token.displayName })
}
