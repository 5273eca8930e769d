/** The normalised token and what can be done to it, shared by main, the CLI and the renderer. */
import type { ErrorEnvelope } from './errors'
import type { ProviderId } from './providers'

// 'unknown': the vendor sent a state we do not know; its own word stays in `vendor.status`.
export const TOKEN_STATUSES = ['active', 'disabled', 'suspended', 'revoked', 'deleted', 'unknown'] as const
export type TokenStatus = (typeof TOKEN_STATUSES)[number]

export const CAPABILITIES = [
  'list',
  'get',
  'create',
  'update',
  'enable',
  'disable',
  'suspend',
  'activate',
  'revoke',
  'delete',
  'readSecret',
] as const
export type Capability = (typeof CAPABILITIES)[number]
export type CapabilityTable = Readonly<Record<Capability, boolean>>

/** State changes that take a token id and return the token as the vendor now has it. */
export const STATE_ACTIONS = ['enable', 'disable', 'suspend', 'activate', 'revoke'] as const
export type StateAction = (typeof STATE_ACTIONS)[number]

/** JSON-safe vendor data kept for the Details tab (never a secret). */
export type VendorValue = string | number | boolean | null | VendorValue[] | { [key: string]: VendorValue }

export interface TokenPerson {
  id: string | null
  name: string | null
}

export interface Token {
  /** `<connectionId>/<id>`: unique across the whole inventory. */
  key: string
  connectionId: string
  provider: ProviderId
  id: string
  /**
   * The vendor's own name for the token (its name, or its description where that is all a vendor
   * has); null when the vendor gives none. The window shows such a token as "Unnamed" with its id.
   */
  name: string | null
  description: string | null
  status: TokenStatus
  /** ISO-8601 UTC, or null when the vendor does not say. */
  createdAt: string | null
  createdBy: TokenPerson | null
  updatedAt: string | null
  lastUsedAt: string | null
  expiresAt: string | null
  /** What the token may reach, in the vendor's words (module names, a scope); [] when it does not say. */
  scope: string[]
  /** True for the token the connection itself authenticates with (disabling it locks us out). */
  isOwnCredential: boolean
  /** Non-secret vendor fields, untouched, for the Details tab. */
  vendor: { [key: string]: VendorValue }
}

/**
 * What the inventory table needs of a token: everything but the vendor's own block, of which only
 * the raw status is kept (for "Unknown (…)"). The details panel asks main for the full token.
 */
export function toListToken(t: Token): Token {
  const status = t.vendor.status
  return { ...t, vendor: status === undefined ? {} : { status } }
}

export function tokenKey(connectionId: string, id: string): string {
  return `${connectionId}/${id}`
}

export function isExpired(token: Pick<Token, 'expiresAt'>, now: Date = new Date()): boolean {
  return token.expiresAt !== null && Date.parse(token.expiresAt) < now.getTime()
}

export type { CreateTokenInput, UpdateTokenInput } from './providers'

/** The result of a create: the secret is present once, when the vendor shows it. */
export interface CreatedToken<T extends Token = Token> {
  token: T
  secret: string | null
}

/** Progress of one connection's refresh. */
export interface RefreshProgress {
  connectionId: string
  pagesDone: number
  pagesTotal: number | null
  tokens: number
}

/** One connection's inventory state, without its tokens (those come from `tokens:list`). */
export interface InventoryStatus {
  connectionId: string
  state: 'idle' | 'refreshing' | 'ok' | 'error'
  /** When the tokens now held were fetched (ISO-8601), or null if never. */
  refreshedAt: string | null
  tokenCount: number
  /** Why the last refresh failed; the previous tokens are kept. */
  error: ErrorEnvelope | null
  progress: RefreshProgress | null
}

export const TOKEN_ACTIONS = ['create', 'update', 'delete', 'attach-secret', 'reveal', 'copy', ...STATE_ACTIONS] as const
export type TokenAction = (typeof TOKEN_ACTIONS)[number]

/** One line of a token's Activity tab. */
export interface ActivityEntry {
  at: string
  connectionId: string
  tokenId: string
  action: TokenAction | string
  outcome: 'ok' | 'error'
  detail: string | null
}

/** Where a token's secret can come from, and if nowhere, why (shown in the General tab). */
export interface SecretAvailability {
  available: boolean
  /** `held`: a new token's secret the user did not save, kept in main's memory for a short while. */
  source: 'vendor' | 'keychain' | 'held' | null
  /** A sentence for the user when the secret is not available. */
  reason: string | null
}

/** Per-token outcome of a bulk action. */
export interface BulkResult {
  /** Set where one bulk edit spans connections (owners and tags): token ids are unique only per connection. */
  connectionId?: string
  tokenId: string
  name: string | null
  ok: boolean
  message: string | null
}

/**
 * What a bulk owner / tag edit answers: the tokens it did not change, each with why. Every other
 * token asked for changed; the window knows which it asked for (50,000 lines of "done" were 7 MB
 * to carry across and take in).
 */
export interface BulkLabelReply {
  failed: BulkResult[]
}

export interface CopyResult {
  /** When the clipboard will be cleared (if it still holds the secret then). ISO-8601. */
  clearsAt: string
}
