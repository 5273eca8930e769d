/**
 * What both render references share: the data (the same lean tokens and connections the
 * project's window gets, served as /data.json), the text of a row's nine cells (the project's
 * columns: check, token name + id, scope, created by, created, last access, expires, status,
 * connection), the search haystack, and a filter that narrows while typing forward.
 */
import { relativeTime } from '../../../renderer/src/format'

export interface RefToken {
  key: string
  connectionId: string
  provider: 'mpt' | 'fynn' | 'prefactor'
  id: string
  name: string | null
  description: string | null
  status: string
  createdAt: string | null
  createdBy: { id: string | null; name: string | null } | null
  lastUsedAt: string | null
  expiresAt: string | null
  scope: string[]
  isOwnCredential: boolean
}

export interface RefData {
  tokens: RefToken[]
  connections: Array<{ id: string; label: string; client: string }>
  now: number
}

export const ROW = 32

export async function loadData(): Promise<RefData> {
  const data = (await (await fetch('/data.json')).json()) as RefData
  data.tokens.sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0))
  return data
}

/** The grid's size, as the project's grid measured in the same browser (?w=…&h=…). */
export function gridSize(): { width: string; height: string } {
  const q = new URLSearchParams(location.search)
  return { width: `${q.get('w') ?? 1000}px`, height: `${q.get('h') ?? 640}px` }
}

/** The project's own relative dates (the text is part of the data shape, not of the grid). */
function relative(iso: string | null, now: number, none: string): string {
  return iso ? relativeTime(iso, now) : none
}

export interface RowCells {
  name: string
  id: string
  scope: string
  creator: string
  created: string
  lastUsed: string
  expires: string
  status: string
  expired: boolean
  provider: string
  connection: string
}

const PROVIDER = { mpt: 'Marketplace', fynn: 'Fynn', prefactor: 'Prefactor' }

/** A row's text, made once per token (rows scroll by many times). */
export function rowCells(data: RefData): (t: RefToken) => RowCells {
  const cache = new WeakMap<RefToken, RowCells>()
  const connections = new Map(data.connections.map((c) => [c.id, c]))
  return (t) => {
    let cells = cache.get(t)
    if (!cells) {
      const c = connections.get(t.connectionId)
      cells = {
        name: t.name ?? 'Unnamed',
        id: t.name === t.id ? '' : t.id,
        scope: t.provider === 'fynn' ? 'Creator’s rights' : t.scope.length === 1 ? t.scope[0]! : t.scope.length ? `${t.scope.length} modules` : '—',
        creator: t.createdBy?.name ?? t.createdBy?.id ?? '—',
        created: relative(t.createdAt, data.now, '—'),
        lastUsed: relative(t.lastUsedAt, data.now, 'Never'),
        expires: relative(t.expiresAt, data.now, 'No expiry'),
        status: t.status,
        expired: t.expiresAt !== null && Date.parse(t.expiresAt) < data.now,
        provider: PROVIDER[t.provider],
        connection: c ? `${c.label} · ${c.client}` : '',
      }
      cache.set(t, cells)
    }
    return cells
  }
}

/** Matches of the search text, narrowing the previous matches when the text grows. */
export function textFilter(tokens: RefToken[]): (text: string) => RefToken[] {
  const haystacks = tokens.map((t) => `${t.name ?? ''}\n${t.id}\n${t.description ?? ''}\n${t.createdBy?.name ?? ''}\n${t.createdBy?.id ?? ''}`.toLowerCase())
  let last: { text: string; indexes: number[] } | null = null
  return (raw) => {
    const text = raw.trim().toLowerCase()
    if (!text) {
      last = null
      return tokens
    }
    const from = last && text.startsWith(last.text) ? last.indexes : null
    const indexes: number[] = []
    for (const i of from ?? haystacks.keys()) if (haystacks[i]!.includes(text)) indexes.push(i)
    last = { text, indexes }
    return indexes.map((i) => tokens[i]!)
  }
}
