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
import { isCliCommand, runCli } from '../cli/run'

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

/** Words that are the CLI's even where runCli has no command of that name (runCliMode answers them). */
const CLI_WORDS = new Set(['help', '-h', '--version'])

export function isCliInvocation(args: readonly string[]): boolean {
  return args.length > 0 && (isCliCommand(args[0]!) || CLI_WORDS.has(args[0]!))
}

export async function runCliMode(args: string[]): Promise<void> {
  const code = await answerOwnWords(args, processIO(), runCli)
  // Electron keeps running without windows: exit explicitly, once stdout is flushed.
  process.stdout.write('', () => app.exit(code))
}

/** `--version` and `help`, unless the CLI has them itself; everything else is runCli's. */
async function answerOwnWords(args: string[], io: CliIO, run: typeof runCli): Promise<number> {
  const [word, ...rest] = args
  if (word && !isCliCommand(word)) {
    if (word === '--version') {
      io.out(`${app.getVersion()}\n`)
      return 0
    }
    if (word === 'help') return run(['--help', ...rest], io)
  }
  return run(args, io)
}
