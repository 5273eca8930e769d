/** Tokens and a clock for the policy tests. */
import type { PolicyToken } from '../../../../electron/common/policy'
import type { ProviderId } from '../../../../electron/common/providers'

export const NOW = Date.parse('2026-11-23T22:00:00.000Z')
export const H = 3_600_000
export const D = 24 * H
export const iso = (ms: number): string => new Date(ms).toISOString()

let n = 0
/** An active token of `provider` on connection `c-<provider>`, created 10 days ago, used yesterday, no expiry, owned. */
export function token(provider: ProviderId, patch: Partial<PolicyToken> = {}): PolicyToken {
  const id = patch.id ?? `t${++n}`
  const connectionId = patch.connectionId ?? `c-${provider}`
  return {
    key: `${connectionId}/${id}`, connectionId, provider, id, name: id, description: null, status: 'active',
    createdAt: iso(NOW - 10 * D), createdBy: null, updatedAt: null, lastUsedAt: iso(NOW - D), expiresAt: null, scope: [], isOwnCredential: false, vendor: {},
    owner: 'Ana',
    ...patch,
  }
}
