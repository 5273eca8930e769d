/**
 * Every adapter's parsing path (the real list() code over an HTTP client that answers with a
 * mutated vendor payload), ≥ 1,000 mutations each: tokens, or a typed error — never a crash.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Connection } from '../../../electron/common/model'
import { PROVIDER_IDS, type ProviderId } from '../../../electron/common/providers'
import { AppError } from '../../../electron/main/app-error'
import { HostLimiter } from '../../../electron/main/providers/http/host-limiter'
import { parseBody, type VendorHttp } from '../../../electron/main/providers/http/vendor-http'
import { ADAPTERS } from '../../../electron/main/providers/registry'
import { silentLogger } from '../../../electron/main/services/logger'
import { exactData } from '../../support/sandbox-data'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

/** What the vendor's list endpoint answers for a page of these records. */
function listPayload(provider: ProviderId): Json {
  const data = exactData(3)
  if (provider === 'mpt') {
    return { $meta: { pagination: { offset: 0, limit: 100, total: 3 } }, data: data.mpt[0]!.tokens as unknown as Json[] }
  }
  if (provider === 'fynn') {
    const rows = data.fynn[0]!.tokens.map(({ secret: _s, ...t }) => ({ ...t, apiToken: '**********' }))
    return { data: rows, meta: { pagination: { totalItems: 3, itemsPerPage: 100, currentPage: 1, lastPage: 1, pageTotalItems: 3 } } }
  }
  const rows = data.prefactor[0]!.tokens.map(({ secret: _s, ...t }) => t)
  return { status: 'success', pagination: { item_count: 3, page_count: 1, page_size: 100, page_offset: 0, next_page_offset: null }, summaries: rows as unknown as Json[] }
}

/** All paths to nodes of a JSON value. */
function paths(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out = [prefix]
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])))
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]))
  return out
}

function mutate(value: Json, at: Array<string | number>, op: 'replace' | 'delete' | 'wrap', replacement: Json): Json {
  if (at.length === 0) return op === 'wrap' ? [value] : op === 'delete' ? null : replacement
  const copy: Json = structuredClone(value)
  let parent = copy as Record<string | number, Json>
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, Json>
  const last = at.at(-1)!
  if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1)
    else delete parent[last]
  } else {
    parent[last] = op === 'wrap' ? [parent[last]!] : replacement
  }
  return copy
}

function connection(provider: ProviderId): Connection {
  return { id: '00000000-0000-4000-8000-000000000000', provider, label: provider, client: '', baseUrl: 'https://vendor.example', accountId: null, createdAt: '', credentialLast4: null }
}

/** An HTTP client whose every answer is `body`, parsed exactly as the real client parses. */
function answering(body: string): VendorHttp {
  return {
    limiter: new HostLimiter(),
    request: async (req) => (req.schema ? parseBody(body, req.schema, req.errors.vendor, silentLogger) : (undefined as never)),
  }
}

async function outcome(provider: ProviderId, body: string): Promise<'tokens' | 'typed-error'> {
  try {
    const tokens = await ADAPTERS[provider].list({ connection: connection(provider), credential: 'x', http: answering(body) })
    expect(Array.isArray(tokens)).toBe(true)
    for (const t of tokens) expect(typeof t.id === 'string' && (typeof t.name === 'string' || t.name === null) && typeof t.status === 'string').toBe(true)
    return 'tokens'
  } catch (error) {
    // Anything but our typed error is a crash escaping the adapter.
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).kind).toBe('unexpected_response')
    return 'typed-error'
  }
}

describe.each(PROVIDER_IDS)('%s parser fuzzing', (provider) => {
  const base = listPayload(provider)
  const nodes = paths(base)

  it('the untouched payload parses', async () => {
    expect(await outcome(provider, JSON.stringify(base))).toBe('tokens')
  })

  it('1,000 structural mutations: tokens or a typed error', async () => {
    const seen = new Set<string>()
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.constantFrom('replace', 'delete', 'wrap') as fc.Arbitrary<'replace' | 'delete' | 'wrap'>, fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, async (n, op, replacement) => {
        seen.add(await outcome(provider, JSON.stringify(mutate(base, nodes[n % nodes.length]!, op, replacement))))
      }),
      { numRuns: 1000 },
    )
    expect(seen).toEqual(new Set(['tokens', 'typed-error'])) // the mutations reach both outcomes
  })

  it('1,000 garbled bodies: a typed error', async () => {
    const text = JSON.stringify(base)
    await fc.assert(
      fc.asyncProperty(fc.nat(text.length), fc.string({ maxLength: 8 }), async (cut, junk) => {
        const body = text.slice(0, cut) + junk
        if (body === text) return
        await outcome(provider, body)
      }),
      { numRuns: 1000 },
    )
  })
})
