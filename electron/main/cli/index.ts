/** Entry of the `tokendesk` binary (built to out/main/cli.js). */
import { processIO } from './io'
import { runCli } from './run'
import { EXIT } from './usage'

// Whatever escapes (a background task's rejection): one sentence, never a stack trace.
const crash = (error: unknown): void => {
  if (process.env.TOKENDESK_DEBUG) process.stderr.write(`[error] ${(error as Error)?.message ?? String(error)}\n`)
  process.stderr.write('tokendesk: something went wrong inside Tokendesk and the command stopped. Run with TOKENDESK_DEBUG=1 for details.\n')
  process.exit(EXIT.failed)
}
process.on('uncaughtException', crash)
process.on('unhandledRejection', crash)

void runCli(process.argv.slice(2), processIO()).then((code) => {
  // Exit explicitly (idle keep-alive sockets would hold the process), once stdout is flushed.
  if (process.stdout.writableEnded || process.stdout.destroyed) process.exit(code)
  process.stdout.write('', () => process.exit(code))
})
