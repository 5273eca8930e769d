/**
 * The grid's column model: TanStack Table (headless) holds the columns, their widths, resizing and
 * visibility; this adds priorities (columns give way when the window is narrow, see
 * grid-columns.ts) and keeps the user's widths and hidden columns in localStorage (a UI
 * preference of this window, never token data). Rows are not given to TanStack: the shared
 * token-query module sorts and filters 50,000 tokens, and TanStack Virtual renders them.
 */
import { columnResizingFeature, columnSizingFeature, columnVisibilityFeature, functionalUpdate, tableFeatures, useTable, type ColumnSizingState, type Updater } from '@tanstack/vue-table'
import { computed, ref, type Ref } from 'vue'
import { COLUMN_BY_ID, GRID_COLUMNS, columnsThatFit, type GridColumn, type GridColumnId } from '@/features/inventory/grid-columns'

const STORAGE_KEY = 'tokendesk.grid.v1'
const features = tableFeatures({ columnSizingFeature, columnResizingFeature, columnVisibilityFeature })

interface Stored {
  sizing: ColumnSizingState
  hidden: string[]
}

function load(): Stored {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Stored>
    const sizing = Object.fromEntries(Object.entries(raw.sizing ?? {}).filter(([id, v]) => COLUMN_BY_ID.has(id as GridColumnId) && typeof v === 'number' && v >= 30 && v <= 1200))
    const hidden = (raw.hidden ?? []).filter((id) => COLUMN_BY_ID.get(id as GridColumnId)?.optional)
    return { sizing, hidden }
  } catch {
    return { sizing: {}, hidden: [] }
  }
}

/** `keep`: the column the rows are sorted by, which does not give way; `absent`: columns with nothing to show (Findings without a policy). */
export function useGridColumns(width: Ref<number>, keep: Ref<GridColumnId | null>, absent?: Ref<ReadonlySet<GridColumnId>>) {
  const stored = load()
  const sizing = ref<ColumnSizingState>(stored.sizing)
  const hidden = ref(new Set<string>(stored.hidden))
  const save = (): void => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ sizing: sizing.value, hidden: [...hidden.value] }))
    } catch {
      // A full or unavailable storage only loses the preference.
    }
  }

  const sizeOf = (id: GridColumnId): number => Math.max(COLUMN_BY_ID.get(id)!.minSize, sizing.value[id] ?? COLUMN_BY_ID.get(id)!.size)
  const fitting = computed(() => columnsThatFit(width.value, sizeOf, absent?.value.size ? new Set([...hidden.value, ...absent.value]) : hidden.value, keep.value))
  const visibility = computed(() => Object.fromEntries(GRID_COLUMNS.map((c) => [c.id, fitting.value.has(c.id)])))

  const table = useTable({
    features,
    data: [],
    columns: GRID_COLUMNS.map((c) => ({ id: c.id, header: c.label, size: c.size, minSize: c.minSize, maxSize: 1200, enableResizing: c.id !== 'select' })),
    state: computed(() => ({ columnSizing: sizing.value, columnVisibility: visibility.value })),
    onColumnSizingChange: (updater: Updater<ColumnSizingState>) => {
      sizing.value = functionalUpdate(updater, sizing.value)
      save()
    },
    columnResizeMode: 'onChange',
    enableColumnResizing: true,
  })

  /** The visible columns, in order, with their spec and current width. */
  const columns = computed(() =>
    table.getVisibleLeafColumns().map((col) => ({ spec: COLUMN_BY_ID.get(col.id as GridColumnId)! as GridColumn, column: col, size: col.getSize() })),
  )
  const template = computed(() => columns.value.map((c) => (c.spec.id === 'name' ? `minmax(${c.size}px, 1fr)` : `${c.size}px`)).join(' '))
  const minWidth = computed(() => columns.value.reduce((n, c) => n + c.size, 0))
  /** Columns the user wants but the window is too narrow for. */
  const gaveWay = computed(() => GRID_COLUMNS.filter((c) => !hidden.value.has(c.id) && !fitting.value.has(c.id)))

  function setHidden(id: GridColumnId, value: boolean): void {
    const next = new Set(hidden.value)
    if (value) next.add(id)
    else next.delete(id)
    hidden.value = next
    save()
  }
  function resize(id: GridColumnId, delta: number): void {
    table.setColumnSizing((s) => ({ ...s, [id]: Math.max(COLUMN_BY_ID.get(id)!.minSize, sizeOf(id) + delta) }))
  }
  function reset(): void {
    sizing.value = {}
    hidden.value = new Set()
    save()
  }

  return { table, columns, template, minWidth, hidden, gaveWay, setHidden, resize, reset }
}
