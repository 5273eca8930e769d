/**
 * Rotation (a guided replace) as data: what a vendor's descriptor says about replacing a token —
 * the successor's attributes, the least destructive way to retire the old one, the final step —
 * and the states a rotation goes through. Main runs it (services/rotations.ts); the window and
 * the CLI show it. No vendor is named here: everything comes from the descriptor.
 */
import { fieldsSchema, valueFrom, type VendorAction, type VendorDescriptor } from './vendors/descriptor'
import type { Token, TokenStatus } from './tokens'

export interface RotationPlan {
  /** The first, reversible retire step (a disable or a suspend); null when the vendor has none. */
  retire: VendorAction | null
  /** The final step (delete, through what the vendor needs first); null when the vendor has none by API. */
  finish: VendorAction | null
  /** The vendor cannot retire a token by API: the user does it on the vendor's page. */
  byHand: boolean
  portalUrl: string
}

/** The plan from the descriptor's `retire` list (least destructive first, final last). */
export function rotationPlan(vendor: VendorDescriptor): RotationPlan {
  const steps = vendor.retire
  return {
    retire: steps.length > 1 ? steps[0]! : null,
    finish: steps.at(-1) ?? null,
    byHand: steps.length === 0,
    portalUrl: vendor.portalUrl,
  }
}

/** States a token can be rotated from: one still in service. */
export const ROTATABLE: readonly TokenStatus[] = ['active', 'disabled', 'suspended', 'unknown']

/**
 * States whose successor is made without asking: any other (a disabled or suspended token) would
 * get an active successor, so the caller must say it wants that (`allowInactive`).
 */
export const ROTATES_AS_IS: readonly TokenStatus[] = ['active', 'unknown']

/** Whether a token in this state could be brought back by the vendor's actions (false: revoked, deleted). */
export function canComeBack(vendor: VendorDescriptor, status: TokenStatus): boolean {
  return Object.entries(vendor.actions).some(([action, rule]) => action !== 'delete' && !!rule?.to && rule.to !== status && rule.from.includes(status))
}

/**
 * The create input of the successor: each create field from the token (name, description,
 * modules, scope, environment; expiry as the same lifetime from `now`), checked with the form's
 * own rules. Fields the token cannot fill (a lifetime with no creation date) are named in `missing`.
 */
export function successorInput(
  vendor: VendorDescriptor,
  token: Pick<Token, 'name' | 'description' | 'expiresAt' | 'createdAt' | 'vendor'>,
  now: Date,
): { input: Record<string, unknown>; missing: string[]; problems: Record<string, string> } {
  const fields = vendor.create ?? []
  const missing: string[] = []
  const values: Record<string, unknown> = {}
  for (const f of fields) {
    const v = valueFrom(token, f.from, now)
    if (v === undefined) {
      if (f.from) missing.push(f.key)
      values[f.key] = f.kind === 'choice' ? f.initial : f.kind === 'choices' ? [] : null
    } else values[f.key] = v
  }
  const checked = fieldsSchema(fields).safeParse(values)
  const problems = checked.success ? {} : Object.fromEntries(checked.error.issues.map((i) => [String(i.path[0] ?? ''), i.message]))
  return { input: { provider: vendor.id, ...(checked.success ? checked.data : values) }, missing, problems }
}

/**
 * created → secret saved (overlap) → retired → finished; or rolled back. `creating` is recorded
 * before the vendor is asked, so a crash during the create is known afterwards.
 */
export const ROTATION_STATES = ['creating', 'created', 'overlap', 'retired', 'finished', 'rolled-back'] as const
export type RotationState = (typeof ROTATION_STATES)[number]

/** A step under way: recorded before the call, cleared after, so a resume knows what may have happened. */
export const ROTATION_STEPS = ['create', 'save', 'switch', 'retire', 'finish', 'rollback'] as const
export type RotationStep = (typeof ROTATION_STEPS)[number]

/** Where the successor's secret went: never a log, a snapshot or the screen unasked. */
export type SecretDestination = 'keychain' | 'handed-over' | 'memory'

/**
 * A new token Tokendesk made (or may have made) that is not in use and was not removed: the user
 * must delete it on the vendor's page. `tokenId` null: whether the vendor made it is not known.
 */
export interface LeftBehind {
  tokenId: string | null
  createdAround: string
}

export interface Rotation {
  id: string
  connectionId: string
  oldId: string
  /** For the user's sentence; vendor text, shown through SafeText / revealHidden. */
  oldName: string | null
  successorId: string | null
  state: RotationState
  step: RotationStep | null
  /** The process running `step` (a resume leaves a live one alone). */
  pid: number | null
  /** The old token is the connection's own credential: the keychain credential is switched first. */
  selfRotation: boolean
  secretTo: SecretDestination | null
  /** When the overlap ends (the old token is retired then); null: when the user confirms. */
  overlapUntil: string | null
  plan: RotationPlan
  startedAt: string
  updatedAt: string
  /** What the user must know or do now, in words (never a secret). */
  note: string | null
  /**
   * Where a handed-over secret went, in words (a file's path, "descriptor 3"; never the secret), so
   * an undo can say what to delete. Absent in records written before it was kept.
   */
  handedOverTo?: string | null
  /** A new token left at the vendor when the rotation stopped (absent in older records: none). */
  leftBehind?: LeftBehind | null
}

export const isOpen = (r: Pick<Rotation, 'state'>): boolean => r.state !== 'finished' && r.state !== 'rolled-back'
