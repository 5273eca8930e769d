/**
 * MPT token → normalised Token. The secret (`token`) is dropped here. The account, modules and
 * people are shared with the list's other tokens that name the same (shared-refs.ts).
 */
import type { TokenStatus, Token } from '../../../common/tokens'
import { tokenKey } from '../../../common/tokens'
import { sharedRefs, type SharedRefs } from '../shared-refs'
import type { MptToken } from './schemas'

const STATUS: Record<string, TokenStatus> = { active: 'active', disabled: 'disabled', deleted: 'deleted' }

export function mapMptToken(connectionId: string, t: MptToken, ownId: string | null = null, shared: SharedRefs = sharedRefs()): Token {
  const created = t.audit?.created ?? null
  const updated = t.audit?.updated ?? null
  const modules = t.modules.map((m) => shared.ref(m))
  return {
    key: tokenKey(connectionId, t.id),
    connectionId,
    provider: 'mpt',
    id: t.id,
    name: t.name,
    description: t.description,
    status: STATUS[t.status.toLowerCase()] ?? 'unknown',
    createdAt: created?.at ?? null,
    createdBy: shared.ref(created?.by),
    updatedAt: updated?.at ?? null,
    lastUsedAt: t.lastAccessAt,
    expiresAt: null, // MPT tokens do not expire
    scope: modules.map((m) => m.name ?? m.id!),
    isOwnCredential: ownId !== null && ownId === t.id,
    vendor: {
      status: t.status,
      href: t.href,
      account: shared.ref(t.account),
      modules,
      updatedBy: shared.ref(updated?.by),
    },
  }
}
