/**
 * A policy over the inventory: per token, the rules it breaks. Built for 200,000 tokens in well
 * under 100 ms: the rules in force are worked out once per client (its overrides applied) with
 * their limits as instants written as dates, so a token's dates are compared, not parsed
 * (time.ts), and the evaluation itself allocates nothing per token — it records the rules a token breaks as bits in one typed array. The findings (their
 * details and fixes) are made when asked for (`findingsAt`), with the evaluation's own clock.
 * Only tokens that can still be used are judged: status `active` and not expired (expiry now or later).
 */
import { PROVIDERS } from '../providers'
import { RULES } from './rules'
import type { ClientRules, Policy, RuleId } from './format'
import type { Finding } from './finding'
import type { PolicyToken, Rule, Subject } from './rule'
import { compareTo, cutoffAt } from './time'

/** A rule in force for one client, with its limit and its bit (1 << its place in RULES). */
export interface RuleInForce {
  rule: Rule<RuleId>
  limit: unknown
  bit: number
}

/** …and its limit made ready for one evaluation's clock. */
interface ReadyRule extends RuleInForce {
  ready: unknown
}

/** Usable tokens and those of them without an error finding. */
export interface Compliance {
  usable: number
  compliant: number
  /** compliant / usable; null when nothing is usable (nothing to judge). */
  share: number | null
  /** Usable tokens with a warning finding (and maybe errors too). */
  warned: number
}

export interface ComplianceSummary {
  overall: Compliance
  /** Per client as the connections name it ('' for connections without one), by name; every client with tokens. */
  clients: Array<Compliance & { client: string }>
  /** Tokens breaking each rule. */
  byRule: Record<RuleId, number>
}

export interface EvaluateContext {
  /** Milliseconds. */
  now: number
  /** A connection's client: the policy's overrides are per client ('' for none). */
  clientOf: (connectionId: string) => string
  /**
   * Each token's owner in the user's metadata, by its index in `tokens`, where the tokens are not
   * joined with their metadata (main keeps this beside the inventory: no copy of 200,000 rows, and
   * no lookup per token when only the policy or the clock changed). Without it: `token.owner`.
   */
  owners?: ArrayLike<string | null | undefined>
}

if (RULES.length > 31) throw new Error('A findings mask holds 31 rules.')

const fold = (name: string): string => name.toLowerCase()
const ERROR_BITS = RULES.reduce((bits, r, i) => (r.severity === 'error' ? bits | (1 << i) : bits), 0)
const WARNING_BITS = RULES.reduce((bits, r, i) => (r.severity === 'warning' ? bits | (1 << i) : bits), 0)

/** Whether a mask holds an error finding. */
export const hasError = (mask: number): boolean => (mask & ERROR_BITS) !== 0

const idsByMask = new Map<number, readonly RuleId[]>()
/** The rule ids of a mask, in the registry's order: one frozen array per mask, shared. */
export function ruleIdsOf(mask: number): readonly RuleId[] {
  let ids = idsByMask.get(mask)
  if (!ids) idsByMask.set(mask, (ids = Object.freeze(RULES.filter((_, i) => mask & (1 << i)).map((r) => r.id))))
  return ids
}

/** The rules in force for a client: the policy's, with the client's entry (matched in any case) over them. */
export function rulesFor(policy: Policy | null, client: string): RuleInForce[] {
  if (!policy) return []
  let overrides: ClientRules | undefined
  for (const [name, entry] of Object.entries(policy.clients)) if (fold(name) === fold(client)) overrides = entry
  const rules = policy.rules as Record<string, unknown>
  const own = overrides as Record<string, unknown> | undefined
  const out: RuleInForce[] = []
  RULES.forEach((rule, i) => {
    const limit = own && own[rule.key] !== undefined ? own[rule.key] : rules[rule.key]
    if (!rule.limit.isOff(limit as never)) out.push({ rule: rule as Rule<RuleId>, limit, bit: 1 << i })
  })
  return out
}

interface PerConnection {
  client: string
  rules: ReadyRule[]
  usable: number
  compliant: number
  warned: number
}

/** The outcome of one evaluation: masks per token, the summary, and the findings made on demand. */
export class Evaluation {
  constructor(
    readonly now: number,
    /** The tokens judged, as given. */
    readonly tokens: readonly PolicyToken[],
    /** Per token (same index): the rules it breaks, bit i for RULES[i]; 0 for none. */
    readonly masks: Uint32Array,
    /** Tokens with at least one finding. */
    readonly flagged: number,
    readonly summary: ComplianceSummary,
    private readonly rulesOf: (connectionId: string) => readonly RuleInForce[],
    private readonly owners: EvaluateContext['owners'],
  ) {}

  /** The rule ids of the token at `index` (shared arrays; [] for none). */
  rulesAt(index: number): readonly RuleId[] {
    return ruleIdsOf(this.masks[index] ?? 0)
  }

  /** The findings of the token at `index`, with their details as of the evaluation's clock. */
  findingsAt(index: number): Finding[] {
    const mask = this.masks[index] ?? 0
    if (mask === 0) return []
    const t = this.tokens[index]!
    const subject: Subject = { token: t, owner: this.owners ? this.owners[index] : t.owner }
    const vendor = PROVIDERS[t.provider]
    const out: Finding[] = []
    for (const { rule, limit, bit } of this.rulesOf(t.connectionId)) if (mask & bit) out.push(rule.finding(subject, limit as never, this.now, vendor))
    return out
  }
}

/**
 * Findings for every token. Tokens of one connection are expected together (the inventory's
 * order): its rules are looked up once per run of them.
 */
export function evaluate(tokens: readonly PolicyToken[], policy: Policy | null, ctx: EvaluateContext): Evaluation {
  const { now, owners } = ctx
  const masks = new Uint32Array(tokens.length)
  const byRule = new Array<number>(RULES.length).fill(0)
  const connections = new Map<string, PerConnection>()
  const ruleSets = new Map<string, ReadyRule[]>()
  const subject: Subject = { token: undefined as unknown as PolicyToken, owner: null }
  const nowCut = cutoffAt(now)
  let flagged = 0
  let lastId: string | null = null
  let conn: PerConnection | undefined
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.connectionId !== lastId) {
      lastId = t.connectionId
      conn = connections.get(lastId)
      if (!conn) {
        const client = ctx.clientOf(lastId)
        let rules = ruleSets.get(fold(client))
        if (!rules) ruleSets.set(fold(client), (rules = rulesFor(policy, client).map((r) => ({ ...r, ready: r.rule.ready(r.limit, now) }))))
        connections.set(lastId, (conn = { client, rules, usable: 0, compliant: 0, warned: 0 }))
      }
    }
    // Every connection with tokens is in the summary, one with none usable too (share null).
    if (t.status !== 'active') continue
    if (t.expiresAt !== null && compareTo(t.expiresAt, nowCut) < 0) continue // expired
    const c = conn!
    c.usable++
    const rules = c.rules
    if (rules.length === 0) {
      c.compliant++
      continue
    }
    subject.token = t
    subject.owner = owners ? owners[i] : t.owner
    const vendor = PROVIDERS[t.provider]
    let mask = 0
    for (let r = 0; r < rules.length; r++) {
      const { rule, ready, bit } = rules[r]!
      if (rule.breaks(subject, ready as never, vendor)) mask |= bit
    }
    if ((mask & ERROR_BITS) === 0) c.compliant++
    if (mask === 0) continue
    if (mask & WARNING_BITS) c.warned++
    masks[i] = mask
    flagged++
    for (let r = 0; r < RULES.length; r++) if (mask & (1 << r)) byRule[r]!++
  }
  subject.token = undefined as unknown as PolicyToken
  const rulesOf = (connectionId: string): readonly RuleInForce[] => connections.get(connectionId)?.rules ?? rulesFor(policy, ctx.clientOf(connectionId))
  return new Evaluation(now, tokens, masks, flagged, summarise(connections, byRule), rulesOf, owners)
}

const compliance = (usable: number, compliant: number, warned: number): Compliance => ({ usable, compliant, share: usable ? compliant / usable : null, warned })

function summarise(connections: ReadonlyMap<string, PerConnection>, byRule: number[]): ComplianceSummary {
  const byClient = new Map<string, { usable: number; compliant: number; warned: number }>()
  const all = { usable: 0, compliant: 0, warned: 0 }
  for (const c of connections.values()) {
    const sum = byClient.get(c.client) ?? { usable: 0, compliant: 0, warned: 0 }
    byClient.set(c.client, sum)
    for (const s of [sum, all]) {
      s.usable += c.usable
      s.compliant += c.compliant
      s.warned += c.warned
    }
  }
  const clients = [...byClient].sort(([a], [b]) => a.localeCompare(b)).map(([client, s]) => ({ client, ...compliance(s.usable, s.compliant, s.warned) }))
  return { overall: compliance(all.usable, all.compliant, all.warned), clients, byRule: Object.fromEntries(RULES.map((r, i) => [r.id, byRule[i]!])) as Record<RuleId, number> }
}
