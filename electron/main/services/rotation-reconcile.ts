/**
 * A create whose outcome is not known — a timeout, a connection that broke off, a 5xx, an answer
 * that could not be read — may have made the successor anyway. Which failures are known to have
 * made nothing, which tokens at the vendor may be the one it made, and how to tell the user what
 * to look for. Pure: Rotations refreshes the connection and acts on the answer.
 */
import type { ErrorKind } from '../../common/errors'
import type { Token } from '../../common/tokens'
import { valueFrom, type VendorDescriptor } from '../../common/vendors/descriptor'
import { AppError } from '../app-error'

/**
 * Failures that made nothing: the vendor refused the request (400/422, 401, 403, 404, 409, 429),
 * or it never left this computer (no credential in the keychain, offline, the TLS handshake, the
 * app locked). Anything else — a timeout, a reset, a 5xx, an unreadable answer, a cancel, an
 * error inside Tokendesk — may have reached the vendor after it made the token.
 */
const NOTHING_MADE: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'validation', 'conflict', 'not_found', 'auth', 'permission', 'rate_limited', 'offline', 'tls', 'keychain_unavailable', 'locked',
])

export function nothingMade(error: unknown): boolean {
  return error instanceof AppError && NOTHING_MADE.has(error.kind)
}

/** How far the vendor's clock may be behind ours when it stamps a new token's creation. */
export const CLOCK_SLACK_MS = 5 * 60_000
/**
 * How far a vendor may move an expiry it was sent (to whole seconds, say). Kept tight: for a
 * vendor without names the expiry is what tells tokens apart, and a token wrongly taken for the
 * successor may be deleted.
 */
const EXPIRY_SLACK_MS = 60_000

const plain = (v: unknown): string => (Array.isArray(v) ? [...v].map(String).sort().join('\n') : v === null || v === undefined ? '' : String(v).trim())

function sameExpiry(want: unknown, have: string | null): boolean {
  if (typeof want !== 'string' || have === null) return (typeof want !== 'string') === (have === null)
  return Math.abs(Date.parse(want) - Date.parse(have)) <= EXPIRY_SLACK_MS
}

/** Whether a token has the attributes the successor was created with (each create field with a source). */
export function looksLikeSuccessor(vendor: VendorDescriptor, input: Record<string, unknown>, token: Token): boolean {
  return (vendor.create ?? []).every((f) => {
    if (!f.from) return true
    if ('lifetime' in f.from) return sameExpiry(input[f.key], token.expiresAt)
    return plain(input[f.key]) === plain(valueFrom(token, f.from))
  })
}

/**
 * Tokens that may be the successor: made since the rotation started (less the clock's slack; a
 * vendor that gives no creation date cannot rule one out), not the old token, not one known
 * otherwise (held before the create, or part of another rotation), not deleted, with the
 * successor's attributes.
 */
export function successorCandidates(
  vendor: VendorDescriptor,
  input: Record<string, unknown>,
  tokens: readonly Token[],
  known: { startedAt: string; others: ReadonlySet<string>; oldId: string },
): Token[] {
  const since = Date.parse(known.startedAt) - CLOCK_SLACK_MS
  return tokens.filter(
    (t) =>
      t.id !== known.oldId &&
      !known.others.has(t.id) &&
      t.status !== 'deleted' &&
      (t.createdAt === null || Date.parse(t.createdAt) >= since) &&
      looksLikeSuccessor(vendor, input, t),
  )
}

/** "with the name “CI”, the scope account" — what the user can recognise the successor by on the vendor's page. */
export function describeSuccessor(vendor: VendorDescriptor, input: Record<string, unknown>): string {
  const words: string[] = []
  for (const f of vendor.create ?? []) {
    const v = input[f.key]
    if (!f.from || typeof v !== 'string' || !v.trim() || f.kind === 'expiry') continue
    const shown = f.kind === 'choice' ? (f.options.find((o) => o.value === v)?.label ?? v) : v.length > 80 ? `${v.slice(0, 79)}…` : v
    words.push(`the ${f.label.toLowerCase()} “${shown}”`)
  }
  return words.length ? `, with ${words.join(', ')}` : ''
}

/** A moment for a sentence, to the minute: "2025-05-01 09:30 UTC". */
export function atTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`
}
