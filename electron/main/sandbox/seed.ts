/**
 * Generated, realistic sandbox data: names, creators, modules, statuses, past and future
 * expiries, never-used tokens. Deterministic for a given seed and `now`.
 */
import type { FynnRecord, MptRecord, PrefactorRecord, SandboxAccount, SandboxData } from './model'
import { CROCKFORD, Random } from './random'

export interface SeedOptions {
  seed?: number
  /** Tokens per account (before the connection's own token). */
  tokens?: number
  accounts?: Partial<Record<keyof SandboxData, number>>
  now?: Date
}

const DAY = 86_400_000
const PEOPLE = [
  'Ana Ruiz', 'Ben Okafor', 'Chen Wei', 'Dana Kowalski', 'Elif Şahin', 'Farah Haddad', 'Greta Lind',
  'Hiro Tanaka', 'Ivan Petrov', 'Jules Martin', 'Kofi Mensah', 'Lena Fischer', 'Mateo Rossi', 'Nina Berg',
]
const PURPOSES = [
  'CI deploy', 'Terraform provider', 'Billing export', 'Nightly sync', 'Reporting dashboard', 'Helpdesk bot',
  'ERP connector', 'Audit script', 'Partner integration', 'Data warehouse load', 'License reconciliation',
  'Order automation', 'Monitoring probe', 'Backup job', 'Staging smoke tests', 'Catalog import',
]
const SYSTEMS = ['GitHub Actions', 'Jenkins', 'Azure DevOps', 'Power BI', 'ServiceNow', 'SAP', 'Airflow', 'Zapier', 'GitLab CI', 'Snowflake']
export const MPT_MODULES = [
  { id: 'MOD-1756', name: 'Billing' },
  { id: 'MOD-2210', name: 'Catalog' },
  { id: 'MOD-3301', name: 'Commerce' },
  { id: 'MOD-4127', name: 'Helpdesk' },
  { id: 'MOD-5290', name: 'Program Management' },
  { id: 'MOD-6013', name: 'Accounts' },
  { id: 'MOD-7444', name: 'Spotlight' },
  { id: 'MOD-8150', name: 'Extensions' },
]
const COMPANIES = ['Acme Corp', 'Globex', 'Initech', 'Umbrella Health', 'Stark Logistics', 'Wayne Retail', 'Hooli', 'Vandelay Imports']

const iso = (ms: number): string => new Date(ms).toISOString()

function purpose(r: Random): string {
  return `${r.pick(PURPOSES)} – ${r.pick(SYSTEMS)}`
}

/** Past dates with a tail: most tokens used recently, some long ago, some never. */
function lastUse(r: Random, created: number, now: number): string | null {
  if (r.chance(0.15)) return null
  const ageDays = r.chance(0.2) ? r.int(90, 400) : r.int(0, 60)
  return iso(Math.max(created, now - ageDays * DAY - r.int(0, DAY)))
}

/** Expiries: none, already past, within days, within months. */
function expiry(r: Random, now: number): string | null {
  const roll = r.next()
  if (roll < 0.25) return null
  if (roll < 0.35) return iso(now - r.int(1, 120) * DAY)
  if (roll < 0.5) return iso(now + r.int(1, 7) * DAY)
  if (roll < 0.65) return iso(now + r.int(8, 60) * DAY)
  return iso(now + r.int(61, 700) * DAY)
}

function mptId(r: Random, prefix: string): string {
  return `${prefix}-${r.digits(4)}-${r.digits(4)}`
}

export function mptToken(r: Random, account: { id: string; name: string }, now: number, patch: Partial<MptRecord> = {}): MptRecord {
  const id = mptId(r, 'TKN')
  const created = now - r.int(1, 720) * DAY - r.int(0, DAY)
  const updated = Math.min(now, created + r.int(0, 90) * DAY)
  const creator = r.pick(PEOPLE)
  const by = { id: mptId(r, 'USR'), name: creator }
  const moduleCount = r.chance(0.4) ? 1 : r.int(2, 5)
  const modules = [...MPT_MODULES].sort(() => r.next() - 0.5).slice(0, moduleCount)
  return {
    id,
    href: `/v1/accounts/api-tokens/${id}`,
    name: purpose(r),
    description: r.chance(0.7) ? `Used by ${r.pick(SYSTEMS)} for ${account.name}.` : '',
    icon: null,
    status: r.chance(0.82) ? 'Active' : 'Disabled',
    lastAccessAt: lastUse(r, created, now),
    token: `idt:${id}:${r.string(40)}`,
    account,
    modules,
    audit: { created: { at: iso(created), by }, updated: { at: iso(updated), by } },
    ...patch,
  }
}

export function fynnToken(r: Random, now: number, patch: Partial<FynnRecord> = {}): FynnRecord {
  const created = now - r.int(1, 720) * DAY
  return {
    id: r.string(20, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
    description: r.chance(0.9) ? purpose(r) : null,
    expiresAt: expiry(r, now),
    createdAt: iso(created),
    updatedAt: iso(Math.min(now, created + r.int(0, 30) * DAY)),
    secret: `fynn_${r.string(48)}`,
    ...patch,
  }
}

export function prefactorId(r: Random): string {
  return r.string(32, CROCKFORD)
}

export function prefactorToken(r: Random, accountId: string, now: number, patch: Partial<PrefactorRecord> = {}): PrefactorRecord {
  const created = now - r.int(1, 500) * DAY
  const roll = r.next()
  return {
    id: prefactorId(r),
    type: 'api_token',
    account_id: accountId,
    environment_id: r.chance(0.6) ? prefactorId(r) : null,
    created_by_admin_user_id: r.chance(0.9) ? prefactorId(r) : null,
    token_scope: r.pick(['account', 'environment', 'environment', 'agent_deployment']),
    status: roll < 0.75 ? 'active' : roll < 0.88 ? 'suspended' : 'revoked',
    expires_at: expiry(r, now),
    inserted_at: iso(created),
    updated_at: iso(Math.min(now, created + r.int(0, 60) * DAY)),
    last_used_at: lastUse(r, created, now),
    secret: `pf_${r.string(44)}`,
    ...patch,
  }
}

export function seedSandbox(options: SeedOptions = {}): SandboxData {
  const r = new Random(options.seed ?? 42)
  const now = (options.now ?? new Date()).getTime()
  const count = options.tokens ?? 40
  const accounts = { mpt: 1, fynn: 1, prefactor: 1, ...options.accounts }
  const company = (i: number): string => COMPANIES[i % COMPANIES.length]!

  const mpt: Array<SandboxAccount<MptRecord>> = Array.from({ length: accounts.mpt }, (_, i) => {
    const account = { id: mptId(r, 'ACC'), name: company(i) }
    // The connection's own token: Active, used just now, named like one.
    const own = mptToken(r, account, now, { name: 'Tokendesk', status: 'Active', lastAccessAt: iso(now) })
    const tokens = [own, ...Array.from({ length: count }, () => mptToken(r, account, now))]
    return { credential: own.token, accountId: account.id, accountName: account.name, tokens }
  })
  const fynn: Array<SandboxAccount<FynnRecord>> = Array.from({ length: accounts.fynn }, (_, i) => ({
    credential: `eyJhbGciOiJSUzI1NiJ9.${r.string(60)}.${r.string(40)}`,
    accountId: '',
    accountName: company(i + 3),
    tokens: Array.from({ length: count }, () => fynnToken(r, now)),
  }))
  const prefactor: Array<SandboxAccount<PrefactorRecord>> = Array.from({ length: accounts.prefactor }, (_, i) => {
    const accountId = prefactorId(r)
    return {
      credential: `pf_admin_${r.string(40)}`,
      accountId,
      accountName: company(i + 5),
      tokens: Array.from({ length: count }, () => prefactorToken(r, accountId, now)),
    }
  })
  return { mpt, fynn, prefactor }
}
