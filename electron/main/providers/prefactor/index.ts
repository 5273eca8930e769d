/**
 * Prefactor (examples: test/fixtures/seeds/prefactor-*.json). Every write carries an Idempotency-Key, which makes it safe to
 * retry like a read. A token must be revoked before it can be deleted; its secret is shown once.
 */
import { randomUUID } from 'node:crypto'
import { PROVIDERS } from '../../../common/providers'
import type { StateAction, Token, TokenStatus } from '../../../common/tokens'
import { tokenKey } from '../../../common/tokens'
import { AppError } from '../../app-error'
import { fetchAllPages } from '../paging'
import { PAGE_SIZE, type AdapterContext, type ProviderAdapter } from '../provider'
import { vendorCaller } from '../vendor-call'
import {
  prefactorAnySchema,
  prefactorCreatedSchema,
  prefactorDetailsSchema,
  prefactorErrorMessage,
  prefactorListPage,
  type PrefactorToken,
} from './schemas'

const BASE = '/api/v1/api_token'
const call = vendorCaller({ vendor: 'Prefactor', messageOf: prefactorErrorMessage, permission: 'an admin token' })
const STATUS: Record<string, TokenStatus> = { active: 'active', suspended: 'suspended', revoked: 'revoked' }

const capabilities = PROVIDERS.prefactor.capabilities

export function mapPrefactorToken(connectionId: string, t: PrefactorToken): Token {
  return {
    key: tokenKey(connectionId, t.id),
    connectionId,
    provider: 'prefactor',
    id: t.id,
    name: null, // Prefactor tokens have no name
    description: null,
    status: STATUS[t.status.toLowerCase()] ?? 'unknown',
    createdAt: t.inserted_at,
    createdBy: t.created_by_admin_user_id ? { id: t.created_by_admin_user_id, name: null } : null,
    updatedAt: t.updated_at,
    lastUsedAt: t.last_used_at,
    expiresAt: t.expires_at,
    scope: [t.token_scope],
    isOwnCredential: false,
    vendor: {
      status: t.status,
      token_scope: t.token_scope,
      account_id: t.account_id,
      environment_id: t.environment_id,
      created_by_admin_user_id: t.created_by_admin_user_id,
    },
  }
}

function listQuery(ctx: AdapterContext, offset: number, size: number): string {
  const params = new URLSearchParams({
    'pagination[offset]': String(offset),
    'pagination[page_size]': String(size),
    'sorting[field]': 'id',
    'sorting[direction]': 'asc',
  })
  if (ctx.connection.accountId) params.set('account_id', ctx.connection.accountId)
  return params.toString()
}

const tokenPath = (id: string): string => `${BASE}/${encodeURIComponent(id)}`
const idempotent = (): Record<string, string> => ({ 'Idempotency-Key': randomUUID() })

async function getToken(ctx: AdapterContext, id: string): Promise<Token> {
  const { details } = await call(ctx, { method: 'GET', path: tokenPath(id), schema: prefactorDetailsSchema })
  return mapPrefactorToken(ctx.connection.id, details)
}

export const prefactorAdapter: ProviderAdapter = {
  id: 'prefactor',
  capabilities,

  async list(ctx, onProgress) {
    return fetchAllPages({
      fetchPage: (index, signal) =>
        call(ctx, { method: 'GET', path: BASE, query: listQuery(ctx, index * PAGE_SIZE, PAGE_SIZE), schema: prefactorListPage, signal }),
      pageCount: (first) => Math.ceil(first.pagination.item_count / PAGE_SIZE),
      // Mapped as each page arrives (paging.ts says why).
      items: (page) => page.summaries.map((t) => mapPrefactorToken(ctx.connection.id, t)),
      idOf: (t) => t.id,
      signal: ctx.signal,
      onProgress,
    })
  },

  async probe(ctx) {
    await call(ctx, { method: 'GET', path: BASE, query: listQuery(ctx, 0, 1), schema: prefactorListPage })
  },

  /**
   * The account the connection names (Prefactor refuses one the credential may not see), else the
   * one its tokens belong to; unknown while it has none.
   */
  async accountOf(ctx) {
    if (ctx.connection.accountId) return ctx.connection.accountId
    const page = await call(ctx, { method: 'GET', path: BASE, query: listQuery(ctx, 0, 1), schema: prefactorListPage })
    return page.summaries[0]?.account_id ?? null
  },

  get: getToken,

  async create(ctx, input) {
    if (input.provider !== 'prefactor') throw new AppError('validation', 'That is not a Prefactor token.')
    const details: Record<string, string> = { token_scope: input.tokenScope }
    if (ctx.connection.accountId) details.account_id = ctx.connection.accountId
    if (input.environmentId) details.environment_id = input.environmentId
    if (input.expiresAt) details.expires_at = input.expiresAt
    const created = await call(ctx, {
      method: 'POST',
      path: BASE,
      body: { details },
      headers: idempotent(),
      retryable: true,
      schema: prefactorCreatedSchema,
    })
    return { token: mapPrefactorToken(ctx.connection.id, created.details), secret: created.token }
  },

  async changeState(ctx, id, action: StateAction) {
    if (action !== 'suspend' && action !== 'activate' && action !== 'revoke') {
      throw new AppError('validation', `Prefactor tokens cannot be ${action}d.`)
    }
    const key = idempotent() // one key for all tries of this one action
    await call(ctx, { method: 'POST', path: `${tokenPath(id)}/${action}`, body: {}, headers: key, retryable: true, schema: prefactorAnySchema })
    // The table shows what the vendor now says, not a guess.
    return getToken(ctx, id)
  },

  async delete(ctx, id) {
    await call(ctx, { method: 'DELETE', path: tokenPath(id), headers: idempotent(), retryable: true })
  },
}
