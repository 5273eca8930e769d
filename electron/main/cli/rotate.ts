/**
 * `tokendesk tokens rotate <token> --connection <label>`: the guided replace without a window.
 * The successor's secret never goes to stdout or stderr: to the keychain (default), to a new file
 * created 0600 (`--secret-out PATH`, refused if it exists) or to a descriptor the caller opened
 * (`--secret-fd N`, 3 or above), so a script can hand it to its own secret store. `--finish`
 * takes the open rotation one step on (retire the old token, then — a second time — delete it);
 * `--undo` removes the successor during the overlap.
 */
import { closeSync, fstatSync, openSync, unlinkSync, writeSync, fsyncSync } from 'node:fs'
import path from 'node:path'
import type { Rotation } from '../../common/rotation'
import { revealHidden, terminalSafeJson } from '../../common/visible-text'
import { AppError } from '../app-error'
import { resolveConnection, where, type CommandContext } from './commands'
import { EXIT, UsageError } from './usage'

/** Where the secret will go, opened before anything is created (a refused path costs no vendor call). */
interface SecretSink {
  secretTo: 'keychain' | 'handed-over'
  handOver?: (secret: string) => Promise<void>
  /** Undo the opening (the rotation did not reach the hand-over). */
  abandon(): void
  said: string
  /** Where a handed-over secret goes, in words (never the secret): an undo names it. */
  to?: string
}

function openSink(options: CommandContext['options']): SecretSink {
  const out = options['secret-out']
  const fdText = options['secret-fd']
  if (out !== undefined && fdText !== undefined) throw new UsageError('Choose one of --secret-out and --secret-fd.')
  if (fdText !== undefined) {
    const fd = Number(fdText)
    if (!/^\d+$/.test(fdText) || fd < 3) throw new UsageError('--secret-fd takes a descriptor of 3 or above (never standard output or error).')
    try {
      fstatSync(fd)
    } catch {
      throw new UsageError(`Descriptor ${fd} is not open.`)
    }
    let used = false
    return {
      secretTo: 'handed-over',
      said: `written to descriptor ${fd}`,
      to: `descriptor ${fd}`,
      handOver: async (secret) => {
        used = true
        writeSync(fd, `${secret}\n`)
        closeSync(fd)
      },
      abandon: () => void (used || closeSync(fd)),
    }
  }
  if (out !== undefined) {
    const file = path.resolve(out)
    let fd: number
    try {
      // Exclusive create, owner-only: never an existing file, never readable by others.
      fd = openSync(file, 'wx', 0o600)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw new UsageError(code === 'EEXIST' ? `${file} exists; name a new file for the secret.` : `${file} cannot be created (${code ?? 'refused'}).`)
    }
    let written = false
    return {
      secretTo: 'handed-over',
      said: `written to ${file}`,
      to: file,
      handOver: async (secret) => {
        writeSync(fd, `${secret}\n`)
        fsyncSync(fd)
        closeSync(fd)
        written = true
      },
      abandon: () => {
        if (written) return
        closeSync(fd)
        unlinkSync(file)
      },
    }
  }
  return { secretTo: 'keychain', said: 'saved to the keychain', abandon: () => undefined }
}

function report(io: CommandContext['io'], r: Rotation, json: boolean | undefined): void {
  if (json) io.out(`${terminalSafeJson(r, null, 2)}\n`)
  else io.out(`${r.id}\t${r.state}\t${r.successorId ?? '-'}\n`)
  if (r.note) io.err(`tokendesk: ${revealHidden(r.note)}\n`)
}

export async function tokensRotate({ services, io, options, args }: CommandContext): Promise<number> {
  const tokenId = args[0]
  if (!tokenId || args.length > 1) throw new UsageError('Name one token: tokendesk tokens rotate <token> --connection <label>.')
  if (options.offline) throw new UsageError('Rotating needs the vendor; --offline cannot be used.')
  if (options.finish && options.undo) throw new UsageError('Choose one of --finish and --undo.')
  const connection = resolveConnection(services, options.connection)
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
    const r = options.undo ? await rotations.rollBack(open.id) : await rotations.advance(open.id)
    report(io, r, options.json)
    io.err(
      r.state === 'retired'
        ? r.plan.byHand ? 'Nothing was done to the old token: delete it on the vendor’s page, then run again with --finish.\n' : `The old token is retired (${r.plan.retire}); run again with --finish to delete it.\n`
        : r.state === 'finished' ? 'The rotation is finished.\n' : `The rotation is ${r.state}.\n`,
    )
    return EXIT.ok
  }
  if (!inventory.tokens(connection.id).some((t) => t.id === tokenId)) throw new AppError('not_found', `${where(connection)} has no token ${revealHidden(tokenId)}.`)
  const sink = openSink(options)
  let r: Rotation
  try {
    r = await rotations.start(connection.id, tokenId, { secretTo: sink.secretTo, handOver: sink.handOver, handedOverTo: sink.to })
  } catch (error) {
    sink.abandon()
    throw error
  }
  report(io, r, options.json)
  io.err(
    `The new token ${r.successorId} is live; its secret was ${sink.said}.${r.selfRotation ? ' The connection now signs in with it.' : ''}\n` +
      `The old token keeps working until you run: tokendesk tokens rotate ${tokenId} --connection ${JSON.stringify(revealHidden(connection.label))} --finish\n`,
  )
  return EXIT.ok
}
