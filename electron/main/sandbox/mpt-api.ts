/** The fake SoftwareOne Marketplace token API (after its published API), RQL subset included. */
import { randomBytes } from 'node:crypto'
import { json, isInvalidJson, type SandboxRequest, type SandboxResponse } from './http-kit'
import type { MptRecord, SandboxAccount } from './model'
import { matchesRql, parseRql, RqlSyntaxError, type RqlNode } from './rql-parser'
import { MPT_MODULES } from './seed'
import type { VendorApi } from './vendor-api'

const TITLES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' }

export function mptError(status: number, detail: string, errors?: Record<string, string[]>): unknown {
  return {
    type: `https://tools.ietf.org/html/rfc9110#section-15.${status >= 500 ? 6 : 5}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    traceId: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
    ...(errors ? { errors } : {}),
  }
}

interface ListQuery {
  filters: RqlNode[]
  limit: number
  offset: number
  order: string[]
  includeAudit: boolean
  token: string | null
}

function parseListQuery(raw: string): ListQuery | SandboxResponse {
  const q: ListQuery = { filters: [], limit: 1000, offset: 0, order: [], includeAudit: false, token: null }
  for (const part of raw.split('&').filter(Boolean)) {
    const eq = part.indexOf('=')
    const isRql = eq < 0 || part.indexOf('(') >= 0 && part.indexOf('(') < eq
    if (isRql) {
      try {
        q.filters.push(parseRql(part))
      } catch (e) {
        return json(400, mptError(400, `Invalid RQL: ${(e as RqlSyntaxError).message}`))
      }
      continue
    }
    const key = decodeURIComponent(part.slice(0, eq))
    const value = decodeURIComponent(part.slice(eq + 1))
    if (key === 'rql') return json(400, mptError(400, "'rql' is not a parameter: put the RQL expression directly in the query string."))
    if (key === 'limit') q.limit = Math.min(100, Math.max(0, Number(value) || 0))
    else if (key === 'offset') q.offset = Math.max(0, Number(value) || 0)
    else if (key === 'order') q.order = value.split(',').filter(Boolean)
    else if (key === 'select') q.includeAudit = value.split(',').includes('+audit')
    else if (key === 'token') q.token = value
  }
  return q
}

function read(record: unknown, path: string): string {
  let v: unknown = record
  for (const p of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined
  return v === undefined || v === null ? '' : String(v)
}

function view(t: MptRecord, includeAudit: boolean): Record<string, unknown> {
  const { audit, ...rest } = t
  return includeAudit ? { ...rest, audit } : { ...rest, $meta: { omitted: ['audit'] } }
}

function validateBody(body: unknown, account: SandboxAccount<MptRecord>, creating: boolean): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {}
  const b = (body ?? {}) as Record<string, unknown>
  if (typeof b.name !== 'string' || !b.name.trim()) errors.name = ['The name is required.']
  else if (b.name.length > 200) errors.name = ['The name must be at most 200 characters.']
  if (b.description !== undefined && b.description !== null && (typeof b.description !== 'string' || b.description.length > 2000)) {
    errors.description = ['The description must be text of at most 2000 characters.']
  }
  if (creating && (b.account as { id?: unknown } | undefined)?.id !== account.accountId) errors['account.id'] = ['Unknown account.']
  const modules = b.modules
  if (!Array.isArray(modules) || modules.length === 0) errors.modules = ['At least one module is required.']
  else if (modules.some((m) => !MPT_MODULES.some((k) => k.id === (m as { id?: unknown })?.id))) errors.modules = ['Unknown module.']
  return Object.keys(errors).length ? errors : null
}

export function mptApi(now: () => Date): VendorApi<MptRecord> {
  const stamp = (): string => now().toISOString()
  const newId = (): string => `TKN-${1000 + Math.floor(Math.random() * 9000)}-${1000 + Math.floor(Math.random() * 9000)}`

  return {
    vendor: 'mpt',
    basePath: '/public',
    errorBody: (status, message) => mptError(status, message),
    credentialOf: (t) => ({ secret: t.token, live: t.status === 'Active' }),
    drift: (route, body) => {
      if (route === 'list' && body && typeof body === 'object') {
        const { data, ...rest } = body as { data: unknown }
        return { ...rest, results: data }
      }
      return body && typeof body === 'object' ? { ...(body as object), id: 12345 } : body
    },
    route(req: SandboxRequest, account) {
      const m = /^\/v1\/accounts\/api-tokens(?:\/([^/]+))?(?:\/(enable|disable))?$/.exec(req.path)
      if (!m) return null
      const id = m[1] ? decodeURIComponent(m[1]) : null
      const action = m[2] as 'enable' | 'disable' | undefined
      const visible = account.tokens.filter((t) => t.status !== 'Deleted')
      const find = (): MptRecord | undefined => visible.find((t) => t.id === id)
      const notFound = (): SandboxResponse => json(404, mptError(404, `API token ${id} was not found.`))

      if (!id && req.method === 'GET') {
        return {
          name: 'list',
          handle: () => {
            const q = parseListQuery(req.query)
            if ('status' in q) return q
            let rows = q.token !== null ? visible.filter((t) => t.token === q.token) : visible
            for (const f of q.filters) rows = rows.filter((t) => matchesRql(f, t))
            for (const key of [...q.order].reverse()) {
              const desc = key.startsWith('-')
              const field = desc ? key.slice(1) : key
              rows = [...rows].sort((a, b) => read(a, field).localeCompare(read(b, field)) * (desc ? -1 : 1))
            }
            const page = rows.slice(q.offset, q.offset + q.limit).map((t) => view(t, q.includeAudit))
            return json(200, {
              $meta: { pagination: { offset: q.offset, limit: q.limit, total: rows.length }, ...(q.includeAudit ? {} : { omitted: ['audit'] }) },
              data: page,
            })
          },
        }
      }
      if (!id && req.method === 'POST') {
        return {
          name: 'create',
          handle: () => {
            if (isInvalidJson(req.body)) return json(400, mptError(400, 'The body is not valid JSON.'))
            const errors = validateBody(req.body, account, true)
            if (errors) return json(400, mptError(400, 'One or more validation errors occurred.', errors))
            const b = req.body as { name: string; description?: string; icon?: string; modules: Array<{ id: string }> }
            const tokenId = newId()
            const who = { id: 'USR-0000-0001', name: 'Tokendesk Sandbox' }
            const record: MptRecord = {
              id: tokenId,
              href: `/v1/accounts/api-tokens/${tokenId}`,
              name: b.name,
              description: b.description ?? '',
              icon: b.icon ?? null,
              status: 'Active',
              lastAccessAt: null,
              token: `idt:${tokenId}:${randomBytes(24).toString('base64url')}`,
              account: { id: account.accountId, name: account.accountName },
              modules: b.modules.map((mod) => MPT_MODULES.find((k) => k.id === mod.id)!),
              audit: { created: { at: stamp(), by: who }, updated: { at: stamp(), by: who } },
            }
            account.tokens.push(record)
            return json(201, view(record, true))
          },
        }
      }
      if (id && !action && req.method === 'GET') {
        return {
          name: 'get',
          handle: () => {
            const t = find()
            return t ? json(200, view(t, new URLSearchParams(req.query).get('select')?.includes('+audit') ?? false)) : notFound()
          },
        }
      }
      if (id && !action && req.method === 'PUT') {
        return {
          name: 'update',
          handle: () => {
            const t = find()
            if (!t) return notFound()
            const errors = validateBody(req.body, account, false)
            if (errors) return json(400, mptError(400, 'One or more validation errors occurred.', errors))
            const b = req.body as { name: string; description?: string; icon?: string | null; modules: Array<{ id: string }> }
            t.name = b.name
            t.description = b.description ?? ''
            t.icon = b.icon ?? null
            t.modules = b.modules.map((mod) => MPT_MODULES.find((k) => k.id === mod.id)!)
            t.audit.updated = { at: stamp(), by: { id: 'USR-0000-0001', name: 'Tokendesk Sandbox' } }
            return json(200, view(t, true))
          },
        }
      }
      if (id && !action && req.method === 'DELETE') {
        return {
          name: 'delete',
          handle: () => {
            const t = find()
            if (!t) return notFound()
            t.status = 'Deleted'
            return json(204)
          },
        }
      }
      if (id && action && req.method === 'POST') {
        return {
          name: action,
          handle: () => {
            const t = find()
            if (!t) return notFound()
            const target = action === 'enable' ? 'Active' : 'Disabled'
            if (t.status === target) {
              return json(400, mptError(400, `The API token is already ${target === 'Active' ? 'active' : 'disabled'}.`))
            }
            t.status = target
            t.audit.updated = { at: stamp(), by: { id: 'USR-0000-0001', name: 'Tokendesk Sandbox' } }
            return json(200, view(t, true))
          },
        }
      }
      return null
    },
  }
}
