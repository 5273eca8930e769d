/** Entry of the `tokendesk` binary (built to out/main/cli.js). */
import { processIO } from './io'
import { runCli } from './run'

void runCli(process.argv.slice(2), processIO()).then((code) => {
  // Exit explicitly (idle keep-alive sockets would hold the process), once stdout is flushed.
  process.stdout.write('', () => process.exit(code))
})
