/**
 * What a rule is. One file per rule in rules/ (listed once in rules/index.ts): its id and
 * severity, the policy key it reads with that key's kind of limit, when a token breaks it
 * (`breaks`: comparisons, no allocation — the evaluation's hot path), what the finding says
 * (`detail`) and its fix per vendor. The policy's schema, the client overrides, the evaluation
 * and the README's table all come from that list. Rule files import only this file, which hands
 * them what they need of common.
 */
import type { VendorDescriptor } from '../vendors/descriptor'
import type { Token } from '../tokens'
import type { Finding, Fix, Severity } from './finding'
import type { LimitKind } from './limits'
import { msOf } from './time'

export type { Finding, Fix, Severity } from './finding'
export { byHand, replaceFix, retireFix, setOwnerFix } from './finding'
export { days, flag } from './limits'
export { beyondText, compareTo, cutoffAt, DAY_MS, msOf, spanText, type Cutoff } from './time'
export type { VendorDescriptor } from '../vendors/descriptor'

/** What a policy judges: a token, with its owner where the caller joined the user's metadata. */
export type PolicyToken = Token & { owner?: string | null }

/** A token being judged. The evaluation reuses one subject for every token: a rule must not keep it. */
export interface Subject {
  token: PolicyToken
  /** Its owner in the user's metadata (the token's own `owner`, or the evaluation's `owners`). */
  owner: string | null | undefined
}

/**
 * `L`: the limit as the policy gives it; `P`: that limit ready for one evaluation (`at`), e.g. the
 * instant "365 days before now" written as a date, so that `breaks` compares and computes nothing.
 */
export interface RuleSpec<Id extends string, K extends string, L, P = L> {
  id: Id
  severity: Severity
  /** The policy key it reads (`rules.<key>`, `clients.<name>.<key>`). */
  key: K
  limit: LimitKind<L>
  /** One line for the README and the window: when the rule finds a token. */
  summary: string
  /** The limit made ready for an evaluation at `now` (ms); without it, `breaks` gets the limit itself. */
  at?(limit: L, now: number): P
  /** Whether an active, unexpired token breaks it under a limit that is on. */
  breaks(subject: Subject, ready: P, vendor: VendorDescriptor): boolean
  /** The token's value and the limit, for a token that breaks it. `now`: ms. */
  detail(token: PolicyToken, limit: L, now: number): string
  /** The one step that fixes it at this vendor. */
  fix(vendor: VendorDescriptor): Fix
  /** The detail names no value of the token: one finding object per vendor serves every token. */
  constant?: boolean
}

export interface Rule<Id extends string = string, K extends string = string, L = unknown, P = unknown> extends RuleSpec<Id, K, L, P> {
  /** The limit ready for `now` (`at`, or the limit itself). */
  ready(limit: L, now: number): P
  /** The finding of a token that breaks it: its detail and the vendor's fix (made once per vendor). */
  finding(subject: Subject, limit: L, now: number, vendor: VendorDescriptor): Finding
  /** Its finding for one token, or null. */
  check(subject: Subject, limit: L, now: number, vendor: VendorDescriptor): Finding | null
}

export function defineRule<const Id extends string, const K extends string, L, P = L>(spec: RuleSpec<Id, K, L, P>): Rule<Id, K, L, P> {
  const fixes = new Map<string, Fix>()
  const constants = new Map<string, Finding>()
  const fixFor = (vendor: VendorDescriptor): Fix => {
    let fix = fixes.get(vendor.id)
    if (!fix) fixes.set(vendor.id, (fix = Object.freeze(spec.fix(vendor))))
    return fix
  }
  const ready = (limit: L, now: number): P => (spec.at ? spec.at(limit, now) : (limit as unknown as P))
  const make = (token: PolicyToken, limit: L, now: number, vendor: VendorDescriptor): Finding => ({ rule: spec.id, severity: spec.severity, detail: spec.detail(token, limit, now), fix: fixFor(vendor) })
  const finding = (subject: Subject, limit: L, now: number, vendor: VendorDescriptor): Finding => {
    if (!spec.constant) return make(subject.token, limit, now, vendor)
    let made = constants.get(vendor.id)
    if (!made) constants.set(vendor.id, (made = Object.freeze(make(subject.token, limit, now, vendor))))
    return made
  }
  return Object.freeze({
    ...spec,
    ready,
    finding,
    check: (subject: Subject, limit: L, now: number, vendor: VendorDescriptor): Finding | null => (spec.breaks(subject, ready(limit, now), vendor) ? finding(subject, limit, now, vendor) : null),
  })
}

/** A date's distance back from now, for a detail (ms; NaN when unknown). */
export const agoMs = (iso: string | null, now: number): number => now - msOf(iso)
