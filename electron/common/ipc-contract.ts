/**
 * The one IPC contract: for each invoke channel, the zod schema of its argument tuple and the
 * type of its result; for each event channel, its payload type. Main validates every call
 * against `invokeSchemas` before a handler runs; the renderer gets its types from here.
 */
import { z } from 'zod'
import type { LockState } from './app-lock'
import { metaBulkChangeSchema, tokenMetaPatchSchema, type TokenMeta, type TokenRow } from './token-meta'
import type { FindingsSnapshot, PolicySaveResult, PolicyView } from './findings-view'
import type { EventChannel, InvokeChannel } from './ipc-channels'
import type { Finding } from './policy'
import { NOTICE_ACTIONS, type AppInfo, type Connection, type Notice, type Settings } from './model'
import { nameItems } from './plain-issues'
import type { ReviewDiff } from './review-diff'
import type { Rotation } from './rotation'
import type { MetaChanges } from './meta-changes'
import type { ActivityEntry, BulkLabelReply, BulkResult, CopyResult, CreatedToken, InventoryStatus, RefreshProgress, SecretAvailability, Token } from './tokens'
import {
  connectionIdSchema,
  connectionPatchSchema,
  createTokenSchema,
  credentialSchema,
  newConnectionSchema,
  settingsPatchSchema,
  tokenActionSchema,
  tokenIdSchema,
  tokenFilterSchema,
  tokenSecretSchema,
  tokenSortSchema,
  updateTokenSchema,
  tokenSelectionSchema,
} from './validation'

/** Phantom marker carrying a channel's result type. */
interface Returns<T> {
  readonly __result?: T
}
const returns = <T>(): Returns<T> => ({})

interface ChannelSpec {
  args: z.ZodTuple
  result: Returns<unknown>
}

export const invokeContract = {
  'app:info': { args: z.tuple([]), result: returns<AppInfo>() },
  'app:notices': { args: z.tuple([]), result: returns<Notice[]>() },
  /** Runs what a notice offers (re-attach or delete orphaned credentials); the outcome, said as a notice. */
  'app:noticeAction': { args: z.tuple([z.enum(NOTICE_ACTIONS)]), result: returns<Notice>() },
  /** Opens an https vendor portal page from the allowlist in the system browser. */
  'app:openExternal': { args: z.tuple([z.string().url().max(2000)]), result: returns<void>() },
  'connections:list': { args: z.tuple([]), result: returns<Connection[]>() },
  /**
   * The boolean: test first (the vendor's smallest authenticated call). When the vendor refuses, the
   * error is its answer and nothing is saved; false saves without asking ("Save anyway").
   */
  'connections:add': { args: z.tuple([newConnectionSchema, z.boolean()]), result: returns<Connection>() },
  'connections:update': {
    args: z.tuple([connectionIdSchema, connectionPatchSchema, z.boolean()]),
    result: returns<Connection>(),
  },
  'connections:remove': { args: z.tuple([connectionIdSchema]), result: returns<void>() },
  'connections:setCredential': {
    args: z.tuple([connectionIdSchema, credentialSchema, z.boolean()]),
    result: returns<Connection>(),
  },
  'connections:test': { args: z.tuple([connectionIdSchema]), result: returns<void>() },
  'inventory:status': { args: z.tuple([]), result: returns<InventoryStatus[]>() },
  /** One connection, or all when the id is null. Resolves when the refresh ends, either way. */
  'inventory:refresh': { args: z.tuple([connectionIdSchema.nullable()]), result: returns<InventoryStatus[]>() },
  /** Table rows: tokens without their vendor block (see toListToken), with the user's owner, tags, notes and display name; one connection or all. */
  'tokens:list': { args: z.tuple([connectionIdSchema.nullable()]), result: returns<TokenRow[]>() },
  /**
   * The first rows of a view (filtered and sorted by main with the same code as the window), so the
   * table can paint before the whole inventory has arrived; `total` is the number of matches.
   */
  'tokens:window': {
    args: z.tuple([tokenFilterSchema, tokenSortSchema, z.number().int().min(1).max(1000)]),
    result: returns<{ rows: TokenRow[]; total: number }>(),
  },
  /** One token in full, from the inventory (no vendor call). */
  'tokens:get': { args: z.tuple([connectionIdSchema, tokenIdSchema]), result: returns<Token>() },
  /** The entries of the vendor's list a create or edit form chooses from (its descriptor's `choicesFrom`), seen on a connection's tokens. */
  'tokens:modules': { args: z.tuple([connectionIdSchema]), result: returns<Array<{ id: string; name: string }>>() },
  'tokens:create': {
    args: z.tuple([connectionIdSchema, createTokenSchema, z.boolean()]),
    result: returns<CreatedToken<TokenRow> & { saved: boolean }>(),
  },
  'tokens:update': { args: z.tuple([connectionIdSchema, tokenIdSchema, updateTokenSchema]), result: returns<TokenRow>() },
  /** A state change (→ the token as the vendor now has it) or delete (→ null). */
  'tokens:action': { args: z.tuple([connectionIdSchema, tokenIdSchema, tokenActionSchema]), result: returns<TokenRow | null>() },
  'tokens:bulk': {
    args: z.tuple([connectionIdSchema, tokenActionSchema, z.array(tokenIdSchema).min(1).max(1000)]),
    result: returns<BulkResult[]>(),
  },
  'tokens:activity': { args: z.tuple([connectionIdSchema, tokenIdSchema]), result: returns<ActivityEntry[]>() },
  /** Every rotation, open ones and the record of closed ones (no secret in them). */
  'rotation:list': { args: z.tuple([]), result: returns<Rotation[]>() },
  /**
   * Replace a token: its successor's secret is saved to the keychain, or (false) held in main for
   * the one-time Copy / Show of the successor (`secret:copy`, `secret:reveal`); never returned here.
   * `allowInactive`: the user confirmed that a disabled or suspended token gets an active successor
   * (without it such a token is refused: a `conflict` whose `fields.allowInactive` says why).
   */
  'rotation:start': {
    args: z.tuple([
      connectionIdSchema,
      tokenIdSchema,
      z.object({ saveToKeychain: z.boolean(), overlapUntil: z.iso.datetime().nullable(), allowInactive: z.boolean().optional() }).strict(),
    ]),
    result: returns<Rotation>(),
  },
  /** Retire the old token (overlap → retired), or delete it (retired → finished). */
  'rotation:advance': { args: z.tuple([z.string().uuid()]), result: returns<Rotation>() },
  /** Remove the successor during the overlap; the old token stays. */
  'rotation:undo': { args: z.tuple([z.string().uuid()]), result: returns<Rotation>() },
  /** Replace several tokens of one connection; the new secrets go to the keychain only. A result per token. */
  'rotation:bulk': { args: z.tuple([connectionIdSchema, z.array(tokenIdSchema).min(1).max(1000)]), result: returns<BulkResult[]>() },
  'secret:availability': { args: z.tuple([connectionIdSchema, tokenIdSchema]), result: returns<SecretAvailability>() },
  /** The only channel that returns a token secret, on an explicit "Show". Never a credential. */
  'secret:reveal': { args: z.tuple([connectionIdSchema, tokenIdSchema]), result: returns<string>() },
  /** Copies in main; the secret does not come back. */
  'secret:copy': { args: z.tuple([connectionIdSchema, tokenIdSchema]), result: returns<CopyResult>() },
  'secret:attach': { args: z.tuple([connectionIdSchema, tokenIdSchema, tokenSecretSchema]), result: returns<SecretAvailability>() },
  /** Export the view the filter and sort describe; main asks where to save. Null if cancelled. */
  'export:save': {
    args: z.tuple([z.enum(['csv', 'json']), tokenFilterSchema, tokenSortSchema]),
    result: returns<{ path: string; count: number } | null>(),
  },
  'review:mark': { args: z.tuple([]), result: returns<{ reviewedAt: string }>() },
  'review:diff': { args: z.tuple([]), result: returns<ReviewDiff | null>() },
  /** Start the embedded sandbox and add the three demo connections (idempotent). */
  'demo:start': { args: z.tuple([]), result: returns<Connection[]>() },
  'demo:remove': { args: z.tuple([]), result: returns<void>() },
  'settings:get': { args: z.tuple([]), result: returns<Settings>() },
  'settings:update': { args: z.tuple([settingsPatchSchema]), result: returns<Settings>() },
  'lock:state': { args: z.tuple([]), result: returns<LockState>() },
  /** Lock now (the sidebar button, Ctrl/Cmd+L). */
  'lock:lock': { args: z.tuple([]), result: returns<LockState>() },
  /** Unlock: main asks the operating system's own check where there is one (Touch ID). */
  'lock:unlock': { args: z.tuple([]), result: returns<LockState>() },
  /**
   * The unlock action for one secret when the "unlock before every reveal" setting is on (Touch ID
   * where main offers it): the next Show or Copy of this token's secret, within a minute, is allowed.
   */
  'lock:confirmReveal': { args: z.tuple([connectionIdSchema, tokenIdSchema]), result: returns<void>() },
  /** The user's owners, notes, tags and display names, by token key (connection id / token id). */
  'meta:all': { args: z.tuple([]), result: returns<Record<string, TokenMeta>>() },
  /** One change to one or more tokens of a connection (the details panel, a bulk edit). */
  'meta:update': {
    args: z.tuple([connectionIdSchema, z.array(tokenIdSchema).min(1).max(1000), tokenMetaPatchSchema]),
    result: returns<void>(),
  },
  'meta:addTags': {
    args: z.tuple([connectionIdSchema, z.array(tokenIdSchema).min(1).max(1000), z.array(nameItems(z.string().max(200), 'tag', 'tags')).min(1).max(20)]),
    result: returns<void>(),
  },
  /**
   * Set the owner / add tags / remove tags on a selection (across connections), in one locked
   * write; the tokens not changed, each with why (one gone from the inventory, or one that would
   * pass 20 tags, fails alone): every other token asked for changed.
   * The selection travels per connection (`TokenSelection`); its cap (MAX_BULK_TOKENS) is past
   * the inventories the app is measured with (200,000): at 50,000, "select all" of an inventory
   * of 50,008 was refused.
   */
  'meta:bulk': {
    args: z.tuple([tokenSelectionSchema, metaBulkChangeSchema]),
    result: returns<BulkLabelReply>(),
  },
  /** The policy file for the Settings editor: its text, the policy or its problem lines, and `basedOn` for the save. */
  'policy:get': { args: z.tuple([]), result: returns<PolicyView>() },
  /**
   * Write policy.json (the text as typed, or a policy object), validated, under the data folder's
   * lock. `basedOn`: the view's `basedOn`; a file changed since is a `conflict` and nothing is written.
   */
  'policy:save': {
    args: z.tuple([z.union([z.string().max(1_000_000), z.record(z.string(), z.unknown())]), z.string().max(1_000_000).nullable()]),
    result: returns<PolicySaveResult>(),
  },
  /** No policy any more (policy.json removed). `basedOn` as for a save: a file changed since is a `conflict`, and stays. */
  'policy:remove': { args: z.tuple([z.string().max(1_000_000).nullable()]), result: returns<PolicyView>() },
  /** Every flagged token's key and findings mask side by side, and the compliance summary (findings-view.ts). */
  'findings:all': { args: z.tuple([]), result: returns<FindingsSnapshot>() },
  /** One token's findings in words: each rule's detail and its fix. */
  'findings:token': { args: z.tuple([connectionIdSchema, tokenIdSchema]), result: returns<Finding[]>() },
} satisfies { [C in InvokeChannel]: ChannelSpec }

type Contract = typeof invokeContract

/** What the caller passes (before zod's defaults and transforms). */
export type InvokeArgs<C extends InvokeChannel> = z.input<Contract[C]['args']>
/** What a handler receives (after validation). */
export type HandlerArgs<C extends InvokeChannel> = z.output<Contract[C]['args']>
export type InvokeResult<C extends InvokeChannel> =
  Contract[C]['result'] extends Returns<infer R> ? R : never

export interface EventPayloads {
  'connections:changed': Connection[]
  'settings:changed': Settings
  'app:notice': Notice
  'inventory:progress': RefreshProgress
  'inventory:status': InventoryStatus
  /** A removed connection (here or by another process): its tokens and status are gone. */
  'inventory:forgotten': { connectionId: string }
  'clipboard:cleared': { reason: 'timeout' | 'quit' | 'replaced' | 'lock' }
  /** Main asks the window to show a route (a notification was clicked). */
  'app:navigate': string
  'lock:changed': LockState
  /** Metadata changed: each changed token's entry now (none: -1), packed (meta-changes.ts). */
  'meta:changed': MetaChanges
  /** Rotations that changed (started, moved on, retired by the overlap's end, changed by a CLI), as they now are. */
  'rotation:changed': Rotation[]
  /** The policy file changed (saved here, or by another process or an editor). */
  'policy:changed': PolicyView
  /** The findings changed (the inventory, the policy, owners, clients or the clock): the whole compact payload again. */
  'findings:changed': FindingsSnapshot
}
// Compile-time check that every event channel has a payload type and no more.
type _EventsComplete = [EventChannel] extends [keyof EventPayloads]
  ? [keyof EventPayloads] extends [EventChannel]
    ? true
    : never
  : never
export const eventsComplete: _EventsComplete = true

export type { InvokeChannel, EventChannel }
