/** MPT token → normalised Token. The secret (`token`) is dropped here. */
import type { TokenStatus, Token } from '../../../common/tokens'
import { tokenKey } from '../../../common/tokens'
import type { MptToken } from './schemas'

const STATUS: Record<string, TokenStatus> = { active: 'active', disabled: 'disabled', deleted: 'deleted' }

export function mapMptToken(connectionId: string, t: MptToken, ownId: string | null = null): Token {
  const created = t.audit?.created ?? null
  const updated = t.audit?.updated ?? null
  return {
    key: tokenKey(connectionId, t.id),
    connectionId,
    provider: 'mpt',
    id: t.id,
    name: t.name,
    description: t.description,
    status: STATUS[t.status.toLowerCase()] ?? 'unknown',
    createdAt: created?.at ?? null,
    createdBy: created?.by ? { id: created.by.id, name: created.by.name } : null,
    updatedAt: updated?.at ?? null,
    lastUsedAt: t.lastAccessAt,
    expiresAt: null, // MPT tokens do not expire
    scope: t.modules.map((m) => m.name ?? m.id),
    isOwnCredential: ownId !== null && ownId === t.id,
    vendor: {
      status: t.status,
      href: t.href,
      account: t.account ? { id: t.account.id, name: t.account.name } : null,
      modules: t.modules.map((m) => ({ id: m.id, name: m.name })),
      updatedBy: updated?.by ? { id: updated.by.id, name: updated.by.name } : null,
    },
  }
}
