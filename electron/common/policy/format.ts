/**
 * The policy file, format 1: `{ "version": 1, "rules": { … }, "clients": { "<client>": { … } } }`.
 * Strict at every level: an unknown key, a wrong type or a negative number is refused with the
 * key's path and what it expects (problems.ts), never ignored — a misspelt rule must not pass.
 * Every rule is optional; a client's entry overrides single rules for that client's connections
 * (null there: no limit for that client). Client names match the connections' client in any
 * case, as the CLI's `--client` does; two entries that differ only in case are refused.
 */
import { z } from 'zod'
import { RULES } from './rules'
import type { LimitKind } from './limits'
import { fromZod, problemLines, type PolicyProblem } from './problems'

export const POLICY_VERSION = 1

type RuleOf = (typeof RULES)[number]
export type RuleId = RuleOf['id']
export type RuleKey = RuleOf['key']
type LimitOf<R> = R extends { limit: LimitKind<infer L> } ? L : never

/** The policy's single rules: each optional (absent: the rule is off). */
export type PolicyRules = { [R in RuleOf as R['key']]?: LimitOf<R> }
/** A client's overrides: a rule's limit for that client, or null for none. */
export type ClientRules = { [R in RuleOf as R['key']]?: LimitOf<R> | null }

export interface Policy {
  version: typeof POLICY_VERSION
  rules: PolicyRules
  clients: Record<string, ClientRules>
}

export const RULE_IDS = RULES.map((r) => r.id) as RuleId[]
export const RULE_KEYS = RULES.map((r) => r.key) as RuleKey[]

const rulesShape = (client: boolean) => Object.fromEntries(RULES.map((r) => [r.key, (client ? r.limit.clientSchema : r.limit.schema).optional()]))

const rulesSchema = z.strictObject(rulesShape(false), { error: (i) => (i.code === 'invalid_type' ? 'expected an object of rules, e.g. { "maxAgeDays": 365 }' : undefined) })
const clientRulesSchema = z.strictObject(rulesShape(true), { error: (i) => (i.code === 'invalid_type' ? 'expected an object of rules for this client, e.g. { "maxAgeDays": 180 }' : undefined) })

const clientsSchema = z
  .record(z.string(), clientRulesSchema, { error: (i) => (i.code === 'invalid_type' ? 'expected an object of client names, each with its rules' : undefined) })
  .superRefine((clients, ctx) => {
    const seen = new Map<string, string>()
    for (const name of Object.keys(clients)) {
      const folded = name.toLowerCase()
      const first = seen.get(folded)
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: [name], message: `the same client as "${first}" (client names match in any case)` })
      else seen.set(folded, name)
    }
  })

export const policySchema = z.strictObject(
  {
    version: z.literal(POLICY_VERSION, { error: (i) => (i.input === undefined ? 'missing — a policy starts with "version": 1' : 'expected 1') }),
    rules: rulesSchema.optional(),
    clients: clientsSchema.optional(),
  },
  { error: (i) => (i.code === 'invalid_type' ? 'expected a JSON object: { "version": 1, "rules": { … }, "clients": { … } }' : undefined) },
)

export type PolicyParse = { ok: true; policy: Policy } | { ok: false; problems: PolicyProblem[]; lines: string[] }

const refused = (problems: PolicyProblem[]): PolicyParse => ({ ok: false, problems, lines: problemLines(problems) })

/** A policy from parsed JSON, or every reason it is refused. */
export function parsePolicy(json: unknown): PolicyParse {
  const version = (json as { version?: unknown } | null)?.version
  // A later format may have rules this one does not know: say so, not "unknown rule".
  if (typeof version === 'number' && version > POLICY_VERSION) {
    return refused([{ path: ['version'], message: `made by a newer Tokendesk (policy format ${version}); this Tokendesk reads format ${POLICY_VERSION}` }])
  }
  const clients = (json as { clients?: unknown } | null)?.clients
  // JSON.parse keeps a "__proto__" key as an own key; a copy of it would become a prototype.
  if (clients && typeof clients === 'object' && Object.hasOwn(clients, '__proto__')) {
    return refused([{ path: ['clients', '__proto__'], message: 'not a client name Tokendesk can match' }])
  }
  const parsed = policySchema.safeParse(json)
  if (!parsed.success) return refused(fromZod(parsed.error))
  const { rules = {}, clients: byClient = {} } = parsed.data
  return { ok: true, policy: { version: POLICY_VERSION, rules: rules as PolicyRules, clients: byClient as Record<string, ClientRules> } }
}

/** A policy from a file's text (a leading byte-order mark is ignored). */
export function parsePolicyText(text: string): PolicyParse {
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    return refused([{ path: [], message: jsonProblem(text, error) }])
  }
  return parsePolicy(json)
}

/** "not valid JSON: expected ',' or '}' after property value (line 3, column 3)". */
function jsonProblem(text: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : ''
  const at = /at position (\d+)/.exec(raw)
  const reason = raw
    .replace(/\s*in JSON at position \d+.*$/, '')
    .replace(/^Unexpected end of JSON input$/, 'it ends too early')
    .replace(/, ".*" is not valid JSON$/s, '')
  const what = reason ? `not valid JSON: ${reason[0]!.toLowerCase()}${reason.slice(1)}` : 'not valid JSON'
  if (!at) return text.trim() === '' ? 'not valid JSON: the file is empty' : what
  const before = text.replace(/^\uFEFF/, '').slice(0, Number(at[1]))
  const line = before.split('\n').length
  const column = before.length - before.lastIndexOf('\n')
  return `${what} (line ${line}, column ${column})`
}
