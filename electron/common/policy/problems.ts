/**
 * Why a policy is refused, one line per problem: the key's path, readably joined, and what it
 * expects — `rules.maxAgeDays: expected a whole number of days ≥ 0`,
 * `clients.Acme Corp.requireExpiry: expected true or false`,
 * `rules.maxAgeDay: unknown rule — did you mean maxAgeDays?`. Names from the file are shown with
 * their hidden characters made visible (a client name is the admin's text, printed on terminals).
 */
import type { z } from 'zod'
import { editDistance } from '../edit-distance'
import { revealHidden } from '../visible-text'
import { RULES } from './rules'

export interface PolicyProblem {
  /** Keys from the top: `['clients', 'Acme Corp', 'maxAgeDays']`; [] for the file as a whole. */
  path: string[]
  message: string
  /** The last key of the path is not one the format has. */
  unknownKey?: boolean
}

const TOP_KEYS = ['version', 'rules', 'clients']
const RULE_KEYS: string[] = RULES.map((r) => r.key)

/** zod's issues as problems with a path; an unknown key is one problem per key. */
export function fromZod(error: z.ZodError): PolicyProblem[] {
  const out: PolicyProblem[] = []
  for (const issue of error.issues) {
    const path = issue.path.map(String)
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) out.push({ path: [...path, key], unknownKey: true, message: '' })
    else out.push({ path, message: issue.message })
  }
  return out
}

/** zod's issues over a policy as the lines a person reads (the window's Settings, the CLI's exit 2). */
export function policyIssueLines(error: z.ZodError): string[] {
  return problemLines(fromZod(error))
}

export function problemLines(problems: readonly PolicyProblem[]): string[] {
  return problems.map((p) => {
    const message = p.unknownKey ? unknownKeyMessage(p.path) : p.message
    return p.path.length ? `${pathText(p.path)}: ${message}` : message
  })
}

/** `clients.Acme Corp.maxAgeDays`; an empty client name (connections without a client) as `""`. */
export function pathText(path: readonly string[]): string {
  return path.map((key) => (key === '' ? '""' : revealHidden(key))).join('.')
}

function unknownKeyMessage(path: readonly string[]): string {
  const key = path.at(-1)!
  const isRule = (path.length === 2 && path[0] === 'rules') || (path.length === 3 && path[0] === 'clients')
  const known = isRule ? RULE_KEYS : TOP_KEYS
  const guess = closest(key, known)
  const what = isRule ? 'unknown rule' : 'unknown key'
  if (guess) return `${what} — did you mean ${guess}?`
  return isRule ? `${what} — the rules are ${RULE_KEYS.join(', ')}` : `${what} — a policy has version, rules and clients`
}

/** The known key a misspelling most likely meant: same letters in another case, or at most 2 edits (3 for long keys). */
export function closest(key: string, known: readonly string[]): string | null {
  const lower = key.toLowerCase()
  let best: string | null = null
  let bestDistance = Infinity
  for (const k of known) {
    const d = k.toLowerCase() === lower ? 0 : Math.abs(lower.length - k.length) > 3 ? Infinity : editDistance(lower, k.toLowerCase())
    if (d < bestDistance) [best, bestDistance] = [k, d]
  }
  const allowed = Math.max(1, Math.min(3, Math.floor(key.length / 4)))
  return best !== null && bestDistance <= allowed ? best : null
}

