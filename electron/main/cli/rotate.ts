/**
 * `tokendesk tokens rotate <token> --connection <label>`: the guided replace without a window.
 * The successor's secret never goes to stdout or stderr: to the keychain (default), to a new file
 * created 0600 (`--secret-out PATH`, refused if it exists) or to a descriptor the caller passed
 * (`--secret-fd N`), both checked before any vendor call (secret-sink.ts). `--finish` takes the
 * open rotation one step on (retire the old token, then — a second time — delete it); `--undo`
 * removes the successor during the overlap. A token that is not active is rotated only once
 * confirmed (its successor starts active).
 */
import type { Connection } from '../../common/model'
import { ROTATABLE, type Rotation } from '../../common/rotation'
import type { Token } from '../../common/tokens'
import { revealHidden } from '../../common/visible-text'
import { AppError } from '../app-error'
import { confirm } from './confirm'
import { connectionArg, keepSnapshot, named, printJson, resolveConnection, shellWord, where } from './context'
import { openSecretSink } from './secret-sink'
import type { CommandContext, CommandSpec } from './spec'
import { EXIT, UsageError } from './usage'

function report(ctx: CommandContext, r: Rotation): void {
  if (ctx.options.json) printJson(ctx, r)
  else ctx.io.out(`${r.id}\t${r.state}\t${r.successorId ?? '-'}\n`)
  if (r.note) ctx.io.err(`tokendesk: ${revealHidden(r.note)}\n`)
}

/**
 * The window's confirmations for the steps after the start: retiring the old token (anything still
 * using it stops working), deleting it (permanent: "yes" typed), undoing (the new token removed).
 * A by-hand finish changes nothing at the vendor (it checks the vendor no longer lists the token).
 */
async function confirmStep(ctx: CommandContext, open: Rotation, old: Pick<Token, 'id' | 'name'>, connection: Connection): Promise<true | number> {
  const token = `${named(old)} in ${where(connection)}`
  if (ctx.options.undo) {
    return confirm(ctx, {
      what: `Undo the replacement: remove the new token ${revealHidden(open.successorId ?? '')} and keep ${token}?`,
      sentences: [open.selfRotation ? 'Tokendesk signs in with the old token again (tested first).' : 'Anything already switched to the new token stops working.'],
    })
  }
  if (open.plan.byHand) return true
  const deleting = open.state === 'retired' || !open.plan.retire
  if (deleting) {
    return confirm(ctx, { what: `Delete the old token ${token}?`, sentences: ['This is permanent: anything still using it stops working.'], strong: true })
  }
  const verb = open.plan.retire!
  return confirm(ctx, { what: `${verb[0]!.toUpperCase()}${verb.slice(1)} the old token ${token}?`, sentences: ['Anything still using it stops working. The new token keeps working.'] })
}

async function tokensRotate(ctx: CommandContext): Promise<number> {
  const { services, io, options, args } = ctx
  const tokenId = args[0]!
  if (options.finish && options.undo) throw new UsageError('Choose one of --finish and --undo.')
  if ((options.finish || options.undo) && (options['secret-out'] !== undefined || options['secret-fd'] !== undefined)) {
    throw new UsageError('--secret-out and --secret-fd go with the start of a rotation, not --finish or --undo.')
  }
  const connection = resolveConnection(services, options.connection)
  // Checked and opened before any vendor call: a refused file or descriptor costs no token.
  const sink = options.finish || options.undo ? null : openSecretSink(ctx)
  try {
    const { rotations, inventory } = services
    // A rotation a stopped process left half-way is carried forward or rolled back first.
    for (const r of await rotations.resume()) if (r.note) io.err(`tokendesk: ${revealHidden(r.note)}\n`)
    const status = await inventory.refresh(connection.id)
    if (status.error) {
      io.err(`tokendesk: ${where(connection)}: ${revealHidden(status.error.message)}\n`)
      return EXIT.failed
    }
    const open = await rotations.forToken(connection.id, tokenId)
    if (options.finish || options.undo) {
      if (!open || open.oldId !== tokenId) throw new UsageError(`No rotation of ${revealHidden(tokenId)} is open on ${where(connection)}.`)
      const answer = await confirmStep(ctx, open, inventory.tokens(connection.id).find((t) => t.id === open.oldId) ?? { id: open.oldId, name: open.oldName }, connection)
      if (answer !== true) return answer
      const r = await (options.undo ? rotations.rollBack(open.id) : rotations.advance(open.id)).finally(() => keepSnapshot(services, connection.id))
      report(ctx, r)
      io.err(
        r.state === 'retired'
          ? r.plan.byHand ? 'Nothing was done to the old token: delete it on the vendor’s page, then run again with --finish.\n' : `The old token is retired (${r.plan.retire}); run again with --finish to delete it.\n`
          : r.state === 'finished' ? 'The rotation is finished.\n' : `The rotation is ${r.state}.\n`,
      )
      return EXIT.ok
    }
    const old = inventory.tokens(connection.id).find((t) => t.id === tokenId)
    if (!old) throw new AppError('not_found', `${where(connection)} has no token ${revealHidden(tokenId)}.`)
    // Not active (disabled, suspended, or a state Tokendesk does not know): asked first, then allowed (Rotations' allowInactive).
    // A revoked or deleted one is not asked about: Rotations refuses it whatever the answer.
    const inactive = old.status !== 'active' && ROTATABLE.includes(old.status)
    const oldState = old.status === 'unknown' ? 'in a state Tokendesk does not know' : old.status
    if (inactive) {
      const answer = await confirm(ctx, {
        what: `Rotate ${named(old)} in ${where(connection)}? It is ${oldState}.`,
        sentences: ['Its successor is made active, with the same attributes; the old token stays as it is until you finish.'],
      })
      if (answer !== true) return answer
    }
    const r = await rotations
      .start(connection.id, tokenId, {
        secretTo: sink ? 'handed-over' : 'keychain',
        handOver: sink ? (secret) => sink.write(secret) : undefined,
        handedOverTo: sink?.target,
        allowInactive: inactive,
      })
      .finally(() => keepSnapshot(services, connection.id))
    report(ctx, r)
    io.err(
      `The new token ${revealHidden(r.successorId ?? '')} is live; its secret was ${sink ? `written to ${revealHidden(sink.target)}` : 'saved to the keychain'}.${r.selfRotation ? ' The connection now signs in with it.' : ''}\n` +
        `${inactive ? `The old token stays as it is (${oldState})` : 'The old token keeps working'} until you run: tokendesk tokens rotate ${shellWord(revealHidden(tokenId))} --connection ${connectionArg(connection)} --finish\n`,
    )
    return EXIT.ok
  } finally {
    sink?.abandon() // a no-op once the secret was written
  }
}

export const TOKENS_ROTATE: CommandSpec = {
  name: 'tokens rotate',
  args: { usage: '<token>', min: 1, max: 1 },
  summary: 'replace a token: a successor with the same attributes, the old one working until --finish',
  description: `The successor's secret is saved to the keychain, or written to a new 0600 file
(--secret-out) or to a descriptor you passed (--secret-fd); never printed. Both are checked before
the vendor is asked. When the token is the one the connection signs in with, the connection
switches to the successor (tested first). A token that is not active (disabled, suspended) is
rotated only once confirmed (--yes in a script). Then --finish retires the old token the least destructive way its
vendor allows (disable or suspend); --finish again deletes it (typed yes). --undo removes the successor instead.
Each step is confirmed first, as in the window; --yes confirms it in a script.
See the open rotations with: tokendesk rotations list`,
  options: [['connection', 'the connection holding the token (required)'], 'secret-out', 'secret-fd', 'finish', 'undo', ['yes', 'confirm without asking: rotating a token that is not active, --finish, --undo'], ['json', 'print the rotation as JSON']],
  examples: [
    'tokendesk tokens rotate TKN-1234-5678 --connection Production',
    'tokendesk tokens rotate TKN-1234-5678 --connection Production --secret-out new.secret',
    'tokendesk tokens rotate TKN-1234-5678 --connection Production --secret-fd 3 3>new.secret',
    'tokendesk tokens rotate TKN-1234-5678 --connection Production --finish',
  ],
  run: tokensRotate,
}
