/**
 * The inventory grid's columns: order, default width, minimum, and priority. When the window is
 * too narrow for every column, the highest priority number gives way first; 0 never does (the
 * check box and the token; the client is 1, because a row must always say whose token it is).
 */
import type { SortKey } from '@common/token-query'

export type GridColumnId = 'select' | 'name' | 'client' | 'owner' | 'connection' | 'scope' | 'createdBy' | 'createdAt' | 'lastUsedAt' | 'expiresAt' | 'findings' | 'status'

export interface GridColumn {
  id: GridColumnId
  label: string
  sort: SortKey | null
  size: number
  minSize: number
  priority: number
  /** The user may hide it (and resize it). */
  optional: boolean
}

export const GRID_COLUMNS: readonly GridColumn[] = [
  { id: 'select', label: '', sort: null, size: 34, minSize: 34, priority: 0, optional: false },
  { id: 'name', label: 'Token', sort: 'name', size: 220, minSize: 160, priority: 0, optional: false },
  { id: 'client', label: 'Client', sort: 'client', size: 130, minSize: 80, priority: 1, optional: false },
  // The user's own attribution (token metadata): not sortable here, the vendors know nothing of it.
  { id: 'owner', label: 'Owner', sort: null, size: 130, minSize: 80, priority: 2, optional: true },
  { id: 'connection', label: 'Connection', sort: 'connection', size: 200, minSize: 110, priority: 3, optional: true },
  { id: 'scope', label: 'Scope', sort: 'scope', size: 120, minSize: 80, priority: 6, optional: true },
  { id: 'createdBy', label: 'Created by', sort: 'createdBy', size: 130, minSize: 100, priority: 5, optional: true },
  { id: 'createdAt', label: 'Created', sort: 'createdAt', size: 104, minSize: 84, priority: 4, optional: true },
  { id: 'lastUsedAt', label: 'Last access', sort: 'lastUsedAt', size: 108, minSize: 96, priority: 3, optional: true },
  { id: 'expiresAt', label: 'Expires', sort: 'expiresAt', size: 104, minSize: 84, priority: 2, optional: true },
  // The policy's findings (icon + count); shown only while a policy is in force.
  { id: 'findings', label: 'Findings', sort: 'findings', size: 96, minSize: 84, priority: 2, optional: true },
  { id: 'status', label: 'Status', sort: 'status', size: 170, minSize: 150, priority: 1, optional: false },
]

export const COLUMN_BY_ID = new Map(GRID_COLUMNS.map((c) => [c.id, c] as const))

/**
 * The columns that fit `width`: the user's visible columns at their widths (the token column at
 * its own, as it takes any space left), dropping the highest priority number first. `keep`: the
 * column the rows are sorted by stays (a sort must show what it sorts on).
 */
export function columnsThatFit(width: number, sizeOf: (id: GridColumnId) => number, hidden: ReadonlySet<string>, keep: GridColumnId | null = null): Set<GridColumnId> {
  const shown = GRID_COLUMNS.filter((c) => !hidden.has(c.id))
  const fitting = new Set(shown.map((c) => c.id))
  let total = shown.reduce((n, c) => n + sizeOf(c.id), 0)
  for (const c of [...shown].sort((a, b) => b.priority - a.priority)) {
    if (total <= width) break
    if (c.priority === 0 || c.id === keep) continue
    fitting.delete(c.id)
    total -= sizeOf(c.id)
  }
  return fitting
}
