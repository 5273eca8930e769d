/**
 * A finding — a rule a token breaks — and the one-step fix it offers, as data the window and the
 * CLI render. A fix depends only on the rule and the vendor (every judged token is active); each
 * rule makes it once per vendor (rule.ts).
 */
import { allows, type VendorAction, type VendorDescriptor } from '../vendors/descriptor'

export type Severity = 'error' | 'warning'

export const FIX_ACTIONS = ['replace', 'set-owner', 'retire', 'by-hand'] as const
export type FixAction = (typeof FIX_ACTIONS)[number]

export interface Fix {
  /**
   * `replace`: a guided replace (rotation) in Tokendesk; `set-owner`: name an owner (local
   * metadata); `retire`: the vendor action in `vendorAction`; `by-hand`: on the vendor's page, `url`.
   */
  action: FixAction
  /** The button's words: "Replace", "Set owner", "Disable", "Set an expiry by hand at …". */
  label: string
  vendorAction?: VendorAction
  url?: string
}

export interface Finding {
  /** The rule's id (`max-age`, …): what scripts and filters match on. */
  rule: string
  severity: Severity
  /** The token's value and the limit: "created 412 days ago; limit 365". */
  detail: string
  fix: Fix
}

/** On the vendor's own page: what to do, in words, and its portal link. */
export function byHand(vendor: VendorDescriptor, what: string): Fix {
  return { action: 'by-hand', label: `${what} by hand at ${vendor.name}`, url: vendor.portalUrl }
}

/** Whether the vendor's create form can set an expiry (so a replacement can have one). */
export function createsWithExpiry(vendor: VendorDescriptor): boolean {
  return vendor.capabilities.create && !!vendor.create?.some((f) => f.kind === 'expiry')
}

/** A guided replace where the vendor can create the successor (with an expiry, if that is the point), else by hand. */
export function replaceFix(vendor: VendorDescriptor, options: { withExpiry: boolean; byHandWords: string }): Fix {
  const can = options.withExpiry ? createsWithExpiry(vendor) : vendor.capabilities.create
  return can ? { action: 'replace', label: 'Replace' } : byHand(vendor, options.byHandWords)
}

export function setOwnerFix(): Fix {
  return { action: 'set-owner', label: 'Set owner' }
}

/**
 * Take an active token out of service: the least destructive of the vendor's retire steps its
 * descriptor allows from `active` (Disable, Suspend, Revoke, then Delete), else by hand.
 */
export function retireFix(vendor: VendorDescriptor): Fix {
  const action = vendor.retire.find((a) => allows(vendor, a, 'active'))
  if (!action) return byHand(vendor, 'Disable or delete it')
  return { action: 'retire', vendorAction: action, label: action[0]!.toUpperCase() + action.slice(1) }
}
