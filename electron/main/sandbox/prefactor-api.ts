/** The fake Prefactor token API (after Prefactor's published API), idempotency keys included. */
import { randomBytes } from 'node:crypto'
import { json, isInvalidJson, type SandboxRequest, type SandboxResponse } from './http-kit'
import type { PrefactorRecord, SandboxAccount } from './model'
import { CROCKFORD } from './random'
import type { RouteMatch, VendorApi } from './vendor-api'

export function prefactorError(status: number, message: string, code = 'bad_request'): unknown {
  return { status: 'error', code, message }
}

const newId = (): string => Array.from(randomBytes(32), (b) => CROCKFORD[b % 32]).join('')
const summary = ({ secret: _secret, ...rest }: PrefactorRecord): Omit<PrefactorRecord, 'secret'> => rest

const TRANSITIONS: Record<'suspend' | 'activate' | 'revoke', { from: PrefactorRecord['status'][]; to: PrefactorRecord['status'] }> = {
  suspend: { from: ['active'], to: 'suspended' },
  activate: { from: ['suspended'], to: 'active' },
  revoke: { from: ['active', 'suspended'], to: 'revoked' },
}

export function prefactorApi(now: () => Date): VendorApi<PrefactorRecord> {
  // Idempotency-Key → the request it was first used for, and the answer given.
  const seen = new Map<string, { request: string; response: SandboxResponse }>()

  function idempotent(req: SandboxRequest, handle: () => SandboxResponse): () => SandboxResponse {
    return () => {
      const key = req.headers['idempotency-key']
      if (typeof key !== 'string' || !key) return handle()
      const request = `${req.method} ${req.path}`
      const before = seen.get(key)
      if (before) {
        return before.request === request
          ? before.response
          : json(400, prefactorError(400, 'This idempotency key was already used for another request.', 'idempotency_key_already_used'))
      }
      const response = handle()
      if (response.status < 500) seen.set(key, { request, response })
      return response
    }
  }

  return {
    vendor: 'prefactor',
    credentialOf: (t) => ({ secret: t.secret, live: t.status === 'active' && (t.expires_at === null || Date.parse(t.expires_at) > now().getTime()) }),
    basePath: '',
    errorBody: (status, message) =>
      prefactorError(status, message, status === 401 ? 'not_authenticated' : status === 403 ? 'not_permitted' : status === 404 ? 'not_found' : status >= 500 ? 'unexpected' : 'bad_request'),
    drift: (route, body) => {
      if (route === 'list' && body && typeof body === 'object') {
        const { summaries, ...rest } = body as { summaries: unknown }
        return { ...rest, tokens: summaries }
      }
      const b = body as { details?: object } | undefined
      return b?.details ? { ...b, details: { ...b.details, status: 42 } } : body
    },
    route(req, account: SandboxAccount<PrefactorRecord>): RouteMatch | null {
      const m = /^\/api\/v1\/api_token(?:\/([^/]+))?(?:\/(suspend|activate|revoke))?$/.exec(req.path)
      if (!m) return null
      const id = m[1] ? decodeURIComponent(m[1]) : null
      const action = m[2] as keyof typeof TRANSITIONS | undefined
      const find = (): PrefactorRecord | undefined => account.tokens.find((t) => t.id === id)
      const notFound = (): SandboxResponse => json(404, prefactorError(404, 'API token not found.', 'not_found'))

      if (!id && req.method === 'GET') {
        return {
          name: 'list',
          handle: () => {
            const offset = Number(req.params.get('pagination[offset]') ?? '0')
            const size = Math.min(100, Number(req.params.get('pagination[page_size]') ?? '10'))
            if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(size) || size < 1) {
              return json(400, prefactorError(400, 'Invalid pagination.', 'invalid_value'))
            }
            const accountId = req.params.get('account_id')
            if (accountId && accountId !== account.accountId) return json(403, prefactorError(403, 'Not permitted for that account.', 'not_permitted'))
            const direction = req.params.get('sorting[direction]') === 'desc' ? -1 : 1
            const rows = [...account.tokens].sort((a, b) => a.id.localeCompare(b.id) * direction)
            const page = rows.slice(offset, offset + size)
            const count = rows.length
            return json(200, {
              status: 'success',
              pagination: {
                item_count: count,
                item_start: page.length ? offset + 1 : 0,
                item_end: offset + page.length,
                page_count: Math.max(1, Math.ceil(count / size)),
                page_index: Math.floor(offset / size) + 1,
                page_offset: offset,
                page_size: size,
                next_page_offset: offset + size < count ? offset + size : null,
                previous_page_offset: offset > 0 ? Math.max(0, offset - size) : null,
              },
              sorting: { field: 'id', direction: direction === 1 ? 'asc' : 'desc' },
              summaries: page.map(summary),
            })
          },
        }
      }
      if (!id && req.method === 'POST') {
        return {
          name: 'create',
          handle: idempotent(req, () => {
            const details = (req.body as { details?: Record<string, unknown> } | undefined)?.details
            if (isInvalidJson(req.body) || !details) return json(400, prefactorError(400, 'details is required.', 'required_value'))
            if (typeof details.token_scope !== 'string' || !details.token_scope) {
              return json(422, { ...(prefactorError(422, 'token_scope is required.', 'required_value') as object), errors: { token_scope: ['is required'] } })
            }
            if (details.expires_at != null && Number.isNaN(Date.parse(String(details.expires_at)))) {
              return json(422, prefactorError(422, 'expires_at is not a date-time.', 'invalid_value'))
            }
            const stamp = now().toISOString()
            const record: PrefactorRecord = {
              id: newId(),
              type: 'api_token',
              account_id: account.accountId,
              environment_id: typeof details.environment_id === 'string' ? details.environment_id : null,
              created_by_admin_user_id: newId(),
              token_scope: details.token_scope,
              status: 'active',
              expires_at: details.expires_at ? new Date(String(details.expires_at)).toISOString() : null,
              inserted_at: stamp,
              updated_at: stamp,
              last_used_at: null,
              secret: `pf_${randomBytes(24).toString('base64url')}`,
            }
            account.tokens.push(record)
            return json(200, { status: 'success', details: summary(record), token: record.secret })
          }),
        }
      }
      if (id && !action && req.method === 'GET') {
        return { name: 'get', handle: () => (find() ? json(200, { status: 'success', details: summary(find()!) }) : notFound()) }
      }
      if (id && action && req.method === 'POST') {
        return {
          name: action,
          handle: idempotent(req, () => {
            const t = find()
            if (!t) return notFound()
            const rule = TRANSITIONS[action]
            if (!rule.from.includes(t.status)) {
              return json(400, prefactorError(400, `Cannot ${action} a token that is ${t.status}.`, 'invalid_action'))
            }
            t.status = rule.to
            t.updated_at = now().toISOString()
            return json(200, { status: 'success', details: summary(t) })
          }),
        }
      }
      if (id && !action && req.method === 'DELETE') {
        return {
          name: 'delete',
          handle: idempotent(req, () => {
            const t = find()
            if (!t) return notFound()
            if (t.status !== 'revoked') {
              return json(400, prefactorError(400, 'Only a revoked token can be deleted. Revoke it first.', 'invalid_action'))
            }
            account.tokens.splice(account.tokens.indexOf(t), 1)
            return json(200, { status: 'success' })
          }),
        }
      }
      return null
    },
  }
}
