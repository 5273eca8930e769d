/**
 * What both render references share: the data (the same lean tokens, connections and local
 * metadata the project's window gets, served as /data.json), the columns the project's grid
 * shows at this size (its column ids and grid template, passed in the page's URL by the bench),
 * the text of each cell, the search haystack, and a filter that narrows while typing forward.
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
  /** Token key → the user's owner and display name (the project's metadata). */
  meta: Record<string, { owner: string | null; displayName: string | null }>
  now: number
}

export const ROW = 32

/** The columns a reference can draw: the project's grid columns (renderer/src/features/inventory/grid-columns.ts). */
export type ColumnId = 'select' | 'name' | 'client' | 'owner' | 'connection' | 'scope' | 'createdBy' | 'createdAt' | 'lastUsedAt' | 'expiresAt' | 'status'
export const LABELS: Record<ColumnId, string> = {
  select: '',
  name: 'Token',
  client: 'Client',
  owner: 'Owner',
  connection: 'Connection',
  scope: 'Scope',
  createdBy: 'Created by',
  createdAt: 'Created',
  lastUsedAt: 'Last access',
  expiresAt: 'Expires',
  status: 'Status',
}

export async function loadData(): Promise<RefData> {
  const data = (await (await fetch('/data.json')).json()) as RefData
  data.tokens.sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0))
  return data
}

/** The grid as the project's measured in the same browser (?w=…&h=…&cols=…&tpl=…). */
export function gridLayout(): { style: Record<string, string>; columns: ColumnId[] } {
  const q = new URLSearchParams(location.search)
  const columns = (q.get('cols') ?? 'select,name,client,connection,lastUsedAt,expiresAt,status').split(',') as ColumnId[]
  const tpl = q.get('tpl') ?? columns.map((c) => (c === 'select' ? '34px' : c === 'name' ? 'minmax(220px, 1fr)' : '120px')).join(' ')
  return { style: { width: `${q.get('w') ?? 1000}px`, height: `${q.get('h') ?? 640}px`, '--td-cols': tpl, '--td-grid-min': `${q.get('min') ?? 900}px` }, columns }
}

/** The project's own relative dates (the text is part of the data shape, not of the grid). */
function relative(iso: string | null, now: number, none: string): string {
  return iso ? relativeTime(iso, now) : none
}

export interface RowCells {
  name: string
  id: string
  client: string
  owner: string
  connection: string
  provider: string
  scope: string
  createdBy: string
  createdAt: string
  lastUsedAt: string
  expiresAt: string
  status: string
  expired: boolean
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
      const meta = data.meta[t.key]
      cells = {
        name: t.name ?? meta?.displayName ?? 'Unnamed',
        id: t.name === t.id ? '' : t.id,
        client: c?.client || 'No client',
        owner: meta?.owner ?? '—',
        connection: c?.label ?? '',
        provider: PROVIDER[t.provider],
        scope: t.provider === 'fynn' ? 'Creator’s rights' : t.scope.length === 1 ? t.scope[0]! : t.scope.length ? `${t.scope.length} modules` : '—',
        createdBy: t.createdBy?.name ?? t.createdBy?.id ?? '—',
        createdAt: relative(t.createdAt, data.now, '—'),
        lastUsedAt: relative(t.lastUsedAt, data.now, 'Never'),
        expiresAt: relative(t.expiresAt, data.now, 'No expiry'),
        status: t.status,
        expired: t.expiresAt !== null && Date.parse(t.expiresAt) < data.now,
      }
      cache.set(t, cells)
    }
    return cells
  }
}

/** Matches of the search text, narrowing the previous matches when the text grows. */
export function textFilter(tokens: RefToken[]): (text: string) => RefToken[] {
  // The fields the project's search reads (@common/token-query searchText).
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
