/**
 * Fynn (examples: test/fixtures/seeds/fynn-list-002.json). Only list and create are documented; a token has no name, state or
 * last-use, and the rights of the user who made it. Its secret is shown once, at creation.
 */
import { PROVIDERS } from '../../../common/providers'
import type { Token } from '../../../common/tokens'
import { tokenKey } from '../../../common/tokens'
import { AppError } from '../../app-error'
import { fetchAllPages } from '../paging'
import { PAGE_SIZE, type ProviderAdapter } from '../provider'
import { vendorCaller } from '../vendor-call'
import { fynnCreatedSchema, fynnErrorMessage, fynnListPage, type FynnToken } from './schemas'

const BASE = '/user/api-tokens'
const READ = { permission: 'user:api-token:read' }
const WRITE = { permission: 'user:api-token:write' }
const call = vendorCaller({ vendor: 'Fynn', messageOf: fynnErrorMessage })

const capabilities = PROVIDERS.fynn.capabilities

export function mapFynnToken(connectionId: string, t: FynnToken): Token {
  return {
    key: tokenKey(connectionId, t.id),
    connectionId,
    provider: 'fynn',
    id: t.id,
    name: t.description || null,
    description: t.description,
    status: 'active', // Fynn tokens have no state
    createdAt: t.createdAt,
    createdBy: null,
    updatedAt: t.updatedAt,
    lastUsedAt: null,
    expiresAt: t.expiresAt,
    scope: [],
    isOwnCredential: false,
    vendor: { id: t.id, description: t.description, expiresAt: t.expiresAt },
  }
}

export const fynnAdapter: ProviderAdapter = {
  id: 'fynn',
  capabilities,

  async list(ctx, onProgress) {
    return fetchAllPages({
      fetchPage: (index, signal) =>
        call(ctx, { method: 'GET', path: BASE, query: `page=${index + 1}&itemsPerPage=${PAGE_SIZE}`, schema: fynnListPage, signal }, READ),
      pageCount: (first) => first.meta.pagination.lastPage,
      // Mapped as each page arrives (paging.ts says why).
      items: (page) => page.data.map((t) => mapFynnToken(ctx.connection.id, t)),
      idOf: (t) => t.id,
      signal: ctx.signal,
      onProgress,
    })
  },

  // No accountOf: Fynn's API says nothing about whose key it is (no user or account on a token or a
  // list), so only the same key twice is known to be one account.
  async probe(ctx) {
    await call(ctx, { method: 'GET', path: BASE, query: 'page=1&itemsPerPage=1', schema: fynnListPage }, READ)
  },

  async create(ctx, input) {
    if (input.provider !== 'fynn') throw new AppError('validation', 'That is not a Fynn token.')
    // Both keys always present: a null expiry means "never expires".
    const created = await call(
      ctx,
      { method: 'POST', path: BASE, body: { description: input.description, expiresAt: input.expiresAt }, schema: fynnCreatedSchema },
      WRITE,
    )
    const token = mapFynnToken(ctx.connection.id, {
      id: created.id,
      description: created.description,
      expiresAt: created.expiresAt,
      createdAt: new Date().toISOString(),
      updatedAt: null,
    })
    return { token, secret: created.token }
  },
}
