/**
 * The app binary as the `tokendesk` command. An installed app has no Node.js to run out/main/cli.js
 * with (the RunAsNode fuse is off), so the binary itself runs the CLI when its first argument is a
 * CLI command: no window, no single-instance lock, the CLI's exit code, nothing else on stdout.
 *
 * Chromium reads its switches from the same command line, and the app sees them in process.argv:
 * the Linux wrapper (build/linux/tokendesk.sh) runs `tokendesk --ozone-platform=headless
 * --disable-gpu -- tokens list`, the AppImage's AppRun may add `--no-sandbox`. Those leading
 * switches, and the `--` the wrapper ends them with, are Chromium's, not the CLI's.
 */
import { app } from 'electron'
import { processIO, type CliIO } from '../cli/io'
import { CLI_LEADING_OPTIONS, isCliCommand, runCli } from '../cli/run'
import { redactValue } from '../services/logger'

/**
 * Chromium and Electron switches a user, a wrapper or a launcher puts before the command. Only
 * these are passed over: anything else starting with `--` is the CLI's to accept or refuse.
 * build/linux/tokendesk.sh skips the same list (test/unit/main/shell/linux-wrapper.test.ts).
 */
export const CHROMIUM_SWITCHES = [
  'ozone-platform', 'ozone-platform-hint', 'disable-gpu', 'disable-gpu-sandbox', 'disable-software-rasterizer',
  'no-sandbox', 'disable-dev-shm-usage', 'no-zygote', 'in-process-gpu', 'use-gl', 'use-angle', 'headless',
  'enable-features', 'disable-features', 'enable-logging', 'log-file', 'log-level', 'v', 'vmodule',
  'enable-wayland-ime', 'wayland-text-input-version', 'force-device-scale-factor', 'lang', 'user-data-dir',
  'inspect', 'inspect-brk', 'inspect-port', 'inspect-brk-node', 'inspect-publish-uid', 'remote-debugging-port',
  'trace-warnings', 'trace-deprecation', 'no-deprecation',
] as const

const SWITCH_NAMES: ReadonlySet<string> = new Set(CHROMIUM_SWITCHES)

/** `--name` or `--name=value` for one of CHROMIUM_SWITCHES (Chromium takes a value only after `=`). */
export function isChromiumSwitch(arg: string): boolean {
  if (!arg.startsWith('--')) return false
  const at = arg.indexOf('=')
  return SWITCH_NAMES.has(arg.slice(2, at < 0 ? undefined : at))
}

/**
 * The user's arguments: after `electron <app dir>` in development, after the binary when packaged;
 * without the Chromium switches before them and the one `--` that may end those.
 */
export function userArguments(argv: readonly string[], defaultApp: boolean): string[] {
  const args = argv.slice(defaultApp ? 2 : 1)
  let first = 0
  while (first < args.length && isChromiumSwitch(args[first]!)) first++
  if (args[first] === '--') first++
  return args.slice(first)
}

/** A CLI command line: its first word, after the options the CLI also takes before it (`--data-dir D`). */
export function isCliInvocation(args: readonly string[]): boolean {
  let i = 0
  while (i < args.length && CLI_LEADING_OPTIONS.some((o) => args[i] === o || args[i]!.startsWith(`${o}=`))) i += args[i]!.includes('=') ? 1 : 2
  return i < args.length && isCliCommand(args[i]!)
}

/** What CLI mode needs from the process; tests give their own streams, events and exit. */
export interface CliHost {
  /** The process's own events: 'uncaughtException', 'unhandledRejection'. */
  events: { on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown }
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  env: NodeJS.ProcessEnv
  exit(code: number): void
}

const processHost = (): CliHost => ({ events: process, stdout: process.stdout, stderr: process.stderr, env: process.env, exit: (code) => app.exit(code) })

export interface CliModeDeps {
  host?: CliHost
  io?: CliIO
  run?: typeof runCli
}

export async function runCliMode(args: string[], deps: CliModeDeps = {}): Promise<void> {
  const host = deps.host ?? processHost()
  // A terminal command shows no Dock icon (macOS; undefined elsewhere).
  app.dock?.hide()
  const crash = guardProcess(host)
  let code: number
  try {
    code = await (deps.run ?? runCli)(args, deps.io ?? processIO())
  } catch (error) {
    crash(error)
    return
  }
  // Electron keeps running without windows: exit explicitly, once stdout is flushed (or closed).
  host.stdout.write('', () => host.exit(code))
}

/**
 * Electron's own handler for an uncaught exception shows a dialog and keeps the process alive (a
 * `tokendesk` in cron would hang); ours says one line on stderr and exits 1. A reader that closed
 * the pipe (`tokendesk tokens list | head -1`) is no crash: the rest of the output goes nowhere,
 * the command finishes what it was doing (a rotation stopped half-way is worse than lost output)
 * and exits with its own code. Returns the crash handler for errors caught along the way.
 */
function guardProcess(host: CliHost): (error: unknown) => void {
  let crashed = false
  const crash = (error: unknown): void => {
    if (crashed) return
    crashed = true
    host.stderr.write(crashReport(error, !!host.env.TOKENDESK_DEBUG), () => host.exit(1))
  }
  const onStreamError = (error: unknown): void => {
    if ((error as { code?: unknown } | null)?.code !== 'EPIPE') crash(error)
  }
  host.stdout.on('error', onStreamError)
  host.stderr.on('error', onStreamError)
  host.events.on('uncaughtException', crash)
  host.events.on('unhandledRejection', crash)
  return crash
}

/** One line; with TOKENDESK_DEBUG the error's name, its message (redacted) and its stack frames. */
export function crashReport(error: unknown, debug: boolean): string {
  const line = 'tokendesk: an unexpected error stopped Tokendesk; what it was doing may be unfinished. Run with TOKENDESK_DEBUG=1 for details.\n'
  if (!debug) return line
  const what = error instanceof Error ? `${error.name}: ${redactValue(error.message) as string}` : `thrown: ${redactValue(String(error)) as string}`
  const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)) : []
  return `${line}${[what, ...frames].join('\n')}\n`
}
