/**
 * Confirmations, as the window asks them: the question names the token and the client (hidden
 * characters shown, written by the caller through `where` / `named`) on standard error, and the
 * answer is typed on the terminal. Without a terminal a change is refused (exit 2) unless --yes
 * confirms it; a "no" changes nothing (exit 1).
 */
import type { CommandContext } from './spec'
import { EXIT, UsageError } from './usage'

export interface Question {
  /** What is about to happen, in one line (for the refusal without a terminal too). */
  what: string
  /** The sentences around it: what cannot be undone, what stops working. */
  sentences?: string[]
  /** Type "yes" (permanent changes) rather than y/N. */
  strong?: boolean
}

/** True when confirmed; else the exit code to end with (the user said no). */
export async function confirm(ctx: CommandContext, q: Question): Promise<true | number> {
  if (ctx.options.yes) return true
  if (!ctx.io.interactive) {
    throw new UsageError(`${q.what} This needs your confirmation and there is no terminal to ask on; add --yes to confirm it in a script.`)
  }
  ctx.io.err(`${[q.what, ...(q.sentences ?? [])].join('\n')}\n`)
  const answer = (await ctx.io.ask(q.strong ? 'Type yes to confirm: ' : 'Continue? [y/N] '))?.trim().toLowerCase() ?? ''
  if (q.strong ? answer === 'yes' : answer === 'y' || answer === 'yes') return true
  ctx.io.err(q.strong && answer === 'y' ? 'Nothing was changed (type the whole word yes to confirm).\n' : 'Nothing was changed.\n')
  return EXIT.cancelled
}
