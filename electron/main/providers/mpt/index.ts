/** SoftwareOne Marketplace Platform: its public token API (examples: test/fixtures/seeds/mpt-*.json). */
import { z } from 'zod'
import { PROVIDERS } from '../../../common/providers'
import type { StateAction } from '../../../common/tokens'
import { AppError } from '../../app-error'
import { fetchAllPages } from '../paging'
import { PAGE_SIZE, type AdapterContext, type ProviderAdapter } from '../provider'
import { sharedRefs } from '../shared-refs'
import { vendorCaller } from '../vendor-call'
import { mapMptToken } from './mapper'
import { mptQueryString, rql, type Rql } from './rql'
import { mptErrorMessage, mptListPage, mptTokenSchema } from './schemas'

const BASE = '/v1/accounts/api-tokens'
const call = vendorCaller({ vendor: 'SoftwareOne Marketplace', messageOf: mptErrorMessage, permission: 'API token administration' })

const capabilities = PROVIDERS.mpt.capabilities

function accountFilter(ctx: AdapterContext): Rql | undefined {
  return ctx.connection.accountId ? rql.eq('account.id', ctx.connection.accountId) : undefined
}

function tokenPath(id: string): string {
  return `${BASE}/${encodeURIComponent(id)}`
}

/** The token whose secret is the connection's credential (the API's `?token=` filter). */
async function findOwnToken(ctx: AdapterContext, signal?: AbortSignal) {
  const list = await call(ctx, {
    method: 'GET',
    path: BASE,
    query: `token=${encodeURIComponent(ctx.credential)}&limit=2`,
    schema: mptListPage,
    signal,
  })
  return list.data.length === 1 ? list.data[0]! : null
}

export const mptAdapter: ProviderAdapter = {
  id: 'mpt',
  capabilities,

  async list(ctx, onProgress) {
    let ownId: string | null = null
    const shared = sharedRefs()
    const tokens = await fetchAllPages({
      // Which token is our own credential: asked beside the remaining pages. A failed lookup
      // must not fail the inventory (the page calls report real errors).
      alongside: (signal) =>
        findOwnToken(ctx, signal).then(
          (t) => void (ownId = t?.id ?? null),
          () => undefined,
        ),
      fetchPage: (index, signal) =>
        call(ctx, {
          method: 'GET',
          path: BASE,
          query: mptQueryString({ filter: accountFilter(ctx), select: ['+audit'], order: ['id'], limit: PAGE_SIZE, offset: index * PAGE_SIZE }),
          schema: mptListPage,
          signal,
        }),
      pageCount: (first) => {
        const total = first.$meta?.pagination?.total
        if (total === undefined) {
          // Without a total we cannot know the list is complete unless it fits in one page.
          if (first.data.length >= PAGE_SIZE) {
            throw new AppError('unexpected_response', 'SoftwareOne Marketplace did not say how many tokens there are. Details are in the log.')
          }
          return 1
        }
        return Math.ceil(total / PAGE_SIZE)
      },
      // Mapped as each page arrives (paging.ts says why); which one is our own is known at the end.
      items: (page) => page.data.map((t) => mapMptToken(ctx.connection.id, t, null, shared)),
      idOf: (t) => t.id,
      signal: ctx.signal,
      onProgress,
    })
    return ownId === null ? tokens : tokens.map((t) => (t.id === ownId ? { ...t, isOwnCredential: true } : t))
  },

  async probe(ctx) {
    await call(ctx, { method: 'GET', path: BASE, query: mptQueryString({ filter: accountFilter(ctx), limit: 1 }), schema: mptListPage })
  },

  /** The account the connection is narrowed to, else the one the credential's own token belongs to. */
  async accountOf(ctx) {
    if (ctx.connection.accountId) return ctx.connection.accountId
    return (await findOwnToken(ctx))?.account?.id ?? null
  },

  async get(ctx, id) {
    const t = await call(ctx, { method: 'GET', path: tokenPath(id), query: 'select=%2Baudit', schema: mptTokenSchema })
    const own = await findOwnToken(ctx).catch(() => null)
    return mapMptToken(ctx.connection.id, t, own?.id ?? null)
  },

  async create(ctx, input) {
    if (input.provider !== 'mpt') throw new AppError('validation', 'That is not a Marketplace token.')
    let accountId = ctx.connection.accountId
    accountId ??= (await findOwnToken(ctx))?.account?.id ?? null
    if (!accountId) {
      throw new AppError('validation', 'Set the account id (ACC-…) on this connection to create tokens.', { fields: { accountId: 'Needed to create a token.' } })
    }
    const created = await call(ctx, {
      method: 'POST',
      path: BASE,
      body: {
        account: { id: accountId },
        name: input.name,
        description: input.description ?? '',
        modules: input.moduleIds.map((id) => ({ id })),
      },
      schema: mptTokenSchema,
    })
    return { token: mapMptToken(ctx.connection.id, created), secret: created.token ?? null }
  },

  async update(ctx, id, input) {
    // PUT replaces the whole token: keep the icon the vendor has.
    const current = await call(ctx, { method: 'GET', path: tokenPath(id), schema: mptTokenSchema })
    const updated = await call(ctx, {
      method: 'PUT',
      path: tokenPath(id),
      body: {
        name: input.name,
        description: input.description ?? '',
        icon: current.icon ?? null,
        modules: input.moduleIds.map((m) => ({ id: m })),
      },
      schema: mptTokenSchema,
    })
    return mapMptToken(ctx.connection.id, updated)
  },

  async changeState(ctx, id, action: StateAction) {
    if (action !== 'enable' && action !== 'disable') {
      throw new AppError('validation', `SoftwareOne Marketplace tokens cannot be ${action}d.`)
    }
    const t = await call(ctx, { method: 'POST', path: `${tokenPath(id)}/${action}`, schema: mptTokenSchema })
    return mapMptToken(ctx.connection.id, t)
  },

  async delete(ctx, id) {
    await call(ctx, { method: 'DELETE', path: tokenPath(id) })
  },

  async readSecret(ctx, id) {
    const t = await call(ctx, { method: 'GET', path: tokenPath(id), schema: z.object({ token: z.string().nullish() }) })
    return t.token ?? null
  },
}
