/**
 * The policy's findings over the inventory, computed once per change — of the inventory, the
 * policy, the user's metadata (owners) or the connections' clients — and once a minute for the
 * clock (a token crosses "365 days" while the window sits open), never per query: every read
 * (the window, the export, the CLI) takes the last evaluation. The owners are kept beside the
 * inventory per connection, looked up again only when its tokens or the metadata change (and
 * only while a rule reads them), so a policy edit or the clock re-evaluates without touching the
 * metadata (bench: policy.evaluate200kMs; the lookups: its join200kMs).
 * `onChanged` tells when the findings changed — re-evaluated at once (debounced) while someone
 * listens, so a change that changes no finding says nothing.
 */
import type { Connection } from '../../common/model'
import { evaluate, ruleIdsOf, type ComplianceSummary, type Evaluation, type Finding, type Policy, type RuleId } from '../../common/policy'
import { tokenKey, type Token } from '../../common/tokens'
import type { ConnectionStore } from './connection-store'
import { Emitter, type Event } from './emitter'
import type { InventoryService } from './inventory'
import type { PolicyState, PolicyStore } from './policy-store'
import type { TokenMetaStore } from './token-meta-store'

/** How often the clock is checked while someone listens, and how old an evaluation a read accepts. */
export const RECHECK_MS = 60_000

export interface FindingsSummary extends ComplianceSummary {
  /** Whether a policy is in force: none, or one that does not validate (nothing is checked then). */
  policy: PolicyState['status']
  /** Usable tokens with at least one finding. */
  flagged: number
  /** When the findings were computed (ISO-8601). */
  evaluatedAt: string
}

export interface TokenFindings {
  connectionId: string
  tokenId: string
  key: string
  findings: Finding[]
}

interface Part {
  tokens: Token[]
  /** The metadata's version the owners were looked up at; -1: not looked up (no rule reads them). */
  metaVersion: number
  owners: Array<string | null>
}

interface Inputs {
  policy: Policy | null
  metaVersion: number
  /** Per connection, in the connections' order: its tokens (the inventory's array) and its client. */
  parts: Array<{ id: string; tokens: Token[]; client: string }>
}

interface Current {
  inputs: Inputs
  evaluation: Evaluation
  /** Flagged tokens' index by key, made on the first keyed read. */
  index: Map<string, number> | null
  /** Flagged tokens' keys and masks side by side (the window's payload), made on the first read. */
  masks: { keys: string[]; masks: number[] } | null
}

export class FindingsService {
  /** How many evaluations ran (tests count them: once per change, not per read). */
  evaluations = 0
  private current: Current | null = null
  /**
   * The evaluation listeners last heard of (or the one they started from). A change is judged
   * against it, not against the latest evaluation: a read between a change and its debounced
   * check takes the new evaluation first, and the change must still be told.
   */
  private told: Evaluation | null = null
  private metaVersion = 0
  private readonly parts = new Map<string, Part>()
  private flat: { parts: Part[]; tokens: Token[]; owners: Array<string | null> } | null = null
  private readonly changed = new Emitter<FindingsSummary>()
  private listeners = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  private clock: ReturnType<typeof setInterval> | undefined
  private readonly now: () => number
  private readonly recheckMs: number

  constructor(
    private readonly deps: {
      inventory: InventoryService
      connections: ConnectionStore
      meta: TokenMetaStore
      policy: PolicyStore
      now?: () => number
      recheckMs?: number
      debounceMs?: number
    },
  ) {
    this.now = deps.now ?? Date.now
    this.recheckMs = deps.recheckMs ?? RECHECK_MS
    const touched = (): void => this.touched()
    deps.inventory.onStatus(touched)
    deps.inventory.onForgotten(touched)
    deps.connections.onChanged(touched)
    deps.policy.onChanged(touched)
    deps.meta.onChanged(() => {
      this.metaVersion++
      touched()
    })
  }

  /**
   * The findings changed (a change of the inventory, policy, owners or clients, or the clock).
   * While anyone listens, each change is evaluated at once and the clock checked every minute.
   */
  readonly onChanged: Event<FindingsSummary> = (listener) => {
    const off = this.changed.event(listener)
    if (this.listeners++ === 0) {
      this.told = this.fresh(this.now()).evaluation
      this.clock = setInterval(() => this.recheck(true), this.recheckMs)
      this.clock.unref?.()
    }
    let on = true
    return () => {
      if (!on) return
      on = false
      off()
      if (--this.listeners === 0) clearInterval(this.clock)
    }
  }

  /** The evaluation for `now` (ms): the last one while nothing changed and it is under a minute from `now`. */
  evaluation(now = this.now()): Evaluation {
    return this.fresh(now).evaluation
  }

  /** One token's findings, with their details and fixes. */
  forKey(connectionId: string, tokenId: string, now?: number): Finding[] {
    const current = this.fresh(now ?? this.now())
    const index = this.indexOf(current).get(tokenKey(connectionId, tokenId))
    return index === undefined ? [] : current.evaluation.findingsAt(index)
  }

  /** The rule ids of each token by key, for rows (exports, `tokens list --json`): [] for none. */
  ruleIdsBy(now?: number): (key: string) => readonly RuleId[] {
    const current = this.fresh(now ?? this.now())
    const index = this.indexOf(current)
    return (key) => {
      const i = index.get(key)
      return i === undefined ? ruleIdsOf(0) : current.evaluation.rulesAt(i)
    }
  }

  /** Each token's findings as its mask by key (0 for none): the filter and sort of main's queries. */
  maskBy(now?: number): (key: string) => number {
    const current = this.fresh(now ?? this.now())
    const index = this.indexOf(current)
    return (key) => {
      const i = index.get(key)
      return i === undefined ? 0 : current.evaluation.masks[i]!
    }
  }

  /** Flagged tokens' keys and masks side by side, made once per evaluation (the window's compact payload). */
  masks(now?: number): { keys: string[]; masks: number[] } {
    const current = this.fresh(now ?? this.now())
    if (!current.masks) {
      const keys: string[] = []
      const out: number[] = []
      const { masks, tokens } = current.evaluation
      for (let i = 0; i < masks.length; i++) {
        if (!masks[i]) continue
        keys.push(tokens[i]!.key)
        out.push(masks[i]!)
      }
      current.masks = { keys, masks: out }
    }
    return current.masks
  }

  /** Every token with findings, in the inventory's order (the CLI's audit). */
  all(now?: number): TokenFindings[] {
    const { evaluation } = this.fresh(now ?? this.now())
    const out: TokenFindings[] = []
    evaluation.masks.forEach((mask, i) => {
      if (!mask) return
      const t = evaluation.tokens[i]!
      out.push({ connectionId: t.connectionId, tokenId: t.id, key: t.key, findings: evaluation.findingsAt(i) })
    })
    return out
  }

  summary(now?: number): FindingsSummary {
    return this.summarise(this.fresh(now ?? this.now()).evaluation)
  }

  /**
   * Tell listeners when a finding appeared or went: after a change of the inputs (evaluated only
   * if they really changed), or for the clock (`clock`: evaluated again as of now).
   */
  recheck(clock = false): boolean {
    const before = this.told ?? this.current?.evaluation ?? null
    const after = this.fresh(this.now(), clock)
    this.told = after.evaluation
    if (before && !differs(before, after.evaluation)) return false
    this.changed.fire(this.summarise(after.evaluation))
    return true
  }

  private touched(): void {
    if (!this.listeners) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.recheck(), this.deps.debounceMs ?? 50)
    this.timer.unref?.()
  }

  private summarise(e: Evaluation): FindingsSummary {
    return { ...e.summary, policy: this.deps.policy.state().status, flagged: e.flagged, evaluatedAt: new Date(e.now).toISOString() }
  }

  private inputs(): Inputs {
    const list: Connection[] = this.deps.connections.list()
    return {
      policy: this.deps.policy.policy(),
      metaVersion: this.metaVersion,
      parts: list.map((c) => ({ id: c.id, tokens: this.deps.inventory.tokens(c.id), client: c.client })),
    }
  }

  private fresh(now: number, force = false): Current {
    const inputs = this.inputs()
    const c = this.current
    if (!force && c && sameInputs(c.inputs, inputs) && Math.abs(now - c.evaluation.now) < this.recheckMs) return c
    if (force && c && sameInputs(c.inputs, inputs) && c.evaluation.now === now) return c
    const { tokens, owners } = this.joined(inputs)
    const clients = new Map(inputs.parts.map((p) => [p.id, p.client]))
    this.evaluations++
    const evaluation = evaluate(tokens, inputs.policy, { now, clientOf: (id) => clients.get(id) ?? '', owners })
    this.current = { inputs, evaluation, index: null, masks: null }
    return this.current
  }

  /**
   * Every connection's tokens in one array (made again only when a connection's tokens changed),
   * with each token's owner beside it (looked up again only for a connection whose tokens changed,
   * or after the metadata changed).
   */
  private joined(inputs: Inputs): { tokens: Token[]; owners: Array<string | null> } {
    const parts: Part[] = []
    let ownersChanged = false
    // Only a policy that requires owners reads them: without one, no lookups at all.
    const version = readsOwners(inputs.policy) ? inputs.metaVersion : -1
    for (const { id, tokens } of inputs.parts) {
      let part = this.parts.get(id)
      if (!part || part.tokens !== tokens || part.metaVersion !== version) {
        part = { tokens, metaVersion: version, owners: version < 0 ? [] : tokens.map((t) => this.deps.meta.byKey(t.key)?.owner ?? null) }
        this.parts.set(id, part)
        ownersChanged = true
      }
      parts.push(part)
    }
    for (const id of this.parts.keys()) if (!inputs.parts.some((p) => p.id === id)) this.parts.delete(id)
    const flat = this.flat
    const sameTokens = !!flat && flat.parts.length === parts.length && flat.parts.every((p, i) => p.tokens === parts[i]!.tokens)
    if (!flat || !sameTokens || ownersChanged) {
      this.flat = { parts, tokens: sameTokens ? flat.tokens : parts.flatMap((p) => p.tokens), owners: parts.flatMap((p) => p.owners) }
    }
    return this.flat!
  }

  private indexOf(current: Current): Map<string, number> {
    if (!current.index) {
      const index = new Map<string, number>()
      const { masks, tokens } = current.evaluation
      for (let i = 0; i < masks.length; i++) if (masks[i]) index.set(tokens[i]!.key, i)
      current.index = index
    }
    return current.index
  }
}

function readsOwners(policy: Policy | null): boolean {
  return !!policy && (policy.rules.requireOwner === true || Object.values(policy.clients).some((c) => c.requireOwner === true))
}

function sameInputs(a: Inputs, b: Inputs): boolean {
  return a.policy === b.policy && a.metaVersion === b.metaVersion && a.parts.length === b.parts.length && a.parts.every((p, i) => p.id === b.parts[i]!.id && p.tokens === b.parts[i]!.tokens && p.client === b.parts[i]!.client)
}

/** Whether a finding appeared or went (the same tokens: the same masks; other tokens: changed). */
function differs(a: Evaluation, b: Evaluation): boolean {
  if (a.tokens !== b.tokens || a.masks.length !== b.masks.length) return true
  for (let i = 0; i < a.masks.length; i++) if (a.masks[i] !== b.masks[i]) return true
  return JSON.stringify(a.summary) !== JSON.stringify(b.summary)
}
