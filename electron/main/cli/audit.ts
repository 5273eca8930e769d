/**
 * `audit`: every usable token of the connections picked, judged against the policy (the same
 * findings as the window's, FindingsService), for people or CI. Exit 1 when a finding reaches the
 * --fail-on level; a connection that failed or a keychain that is down wins over that (3 / 4):
 * the audit is incomplete, and its findings (the failed one's from its last saved inventory) are
 * still printed.
 */
import type { Connection } from '../../common/model'
import type { Finding } from '../../common/policy'
import { EMPTY_FILTER } from '../../common/token-query'
import { isExpired } from '../../common/tokens'
import { toCsv } from '../services/export-format'
import { AUDIT_COLUMNS, formatAudit, type AuditRow, auditTotal } from './audit-report'
import { BY_CONNECTION, exitFor, printJson, selectAndRefresh } from './context'
import { policyFor } from './policy'
import type { CommandContext, CommandSpec } from './spec'
import { EXIT, UsageError } from './usage'

const FAIL_ON = ['error', 'warning'] as const

function row(c: Connection, t: { id: string; name: string | null; owner: string | null }, f: Finding): AuditRow {
  return {
    connection: c.label,
    client: c.client,
    provider: c.provider,
    id: t.id,
    name: t.name,
    owner: t.owner,
    rule: f.rule,
    severity: f.severity,
    detail: f.detail,
    fixAction: f.fix.action,
    fix: f.fix.label,
    fixUrl: f.fix.action === 'by-hand' ? (f.fix.url ?? null) : null,
    connectionId: c.id,
  }
}

async function audit(ctx: CommandContext): Promise<number> {
  const { services, io, options, now } = ctx
  if (options.json && options.csv) throw new UsageError('Choose one of --json and --csv.')
  const failOn = options['fail-on'] ?? 'error'
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new UsageError('--fail-on must be error or warning.')
  // Before any vendor call: no policy, or one that does not validate, is the job's mistake (exit 2).
  if (policyFor(ctx, { required: true }) === 'refused') return EXIT.usage
  const result = await selectAndRefresh(ctx)
  const byId = new Map<string, Connection>(result.selected.map((c) => [c.id, c]))
  // The window's rows and order (client, connection, then name and id), owners joined in.
  const tokens = services.queries.select(EMPTY_FILTER, BY_CONNECTION, { only: new Set(byId.keys()), now })
  const ms = now.getTime()
  const rows: AuditRow[] = []
  let usable = 0
  for (const t of tokens) {
    if (t.status === 'active' && !isExpired(t, now)) usable++
    for (const f of services.findings.forKey(t.connectionId, t.id, ms)) rows.push(row(byId.get(t.connectionId)!, t, f))
  }
  const checked = { tokens: usable, connections: result.selected.length }
  if (options.json) {
    printJson(ctx, rows, AUDIT_COLUMNS as string[])
    io.err(`${auditTotal(rows, checked)}\n`)
  } else if (options.csv) {
    io.out(toCsv(rows, AUDIT_COLUMNS))
    io.err(`${auditTotal(rows, checked)}\n`)
  } else io.out(formatAudit(rows, checked, io.columns))
  const failing = rows.some((r) => r.severity === 'error' || failOn === 'warning')
  const incomplete = exitFor(result)
  return incomplete !== EXIT.ok ? incomplete : failing ? EXIT.findings : EXIT.ok
}

export const AUDIT_EXIT_CODES = `Exit codes:
  0  no finding at the --fail-on level (warnings alone pass by default)
  1  at least one finding at the --fail-on level (errors; with --fail-on warning, warnings too)
  2  usage error, no policy (no policy.json in the data folder and no --policy), or a policy file
     that is missing, unreadable or does not validate (its problems on standard error, one a line)
  3  a connection failed (its last saved inventory is judged and printed; the audit is incomplete),
     --offline with nothing saved for a connection, or something went wrong inside Tokendesk
  4  the keychain is unavailable (with --offline too)
`

export const AUDIT: CommandSpec = {
  name: 'audit',
  summary: 'check every token against the policy: the rules it breaks, whose it is, and the fix; exit 1 on a finding',
  description: `The policy is policy.json in the data folder, or --policy FILE (taken from your current
directory; read, never written). Only usable tokens are judged (active, not expired); the inventory
is refreshed first unless --offline. Findings are grouped by client and connection, ending with one
line of totals; --json prints an array of findings, each { connection, client, provider, id, name,
owner, rule, severity, detail, fixAction, fix, fixUrl, connectionId }, and --csv the same columns
(the totals then go to standard error).

A connection that fails is said on standard error and judged from its last saved inventory; the
run then exits 3 even if findings were found, since the audit is incomplete.`,
  options: [
    ['policy', 'the policy file to judge against (read, never written) instead of policy.json in the data folder'],
    ['connection', 'only this connection'],
    ['client', 'only connections of this client (any case)'],
    'offline',
    ['json', 'the findings as a JSON array on standard output'],
    ['csv', 'the findings as CSV on standard output'],
    'fail-on',
  ],
  examples: [
    'tokendesk audit',
    'tokendesk audit --policy ci/token-policy.json --client "Acme Corp" --fail-on warning',
    'tokendesk audit --offline --json | jq \'group_by(.rule) | map({ rule: .[0].rule, tokens: length })\'',
  ],
  needsPolicy: true,
  exitCodes: AUDIT_EXIT_CODES,
  run: audit,
}
