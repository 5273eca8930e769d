/** `rotations list`: the guided replaces under way (all of them with --all), as the window's list. */
import { isOpen } from '../../common/rotation'
import { printJson, resolveConnection } from './context'
import type { CommandContext, CommandSpec } from './spec'
import { formatTable } from './table'
import { EXIT } from './usage'

async function list(ctx: CommandContext): Promise<number> {
  const { services, io, options } = ctx
  const only = options.connection ? resolveConnection(services, options.connection) : null
  const labels = new Map(services.connections.list().map((c) => [c.id, c.label]))
  const rotations = (await services.rotations.list())
    .filter((r) => (options.all || isOpen(r)) && (!only || r.connectionId === only.id))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
  if (rotations.length === 0) io.err(`No ${options.all ? '' : 'open '}rotations${only ? ' in this connection' : ''}.\n`)
  if (options.json) {
    printJson(ctx, rotations.map((r) => ({ ...r, connection: labels.get(r.connectionId) ?? null })))
  } else if (rotations.length) {
    io.out(
      formatTable(
        ['ROTATION', 'CONNECTION', 'TOKEN', 'NAME', 'STATE', 'STEP', 'SUCCESSOR', 'STARTED', 'NOTE'],
        rotations.map((r) => [r.id, labels.get(r.connectionId) ?? '(removed)', r.oldId, r.oldName ?? '(unnamed)', r.state, r.step ?? '—', r.successorId ?? '—', r.startedAt.slice(0, 16).replace('T', ' '), r.note ?? '']),
        { width: io.columns, flexible: [1, 3, 8] },
      ),
    )
  }
  return EXIT.ok
}

export const ROTATIONS_LIST: CommandSpec = {
  name: 'rotations list',
  summary: 'rotations under way: state, step, successor, what to do next',
  description: `Newest first. STEP is a step under way (a process running it, or one that stopped
there: the next tokens rotate resumes or rolls it back). --all adds finished and undone ones.`,
  options: [['connection', 'only this connection’s rotations'], ['all', 'finished and rolled-back rotations too'], 'json'],
  run: list,
}
