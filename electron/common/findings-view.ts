/**
 * What the window gets of the policy and its findings over IPC (`policy:*`, `findings:*`). The
 * findings of every token come as one compact payload per change: the policy's mask per flagged
 * token key (bit i: RULES[i], so the rule ids and severities follow from common/policy), sent
 * once on `findings:all` and again on each `findings:changed` — never per row or per render. A
 * token's findings in words (detail, fix) are asked for when its details open (`findings:token`).
 */
import type { ComplianceSummary, Policy } from './policy'

/** The policy file as the Settings editor opens it. */
export interface PolicyView {
  /** none: no policy.json; ok: in force; invalid: refused, nothing checked (`lines` say why). */
  status: 'none' | 'ok' | 'invalid'
  file: string
  /** Given with --policy (a CLI): not written by Tokendesk. */
  readOnly: boolean
  /** The file as it is (null: no file, or one that cannot be read). */
  text: string | null
  policy: Policy | null
  /** Why the file is refused, one line per problem. */
  lines: string[]
  /** What `policy:save` checks the file against: the text this view was read from (null: no file). */
  basedOn: string | null
}

/** `policy:save`: written, or refused with the problem lines (nothing written). A change made elsewhere meanwhile is a `conflict` error. */
export type PolicySaveResult = { saved: true; policy: PolicyView } | { saved: false; lines: string[] }

export interface FindingsSnapshot {
  /** Whether a policy is in force ('invalid': one that does not validate checks nothing). */
  policy: PolicyView['status']
  summary: ComplianceSummary
  /** Usable tokens with at least one finding. */
  flagged: number
  evaluatedAt: string
  /**
   * Flagged tokens only, side by side: `keys[i]`'s findings are `masks[i]`. Two arrays rather than
   * an object keyed by token: 50,000 entries build in a few ms in main (an object of as many keys
   * took ~300 ms) and the window makes its Map from them in one pass.
   */
  keys: string[]
  masks: number[]
}
