/**
 * Export of the current (filtered) view: CSV or JSON, metadata only, each row stamped with the
 * time its connection's inventory was fetched and carrying its findings' rule ids (FindingsService).
 * The window's own query (TokenQueries) picks the rows.
 */
import type { Connection } from '../../common/model'
import type { TokenFilter, TokenSort } from '../../common/token-query'
import { terminalSafeJson } from '../../common/visible-text'
import { writeFileAtomic } from './atomic-file'
import { EXPORT_COLUMNS, toCsv, toExportRow, type ExportRow } from './export-format'
import type { ConnectionStore } from './connection-store'
import type { InventoryService } from './inventory'
import type { TokenQueries } from './token-queries'
import type { FindingsService } from './findings'

export type ExportFormat = 'csv' | 'json'

export interface ExportedRow extends ExportRow {
  /** When this connection's inventory was fetched (the snapshot time). */
  snapshotAt: string | null
}

export class Exporter {
  constructor(
    private readonly deps: {
      connections: ConnectionStore
      inventory: InventoryService
      queries: TokenQueries
      /** Each row's findings (rule ids); without it, none. */
      findings?: Pick<FindingsService, 'ruleIdsBy'>
      now?: () => Date
    },
  ) {}

  /** `only`: limit to these connections (the CLI's --connection / --client); `now`: the CLI's clock. */
  rows(filter: TokenFilter, sort: TokenSort, options: { only?: ReadonlySet<string>; now?: Date } = {}): ExportedRow[] {
    const { only } = options
    const now = options.now ?? this.deps.now?.() ?? new Date()
    const connections = new Map<string, Connection>(this.deps.connections.list().map((c) => [c.id, c]))
    const stamps = new Map(this.deps.inventory.statuses().map((s) => [s.connectionId, s.refreshedAt]))
    // The findings as of the same clock as the rows' `expired` (the CLI's --now in tests).
    const findingsOf = this.deps.findings?.ruleIdsBy(now.getTime())
    return this.deps.queries.select(filter, sort, { only, now }).map((t) => ({
      ...toExportRow(t, connections.get(t.connectionId)!, now, findingsOf?.(t.key)),
      snapshotAt: stamps.get(t.connectionId) ?? null,
    }))
  }

  render(rows: ExportedRow[], format: ExportFormat): string {
    if (format === 'json') {
      const exportedAt = (this.deps.now?.() ?? new Date()).toISOString()
      return `${terminalSafeJson({ exportedAt, tokens: rows }, [...EXPORT_COLUMNS, 'snapshotAt', 'exportedAt', 'tokens'] as string[], 2)}\n`
    }
    return toCsv(rows, [...EXPORT_COLUMNS, 'snapshotAt'])
  }

  /** Write rows to a file the user chose (atomically; the folder must exist). */
  async save(target: string, rows: ExportedRow[], format: ExportFormat): Promise<{ path: string; count: number }> {
    await writeFileAtomic(target, this.render(rows, format), { createDir: false })
    return { path: target, count: rows.length }
  }
}
