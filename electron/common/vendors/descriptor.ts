/**
 * What Tokendesk knows about one vendor, as data: its names, how to connect, what its token API
 * allows and in which states, the fields of its create and edit forms with their validation, what
 * the details panel shows, its portal. One descriptor per vendor (beside this file); main enforces
 * its rules (TokenActions), the renderer renders forms and details from it and only reflects them.
 */
import { z } from 'zod'
import { CAPABILITIES, TOKEN_STATUSES, type Capability, type CapabilityTable, type StateAction, type Token, type TokenStatus } from '../tokens'

/** Actions on one token: a state change or delete. */
export type VendorAction = StateAction | 'delete'

/** The order actions are offered in (the details' buttons, the bulk bar). */
export const VENDOR_ACTIONS: readonly VendorAction[] = ['enable', 'disable', 'suspend', 'activate', 'revoke', 'delete']

/** Every state but deleted: what a delete may start from. */
export const NOT_DELETED: readonly TokenStatus[] = TOKEN_STATUSES.filter((s) => s !== 'deleted')

export interface ActionRule {
  /** The states a token may be in for this action; main refuses it in any other. */
  from: readonly TokenStatus[]
  /** The state the action leaves the token in: a token already there is not sent again (bulk). */
  to?: TokenStatus
  /**
   * An action the vendor wants done first (a delete that needs the token revoked): a token not yet
   * in that action's `to` state is refused by the single action, and taken through it first by the
   * planned one (`planFor`).
   */
  first?: VendorAction
  /** A sentence the confirmation adds (what this vendor does that others do not). */
  note?: string
}

/** Where a form field's value comes from when a form starts from an existing token (edit, rotation). */
export type TokenSource =
  | { token: 'name' | 'description' | 'expiresAt' }
  | { vendor: string }
  /** The ids of a list in the vendor block (e.g. `modules`). */
  | { vendorList: string }
  /**
   * A successor's expiry: the token's own lifetime (created → expires) counted from now; never
   * when it never expired. Only a rotation fills it (an edit keeps the token's own dates).
   */
  | { lifetime: true }

interface FieldBase<K extends string = string, S extends z.ZodType = z.ZodType> {
  /** The key in the create / edit input (and in main's field errors). */
  key: K
  label: string
  /** Muted words after the label, e.g. "(optional)". */
  hint?: string
  /** zod rule for the value: the form checks it, main checks it again. */
  schema: S
  /** Two half fields in a row share the line. */
  half?: boolean
  from?: TokenSource
}

export type FormField<K extends string = string, S extends z.ZodType = z.ZodType> = FieldBase<K, S> &
  (
    | { kind: 'text'; mono?: boolean; /** An empty value is sent as null. */ emptyIsNull?: boolean }
    | { kind: 'textarea'; emptyIsNull?: boolean }
    /** One of a fixed list. */
    | { kind: 'choice'; options: ReadonlyArray<{ value: string; label: string }>; initial: string }
    /** Several of the vendor's list (the options come from `tokens:modules`). */
    | { kind: 'choices'; placeholder?: string }
    /** A date; the token expires at the end of that day; empty means never. */
    | { kind: 'expiry' }
  )

/** What the details panel's second tab shows. */
export type ScopeSection =
  /** A list from the vendor block: `{ id, name }` entries. */
  | { kind: 'list'; intro: string; list: string; empty: string }
  /** Rows of label and value. */
  | { kind: 'fields'; rows: ReadonlyArray<{ label: string; value: { scope: number } | { vendor: string }; mono?: boolean; fallback: string }> }
  | { kind: 'text'; text: string }

/** Badge colours: a tone of the theme (the renderer's `td-tone--*` classes). */
export type VendorTone = 'blue' | 'green' | 'purple' | 'amber' | 'teal' | 'rose'

export interface VendorSpec {
  id: string
  /** The vendor's name as users know it. */
  name: string
  /** Short name for dense places (badges, table cells, filters). */
  shortName: string
  /** Name for choosers, where the full name would wrap. */
  choiceName: string
  tone: VendorTone
  defaultBaseUrl: string
  /** What the user pastes as the credential, in the vendor's words. */
  credentialLabel: string
  credentialHelp: string
  /** Whether the vendor scopes tokens by an account id the user may enter, and its shape. */
  accountId: { required: boolean; hint: string; pattern: RegExp; example: string } | null
  /** The vendor's own page for API tokens (opened in the system browser), and every host a portal link may go to. */
  portalUrl: string
  portalHosts: readonly string[]
  /** Whether the vendor reports a token's last use (if not, "never used" is unknown there). */
  tracksLastUse: boolean
  /** Reads that are not actions. */
  operations: ReadonlyArray<'list' | 'get' | 'create' | 'update' | 'readSecret'>
  /** The actions its API offers, with the states they need. */
  actions: Partial<Record<VendorAction, ActionRule>>
  /** How a token leaves service, least destructive first (for rotation). */
  retire: readonly VendorAction[]
  /** A secret the vendor shows only when the token is created (else it can be read again, or never). */
  secretShownOnce: boolean
  /** The form of a new token, in order. */
  create: readonly FormField[] | null
  /** The form of an edit, in order. */
  edit: readonly FormField[] | null
  /** The vendor block's list whose entries the forms choose from (`tokens:modules`). */
  choicesFrom: string | null
  /** The grid's scope cell: a fixed text for every token, or the count of several in words. */
  scopeCell: { fixed: { label: string; title: string } } | { plural: string }
  /** The details' second tab. */
  scopeTab: { title: string; section: ScopeSection }
  /** The connection "Explore with demo data" adds for this vendor. */
  demo: { label: string; withAccountId: boolean }
}

export type VendorDescriptor<S extends VendorSpec = VendorSpec> = S & {
  /** What its API allows; its adapter implements exactly these (test/unit/main/providers/registry.test.ts). */
  capabilities: CapabilityTable
}

/** A descriptor from its spec: the capability table follows from its operations and actions. */
export function defineVendor<const S extends VendorSpec>(spec: S): VendorDescriptor<S> {
  const allowed = new Set<Capability>([...spec.operations, ...(Object.keys(spec.actions) as Capability[])])
  const capabilities = Object.fromEntries(CAPABILITIES.map((c) => [c, allowed.has(c)])) as CapabilityTable
  return Object.freeze({ ...spec, capabilities })
}

/** The registry's lookups over its descriptors (electron/common/providers.ts). */
export function registryOf<Id extends string>(vendors: readonly VendorDescriptor[]): { PROVIDER_IDS: readonly [Id, ...Id[]]; PROVIDERS: Readonly<Record<Id, VendorDescriptor>> } {
  return {
    PROVIDER_IDS: Object.freeze(vendors.map((v) => v.id)) as unknown as readonly [Id, ...Id[]],
    PROVIDERS: Object.freeze(Object.fromEntries(vendors.map((v) => [v.id, v]))) as Record<Id, VendorDescriptor>,
  }
}

/** Names for a sentence: "A, B or C". */
export function joinNames(names: readonly string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? '')
}

/** The zod object of a form's fields. */
export function fieldsSchema(fields: readonly FormField[]): z.ZodObject<Record<string, z.ZodType>> {
  return z.object(Object.fromEntries(fields.map((f) => [f.key, f.schema]))).strict()
}

type FieldsOutput<F extends readonly FormField[]> = { [E in F[number] as E['key']]: z.output<E['schema']> }

/** The input of a vendor's create form, tagged with its id. */
export type CreateInputOf<D> = D extends { id: infer I; create: infer F extends readonly FormField[] } ? { provider: I } & FieldsOutput<F> : never
/** The input of a vendor's edit form. */
export type EditInputOf<D> = D extends { edit: infer F extends readonly FormField[] } ? FieldsOutput<F> : never

/** The entries of a list in a token's vendor block (`{ id, name }`), or none. */
export function vendorList(token: Pick<Token, 'vendor'>, key: string): Array<{ id: string; name: string | null }> {
  const list = token.vendor[key]
  if (!Array.isArray(list)) return []
  return list.flatMap((e) => (e && typeof e === 'object' && !Array.isArray(e) && typeof e.id === 'string' ? [{ id: e.id, name: typeof e.name === 'string' ? e.name : null }] : []))
}

/**
 * A form field's starting value from a token (edit, rotation); undefined when it has no source.
 * `now` is given by a rotation, which alone fills `lifetime` sources.
 */
export function valueFrom(token: Pick<Token, 'name' | 'description' | 'expiresAt' | 'vendor'> & Partial<Pick<Token, 'createdAt'>>, source: TokenSource | undefined, now?: Date): string | string[] | null | undefined {
  if (!source) return undefined
  if ('lifetime' in source) return now ? sameLifetime(token, now) : undefined
  if ('token' in source) return token[source.token]
  if ('vendorList' in source) return vendorList(token, source.vendorList).map((e) => e.id)
  const value = token.vendor[source.vendor]
  return typeof value === 'string' ? value : null
}

/**
 * The token's lifetime counted from `now`: null when it never expires; undefined when the lifetime
 * cannot be known (no creation date), so the caller must ask for an expiry rather than guess.
 */
export function sameLifetime(token: Pick<Token, 'expiresAt'> & Partial<Pick<Token, 'createdAt'>>, now: Date): string | null | undefined {
  if (token.expiresAt === null) return null
  const lifetime = token.createdAt ? Date.parse(token.expiresAt) - Date.parse(token.createdAt) : Number.NaN
  return Number.isFinite(lifetime) && lifetime > 0 ? new Date(now.getTime() + lifetime).toISOString() : undefined
}

/** Whether the vendor allows this action on a token in this state. */
export function allows(vendor: VendorDescriptor, action: VendorAction, status: TokenStatus): boolean {
  return !!vendor.actions[action]?.from.includes(status)
}

/**
 * The calls an action takes for a token in this state: the action a vendor wants done first (when
 * the token is not yet where it leaves it), then the action itself.
 */
export function planFor(vendor: VendorDescriptor, action: VendorAction, status: TokenStatus): VendorAction[] {
  const first = vendor.actions[action]?.first
  const firstTo = first ? vendor.actions[first]?.to : undefined
  return first && firstTo && status !== firstTo ? [first, action] : [action]
}
