/** The CLI's contact with the terminal, behind an interface so tests can run it in-process. */
import readline from 'node:readline'
import { Writable } from 'node:stream'

export interface CliIO {
  out(text: string): void
  err(text: string): void
  /** One line from standard input (the prompt goes to stderr, input hidden on a terminal). */
  readLine(prompt: string): Promise<string | null>
  env: NodeJS.ProcessEnv
}

export function processIO(): CliIO {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    env: process.env,
    readLine: (prompt) =>
      new Promise((resolve) => {
        const tty = process.stdin.isTTY
        if (tty) process.stderr.write(prompt)
        // On a terminal, echo goes nowhere: a pasted credential is never shown.
        const silent = new Writable({ write: (_c, _e, done) => done() })
        const rl = readline.createInterface({ input: process.stdin, output: tty ? silent : undefined, terminal: tty })
        let answered = false
        rl.once('line', (line) => {
          answered = true
          rl.close()
          if (tty) process.stderr.write('\n')
          resolve(line)
        })
        rl.once('close', () => {
          if (!answered) resolve(null)
        })
      }),
  }
}
