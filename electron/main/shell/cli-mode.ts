/**
 * The app binary as the `tokendesk` command. An installed app has no Node.js to run out/main/cli.js
 * with (the RunAsNode fuse is off), so the binary itself runs the CLI when its first argument is a
 * CLI command: no window, no single-instance lock, the CLI's exit code, nothing else on stdout.
 */
import { app } from 'electron'
import { processIO } from '../cli/io'
import { isCliCommand, runCli } from '../cli/run'

/** The user's arguments: after `electron <app dir>` in development, after the binary when packaged. */
export function userArguments(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1)
}

export function isCliInvocation(args: readonly string[]): boolean {
  return args.length > 0 && isCliCommand(args[0]!)
}

export async function runCliMode(args: string[]): Promise<void> {
  const code = await runCli(args, processIO())
  // Electron keeps running without windows: exit explicitly, once stdout is flushed.
  process.stdout.write('', () => app.exit(code))
}
