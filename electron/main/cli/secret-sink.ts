/**
 * Where a secret goes when it does not go to the keychain: a new owner-only file
 * (`--secret-out FILE`, created exclusively — never an existing file, never readable by others,
 * there whole or not at all)
 * or a descriptor the caller passed (`--secret-fd N`, checked by fd-check.ts). Never standard
 * output, standard error or a terminal. Opened and checked before anything is asked of a vendor,
 * so a refused path or descriptor costs no token; `abandon` undoes the opening when nothing was
 * written. Shared by `tokens rotate`, `tokens create` and `tokens secret`.
 */
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs'
import { AppError } from '../app-error'
import { publishSecretFile, secretTempOf, stoppedWriteLeft } from '../services/secret-file'
import { resolvePath } from './context'
import { passedDescriptorProblem } from './fd-check'
import type { CommandContext } from './spec'
import { UsageError } from './usage'

export interface SecretSink {
  /** Where the secret goes, as the user means it: the resolved path, or "descriptor N". */
  target: string
  /** Write the secret, then close; a file that could not be written whole is removed. */
  write(secret: string): Promise<void>
  /** Nothing was (or will be) written: close what was opened, remove a created file. */
  abandon(): void
}

const NPM_HINT =
  ' npm run passes only standard input, output and error to its scripts, so no --secret-fd can reach Tokendesk through npm run cli: ' +
  'run it without npm (npm run build once, then node out/main/cli.js … --secret-fd N N>FILE), or write the secret to a new file with --secret-out FILE.'

/** Write all of `text`; a full pipe (EAGAIN) is waited on, briefly. */
function writeAll(fd: number, text: string | Buffer): void {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text
  const deadline = Date.now() + 10_000
  let done = 0
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || Date.now() > deadline) throw error
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20)
    }
  }
}

/** Cleanup after a failure: its own failure must not hide the first. */
const quietly = (step: () => void): void => {
  try {
    step()
  } catch {
    // the first error is the one reported
  }
}

const failure = (target: string, error: unknown): AppError =>
  new AppError('file_access', `The secret could not be written to ${target} (${(error as NodeJS.ErrnoException).code ?? 'refused'}).`, { cause: error })

/**
 * FILE must not exist; the temp beside it is created now (0600, exclusively), so a folder that
 * refuses new files is found before any token is made. FILE appears only once the secret is
 * written whole (secret-file.ts): a kill leaves no empty FILE for the user to trust.
 */
function fileSink(file: string): SecretSink {
  const refused = (code: string | undefined): UsageError =>
    new UsageError(code === 'EEXIST' ? `${file} exists; name a new file for the secret.` : `${file} cannot be created (${code ?? 'refused'}).`)
  // A temp of an earlier run that was killed (`tokens create`, `tokens secret`: no rotation to resume) is swept here.
  if (stoppedWriteLeft(file) !== 'absent') throw refused('EEXIST')
  const temp = secretTempOf(file)
  let fd: number
  try {
    fd = openSync(temp, 'wx', 0o600)
  } catch (error) {
    throw refused((error as NodeJS.ErrnoException).code)
  }
  let open = true
  const close = (): void => {
    if (open) closeSync(fd)
    open = false
  }
  const removeTemp = (): void => rmSync(temp, { force: true })
  return {
    target: file,
    write: async (secret) => {
      try {
        const bytes = Buffer.from(`${secret}\n`, 'utf8')
        writeAll(fd, bytes)
        fsyncSync(fd)
        close()
        publishSecretFile(temp, file, bytes)
      } catch (error) {
        quietly(close)
        quietly(removeTemp) // no half-written secret is left behind
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new AppError('file_access', `The secret could not be written: ${file} was created by something else meanwhile.`, { cause: error })
        throw failure(file, error)
      }
    },
    abandon: () => {
      if (!open) return
      quietly(close)
      quietly(removeTemp)
    },
  }
}

function descriptorSink(fd: number): SecretSink {
  let open = true
  const target = `descriptor ${fd}`
  // Only a descriptor fd-check verified is ever written or closed (closing one of libuv's aborts Node).
  const close = (): void => {
    if (open) closeSync(fd)
    open = false
  }
  return {
    target,
    write: async (secret) => {
      try {
        writeAll(fd, `${secret}\n`)
      } catch (error) {
        quietly(close)
        throw failure(target, error)
      }
      close()
    },
    abandon: close,
  }
}

/** The sink the options name, or null (the keychain). `required`: one must be named. */
export function openSecretSink(ctx: CommandContext, required = false): SecretSink | null {
  const out = ctx.options['secret-out']
  const fdText = ctx.options['secret-fd']
  if (out !== undefined && fdText !== undefined) throw new UsageError('Choose one of --secret-out and --secret-fd.')
  if (fdText !== undefined) {
    const fd = Number(fdText)
    if (!/^\d+$/.test(fdText) || fd < 3) throw new UsageError('--secret-fd takes a descriptor of 3 or above (never standard output or error).')
    const problem = passedDescriptorProblem(fd)
    if (problem) throw new UsageError(`${problem.why}${problem.notPassed && ctx.io.env.npm_lifecycle_event === 'cli' ? NPM_HINT : ''}`)
    return descriptorSink(fd)
  }
  if (out !== undefined) {
    if (out === '-' || out === '') throw new UsageError('--secret-out takes a file name; a secret is never written to standard output.')
    return fileSink(resolvePath(ctx, out))
  }
  if (required) throw new UsageError('Say where the secret goes: --secret-out FILE (a new file, 0600) or --secret-fd N. It is never printed.')
  return null
}
