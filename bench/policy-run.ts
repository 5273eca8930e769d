/**
 * Run as its own process, bundled as main is (bench/policy.ts): `evaluate` over 200,000 generated
 * tokens (the sandbox's generators through the real mappers, ten connections of the three vendors
 * under four clients), owners on two tokens in three, a policy with every rule and client
 * overrides. Prints each run's milliseconds after a warm-up, and those of the owners' join.
 */
import { evaluate, parsePolicy } from '../electron/common/policy'
import type { Token } from '../electron/common/tokens'
import { generateTokens } from './tokens'

const TOTAL = 200_000
const RUNS = 15
const WARM_UP = 3
const CLIENTS = ['Acme Corp', 'Globex', 'Initech', '']
const OWNERS = ['Platform team', 'ana@example.com', 'Billing', 'Data team']

const parsed = parsePolicy({
  version: 1,
  rules: { maxAgeDays: 365, requireExpiry: true, maxLifetimeDays: 400, unusedDays: 90, requireOwner: true, expiringWithinDays: 30 },
  clients: { 'Acme Corp': { maxAgeDays: 180, requireExpiry: false }, Globex: { unusedDays: null, expiringWithinDays: 14 } },
})
if (!parsed.ok) throw new Error(parsed.lines.join('\n'))

const providers = ['mpt', 'fynn', 'prefactor'] as const
const tokens: Token[] = []
const clients = new Map<string, string>()
for (let c = 0; c < 10; c++) {
  const id = `00000000-0000-4000-8000-${String(c).padStart(12, '0')}`
  clients.set(id, CLIENTS[c % CLIENTS.length]!)
  tokens.push(...generateTokens(providers[c % 3]!, id, TOTAL / 10, c + 1))
}
// The metadata as TokenMetaStore keeps it: an entry per annotated token, by key.
const meta: Record<string, { owner: string | null }> = {}
tokens.forEach((t, i) => i % 3 && (meta[t.key] = { owner: OWNERS[i % OWNERS.length]! }))

const join = (): Array<string | null> => tokens.map((token) => meta[token.key]?.owner ?? null)
const joins: number[] = []
for (let r = 0; r < RUNS + WARM_UP; r++) {
  const t = performance.now()
  join()
  if (r >= WARM_UP) joins.push(performance.now() - t)
}
// The owners as main keeps them between changes (FindingsService): joined once.
const owners = join()
const evaluations: number[] = []
let flagged = 0
let share: number | null = null
for (let r = 0; r < RUNS + WARM_UP; r++) {
  const t = performance.now()
  const e = evaluate(tokens, parsed.policy, { now: Date.now(), clientOf: (id) => clients.get(id) ?? '', owners })
  if (r >= WARM_UP) evaluations.push(performance.now() - t)
  flagged = e.flagged
  share = e.summary.overall.share
}
process.stdout.write(JSON.stringify({ count: tokens.length, evaluations, joins, flagged, share }))
