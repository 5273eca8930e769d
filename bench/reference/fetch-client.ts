/**
 * The refresh reference: the least a client can do to fetch the same inventory. Node's `fetch`,
 * at most 6 requests in flight per host, per connection the first page and then the rest (and
 * Marketplace's own-token lookup) at once, each body through `JSON.parse` and nothing else — no
 * validation, no mapping, no retries, no deadlines, no snapshot. The same requests as the
 * project's adapters make, against the same sandbox, so the gap between the two is the project's
 * own work per page.
 */
export interface ReferenceConnection {
  provider: 'mpt' | 'fynn' | 'prefactor'
  baseUrl: string
  credential: string
}

const PAGE = 100
const PER_HOST = 6

/** A counting semaphore per origin: the per-host cap, without a library. */
function hostSlots(): (url: string, task: () => Promise<unknown>) => Promise<unknown> {
  const hosts = new Map<string, { active: number; queue: Array<() => void> }>()
  return async (url, task) => {
    const origin = new URL(url).origin
    let host = hosts.get(origin)
    if (!host) hosts.set(origin, (host = { active: 0, queue: [] }))
    if (host.active >= PER_HOST) await new Promise<void>((resolve) => host.queue.push(resolve))
    host.active += 1
    try {
      return await task()
    } finally {
      host.active -= 1
      host.queue.shift()?.()
    }
  }
}

function pageUrl(c: ReferenceConnection, index: number): string {
  const base = c.baseUrl.replace(/\/+$/, '')
  if (c.provider === 'mpt') return `${base}/v1/accounts/api-tokens?order=id&select=%2Baudit&limit=${PAGE}${index ? `&offset=${index * PAGE}` : ''}`
  if (c.provider === 'fynn') return `${base}/user/api-tokens?page=${index + 1}&itemsPerPage=${PAGE}`
  return `${base}/api/v1/api_token?pagination%5Boffset%5D=${index * PAGE}&pagination%5Bpage_size%5D=${PAGE}&sorting%5Bfield%5D=id&sorting%5Bdirection%5D=asc`
}

interface AnyPage {
  data?: unknown[]
  summaries?: unknown[]
  $meta?: { pagination?: { total?: number } }
  meta?: { pagination?: { lastPage?: number } }
  pagination?: { item_count?: number }
}

function pageCount(c: ReferenceConnection, first: AnyPage): number {
  if (c.provider === 'mpt') return Math.ceil((first.$meta?.pagination?.total ?? 0) / PAGE)
  if (c.provider === 'fynn') return first.meta?.pagination?.lastPage ?? 1
  return Math.ceil((first.pagination?.item_count ?? 0) / PAGE)
}

/** Fetches every connection's every page; resolves to the number of tokens received. */
export async function referenceRefreshAll(connections: ReferenceConnection[]): Promise<number> {
  const slot = hostSlots()
  const get = (c: ReferenceConnection, url: string): Promise<AnyPage> =>
    slot(url, async () => {
      const res = await fetch(url, { headers: { Accept: 'application/json', Authorization: `Bearer ${c.credential}` } })
      if (!res.ok) throw new Error(`reference client: ${res.status} from ${url}`)
      return JSON.parse(await res.text()) as AnyPage
    }) as Promise<AnyPage>
  const counts = await Promise.all(
    connections.map(async (c) => {
      const first = await get(c, pageUrl(c, 0))
      const rest = Array.from({ length: Math.max(1, pageCount(c, first)) - 1 }, (_, i) => get(c, pageUrl(c, i + 1)))
      if (c.provider === 'mpt') rest.push(get(c, `${c.baseUrl.replace(/\/+$/, '')}/v1/accounts/api-tokens?token=${encodeURIComponent(c.credential)}&limit=2`))
      const pages = [first, ...(await Promise.all(rest))]
      if (c.provider === 'mpt') pages.pop() // the own-token lookup is not a page of the list
      return pages.reduce((n, p) => n + (p.data ?? p.summaries ?? []).length, 0)
    }),
  )
  return counts.reduce((a, b) => a + b, 0)
}
