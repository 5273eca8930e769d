import type { Connection } from '@common/model'
import type { TokenRow } from '@common/token-meta'

export const NOW = Date.parse('2026-11-23T12:00:00.000Z')
const day = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()

export const CONNECTIONS: Record<string, Connection> = {
  mpt: { id: '11111111-1111-4111-8111-111111111111', provider: 'mpt', label: 'Marketplace EU', client: 'Acme Corp', baseUrl: 'https://x', accountId: 'ACC-1234-5678', createdAt: iso(NOW), credentialLast4: null },
  fynn: { id: '22222222-2222-4222-8222-222222222222', provider: 'fynn', label: 'Billing', client: 'Globex', baseUrl: 'https://y', accountId: null, createdAt: iso(NOW), credentialLast4: null },
  prefactor: { id: '33333333-3333-4333-8333-333333333333', provider: 'prefactor', label: 'Agents', client: 'Globex', baseUrl: 'https://z', accountId: null, createdAt: iso(NOW), credentialLast4: null },
}

/** A row as the window gets it: the token, with no owner, tags, notes or display name unless `patch` gives them. */
export function token(provider: 'mpt' | 'fynn' | 'prefactor', id: string, patch: Partial<TokenRow> = {}): TokenRow {
  const c = CONNECTIONS[provider]!
  return {
    key: `${c.id}/${id}`,
    connectionId: c.id,
    provider,
    id,
    name: provider === 'prefactor' ? id : `Token ${id}`,
    description: null,
    status: 'active',
    createdAt: iso(NOW - 100 * day),
    createdBy: provider === 'mpt' ? { id: 'USR-1', name: 'Ana Ruiz' } : null,
    updatedAt: null,
    lastUsedAt: null,
    expiresAt: null,
    scope: provider === 'mpt' ? ['Billing', 'Catalog'] : provider === 'prefactor' ? ['environment'] : [],
    isOwnCredential: false,
    owner: null,
    tags: [],
    notes: null,
    displayName: null,
    vendor: provider === 'mpt' ? { status: 'Active', modules: [{ id: 'MOD-1756', name: 'Billing' }, { id: 'MOD-2210', name: 'Catalog' }] } : provider === 'prefactor' ? { status: 'active', account_id: 'acc0', environment_id: 'env0' } : {},
    ...patch,
  }
}

export const DAY = day
