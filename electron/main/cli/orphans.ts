/**
 * `tokendesk connections orphans [--reattach [ID…] | --delete [ID…]] [--json]`: keychain entries
 * that no connection points to. Re-attach the ones a set-aside connections file describes, or
 * delete them; entries unknown to this data folder are deleted only when named.
 */
import type { Orphan } from '../services/keychain-repair'
import { printJson, where } from './context'
import type { CommandContext, CommandSpec } from './spec'
import { formatTable } from './table'
import { EXIT, UsageError } from './usage'

const describe = (o: Orphan): string => [o.credential ? 'credential' : null, o.tokenSecrets ? `${o.tokenSecrets} token secret${o.tokenSecrets === 1 ? '' : 's'}` : null].filter(Boolean).join(' + ')

async function connectionsOrphans(ctx: CommandContext): Promise<number> {
  const { services, io, options, args } = ctx
  if (options.reattach && options.delete) throw new UsageError('Choose one of --reattach and --delete.')
  const ids = args.length ? args.map((a) => a.toLowerCase()) : undefined
  if (ids && !options.reattach && !options.delete) throw new UsageError('Name ids only with --reattach or --delete.')
  const { repair } = services
  if (options.reattach) {
    const attached = await repair.reattach(ids)
    for (const c of attached) io.err(`Re-attached ${where(c)} as ${c.id}.\n`)
    if (attached.length === 0) io.err('tokendesk: nothing could be re-attached (no set-aside connections file describes these entries).\n')
  } else if (options.delete) {
    const deleted = await repair.delete(ids)
    io.err(`Deleted the keychain entries of ${deleted.length} connection${deleted.length === 1 ? '' : 's'}.\n`)
  }
  const orphans = await repair.orphans()
  if (options.json) {
    printJson(ctx, orphans.map((o) => ({ ...o, recoverable: o.recoverable && { label: o.recoverable.label, client: o.recoverable.client, provider: o.recoverable.provider, baseUrl: o.recoverable.baseUrl } })))
  } else if (orphans.length) {
    io.out(
      formatTable(
        ['ID', 'IN THE KEYCHAIN', 'WAS'],
        orphans.map((o) => [o.connectionId, describe(o), o.recoverable ? `${where(o.recoverable)}, ${o.recoverable.provider}` : o.source ? `listed in ${o.source}, details lost` : 'unknown to this data folder']),
        { width: io.columns, flexible: [1, 2] },
      ),
    )
  }
  if (orphans.length === 0) io.err('No orphaned keychain entries.\n')
  else if (!options.reattach && !options.delete) {
    if (orphans.some((o) => o.recoverable)) io.err('Re-attach with: tokendesk connections orphans --reattach\n')
    if (orphans.some((o) => o.source)) io.err('Delete those listed in a set-aside file with: tokendesk connections orphans --delete\n')
    if (orphans.some((o) => !o.source)) io.err('An entry unknown to this data folder may belong to another one (--data-dir); delete it only by naming it: --delete ID\n')
  }
  return EXIT.ok
}

export const CONNECTIONS_ORPHANS: CommandSpec = {
  name: 'connections orphans',
  args: { usage: '[ID…]', min: 0, max: Infinity },
  summary: 'keychain entries no connection points to: list, re-attach or delete them',
  description: `--reattach puts back the connections a set-aside connections file still describes (same ids,
so their credentials, token secrets and offline inventory come back); --delete removes the
entries of those listed in a set-aside file. An entry this data folder knows nothing about (it
may belong to another --data-dir) is deleted only when named: --delete ID.`,
  options: ['reattach', 'delete', 'json'],
  run: connectionsOrphans,
}
