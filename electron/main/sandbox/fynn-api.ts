/** The fake Fynn token API (after Fynn's published API): list and create; nothing else is documented. */
import { randomBytes } from 'node:crypto'
import { json, isInvalidJson } from './http-kit'
import type { FynnRecord } from './model'
import type { VendorApi } from './vendor-api'

export function fynnError(status: number, message: string): unknown {
  return { '@context': '/contexts/Error', '@type': 'hydra:Error', 'hydra:title': 'An error occurred', 'hydra:description': message, status }
}

export function fynnApi(now: () => Date): VendorApi<FynnRecord> {
  return {
    vendor: 'fynn',
    credentialOf: (t) => ({ secret: t.secret, live: t.expiresAt === null || Date.parse(t.expiresAt) > now().getTime() }),
    basePath: '',
    errorBody: (status, message) => fynnError(status, message),
    drift: (route, body) => {
      if (route === 'list' && body && typeof body === 'object') {
        const { data, ...rest } = body as { data: unknown }
        return { ...rest, items: data }
      }
      return body && typeof body === 'object' ? { ...(body as object), id: null } : body
    },
    route(req, account) {
      if (req.path === '/user/api-tokens' && req.method === 'GET') {
        return {
          name: 'list',
          handle: () => {
            const page = Number(req.params.get('page') ?? '1')
            const perPage = Number(req.params.get('itemsPerPage') ?? '30')
            if (!Number.isInteger(page) || page < 1) return json(400, fynnError(400, 'Page should not be less than 1'))
            if (!Number.isInteger(perPage) || perPage < 0 || perPage > 100) {
              return json(400, fynnError(400, 'itemsPerPage must be between 0 and 100'))
            }
            const total = account.tokens.length
            const lastPage = perPage === 0 ? 1 : Math.max(1, Math.ceil(total / perPage))
            const rows = account.tokens.slice((page - 1) * perPage, page * perPage)
            return json(200, {
              data: rows.map((t) => ({
                id: t.id,
                description: t.description,
                expiresAt: t.expiresAt,
                createdAt: t.createdAt,
                updatedAt: t.updatedAt,
                apiToken: '**********',
              })),
              meta: { pagination: { totalItems: total, itemsPerPage: perPage, currentPage: page, lastPage, pageTotalItems: rows.length } },
            })
          },
        }
      }
      if (req.path === '/user/api-tokens' && req.method === 'POST') {
        return {
          name: 'create',
          handle: () => {
            const b = req.body as Record<string, unknown> | undefined
            if (isInvalidJson(req.body) || !b || typeof b !== 'object') return json(400, fynnError(400, 'Syntax error'))
            if (!('description' in b) || !('expiresAt' in b)) {
              return json(422, fynnError(422, 'description and expiresAt are both required (null allowed).'))
            }
            if (b.description !== null && typeof b.description !== 'string') return json(422, fynnError(422, 'description: This value should be of type string.'))
            if (b.expiresAt !== null && (typeof b.expiresAt !== 'string' || Number.isNaN(Date.parse(b.expiresAt)))) {
              return json(422, fynnError(422, 'expiresAt: This value is not a valid datetime.'))
            }
            if (typeof b.expiresAt === 'string' && Date.parse(b.expiresAt) <= now().getTime()) {
              return json(422, fynnError(422, 'expiresAt: The expiry must be in the future.'))
            }
            const record: FynnRecord = {
              id: randomBytes(10).toString('hex').toUpperCase(),
              description: b.description as string | null,
              expiresAt: b.expiresAt === null ? null : new Date(b.expiresAt as string).toISOString(),
              createdAt: now().toISOString(),
              updatedAt: now().toISOString(),
              secret: `fynn_${randomBytes(24).toString('base64url')}`,
            }
            account.tokens.push(record)
            // The only time the secret is shown.
            return json(201, { id: record.id, token: record.secret, description: record.description, expiresAt: record.expiresAt })
          },
        }
      }
      if (/^\/user\/api-tokens\/[^/]+$/.test(req.path)) {
        // Not documented as API operations: answer as an API Platform app without them would.
        return { name: req.method === 'DELETE' ? 'delete' : 'get', handle: () => json(405, fynnError(405, `No route found for "${req.method} ${req.path}": Method Not Allowed`)) }
      }
      return null
    },
  }
}
