/** The CLI's contact with the terminal, behind an interface so tests can run it in-process. */
import readline from 'node:readline'
import { Writable } from 'node:stream'

export interface CliIO {
  out(text: string): void
  err(text: string): void
  /** One line from standard input (the prompt goes to stderr, input hidden on a terminal). */
  readLine(prompt: string): Promise<string | null>
  /** An answer typed on the terminal (the prompt on stderr, the answer echoed); null without one. */
  ask(prompt: string): Promise<string | null>
  /** Whether there is a terminal to ask on (standard input and standard error are one). */
  interactive: boolean
  /** The width tables must fit: COLUMNS, else the terminal's; null (no limit) when piped. */
  columns: number | null
  /** The caller's directory: relative paths are theirs. */
  cwd: string
  env: NodeJS.ProcessEnv
}

/** COLUMNS when set to a sensible number, else the terminal's width, else no limit. */
export function tableWidth(env: NodeJS.ProcessEnv, tty: { isTTY?: boolean; columns?: number }): number | null {
  const set = Number(env.COLUMNS)
  if (env.COLUMNS && Number.isInteger(set) && set >= 20) return set
  return tty.isTTY && tty.columns ? tty.columns : null
}

/**
 * A stream whose reader went away (`tokendesk tokens list | head -1`): further output is dropped
 * and the run ends quietly with its own code — an action under way is never cut short by it.
 */
function quietOnBrokenPipe(stream: NodeJS.WriteStream): (text: string) => void {
  let broken = false
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') broken = true
    else throw error
  })
  return (text) => {
    if (!broken) stream.write(text)
  }
}

export function processIO(): CliIO {
  const out = quietOnBrokenPipe(process.stdout)
  const err = quietOnBrokenPipe(process.stderr)
  const line = (prompt: string, hidden: boolean): Promise<string | null> =>
    new Promise((resolve) => {
      const tty = process.stdin.isTTY
      if (tty) err(prompt)
      // On a terminal, a hidden answer's echo goes nowhere: a pasted credential is never shown.
      const silent = new Writable({ write: (_c, _e, done) => done() })
      const rl = readline.createInterface({ input: process.stdin, output: tty ? (hidden ? silent : process.stderr) : undefined, terminal: tty })
      let answered = false
      rl.once('line', (answer) => {
        answered = true
        rl.close()
        if (tty && hidden) err('\n')
        resolve(answer)
      })
      rl.once('close', () => {
        if (!answered) resolve(null)
      })
    })
  return {
    out,
    err,
    env: process.env,
    cwd: process.cwd(),
    columns: tableWidth(process.env, process.stdout),
    interactive: !!process.stdin.isTTY && !!process.stderr.isTTY,
    readLine: (prompt) => line(prompt, true),
    ask: (prompt) => (process.stdin.isTTY ? line(prompt, false) : Promise.resolve(null)),
  }
}
