/**
 * Local metadata a user keeps on a token — owner, notes, tags, a display name for tokens the
 * vendor leaves unnamed — with the rules the details panel, bulk edits, the CLI and CSV import
 * share. Metadata never holds a secret: a value that looks like a credential is refused.
 */
import { z } from 'zod'
import { toListToken, type Token } from './tokens'

export interface TokenMeta {
  /** A person or team. */
  owner: string | null
  notes: string | null
  tags: string[]
  /** Shown instead of "Unnamed" for tokens the vendor gives no name. */
  displayName: string | null
  /** ISO-8601 UTC of the last change. */
  updatedAt: string
}

export const EMPTY_META: Omit<TokenMeta, 'updatedAt'> = { owner: null, notes: null, tags: [], displayName: null }

export const META_LIMITS = { owner: 80, notes: 2000, tag: 40, tags: 20, displayName: 120 } as const

/** Prefixes of well-known credentials (these vendors' and common others'). */
const CREDENTIAL_PREFIX = /^(idt:|fynn_|pf_|ghp_|gho_|ghs_|github_pat_|glpat-|sk-|sk_live_|rk_live_|xox[abprs]-|AKIA|ASIA|AIza|eyJ[A-Za-z0-9_-]{8,}\.)/
const WORD = /[A-Za-z0-9_\-:.+/=]{16,}/g

/** Bits per character of a string's own character distribution. */
function entropy(text: string): number {
  const counts = new Map<string, number>()
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  let bits = 0
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length)
  return bits
}

/**
 * True when some word of `text` looks like a credential: a known prefix, or a long run of mixed
 * letters and digits as random as a generated key. URLs and e-mail addresses are not.
 */
export function looksLikeSecret(text: string): boolean {
  for (const [word] of text.matchAll(WORD)) {
    if (/^https?:\/\//i.test(word) || word.includes('@')) continue
    if (CREDENTIAL_PREFIX.test(word)) return true
    if (word.length >= 24 && /\d/.test(word) && /[a-z]/.test(word) && /[A-Z]/.test(word) && entropy(word) >= 4) return true
  }
  return false
}

const NOT_A_SECRET = 'That looks like a secret. Secrets belong in the keychain, not here.'
const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep the ${what} under ${max} characters.`)
    .refine((v) => !looksLikeSecret(v), NOT_A_SECRET)
    .transform((v) => (v === '' ? null : v))

const tag = z
  .string()
  .trim()
  .min(1, 'A tag cannot be empty.')
  .max(META_LIMITS.tag, `Keep each tag under ${META_LIMITS.tag} characters.`)
  .refine((v) => !/[\s,]/.test(v), 'A tag has no spaces or commas.')
  .refine((v) => !looksLikeSecret(v), NOT_A_SECRET)

/** A change to a token's metadata: only the fields given change; '' or null clears one. */
export const tokenMetaPatchSchema = z
  .object({
    owner: text(META_LIMITS.owner, 'owner').nullable(),
    notes: text(META_LIMITS.notes, 'notes').nullable(),
    tags: z
      .array(tag)
      .max(META_LIMITS.tags, `At most ${META_LIMITS.tags} tags.`)
      .transform((tags) => [...new Set(tags)]),
    displayName: text(META_LIMITS.displayName, 'display name').nullable(),
  })
  .partial()
  .strict()
export type TokenMetaPatch = z.input<typeof tokenMetaPatchSchema>

/**
 * A bulk edit of a selection (possibly across connections): set (or, with '' / null, clear) the
 * owner, add tags, remove tags. Added tags and the owner pass the same rules as a single edit.
 */
export const metaBulkChangeSchema = z
  .object({
    owner: text(META_LIMITS.owner, 'owner').nullable(),
    addTags: z.array(tag).min(1).max(META_LIMITS.tags, `At most ${META_LIMITS.tags} tags.`),
    removeTags: z.array(z.string().trim().min(1).max(200)).min(1).max(META_LIMITS.tags),
  })
  .partial()
  .strict()
  .refine((c) => c.owner !== undefined || c.addTags !== undefined || c.removeTags !== undefined, 'Choose what to change.')
export type MetaBulkChange = z.input<typeof metaBulkChangeSchema>


/** What a bulk edit does to one entry; a message when this token could not take it. */
export function applyBulkChange(current: TokenMeta | undefined, change: z.output<typeof metaBulkChangeSchema>, updatedAt: string): { next: TokenMeta } | { refused: string } {
  const base: TokenMeta = { ...EMPTY_META, ...current, updatedAt }
  const remove = new Set((change.removeTags ?? []).map((t) => t.toLowerCase()))
  const tags = [...new Set([...base.tags.filter((t) => !remove.has(t.toLowerCase())), ...(change.addTags ?? [])])]
  if (tags.length > META_LIMITS.tags) return { refused: `It would have more than ${META_LIMITS.tags} tags.` }
  return { next: { ...base, ...(change.owner !== undefined ? { owner: change.owner } : {}), tags } }
}

/** True when nothing is kept (the entry can go). */
export function isEmptyMeta(meta: Omit<TokenMeta, 'updatedAt'>): boolean {
  return meta.owner === null && meta.notes === null && meta.tags.length === 0 && meta.displayName === null
}

/** What a table row carries of the user's metadata, next to the vendor's token (null / [] when none). */
export interface TokenLabels {
  owner: string | null
  tags: string[]
  notes: string | null
  displayName: string | null
}

/** A row of the inventory as the window, the export and the CLI see it: the token and its labels. */
export type TokenRow = Token & TokenLabels

export function labelsOf(meta: TokenMeta | null | undefined): TokenLabels {
  return { owner: meta?.owner ?? null, tags: meta ? [...meta.tags] : [], notes: meta?.notes ?? null, displayName: meta?.displayName ?? null }
}

/** The one join of a token with its metadata (main: services/token-queries.ts; the window patches changed rows with it). */
export function toTokenRow(token: Token, meta: TokenMeta | null | undefined): TokenRow {
  return Object.assign(toListToken(token), labelsOf(meta))
}
