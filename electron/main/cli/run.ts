/** The `tokendesk` CLI: the same services as the app, without a window. Outcomes map onto exit codes here. */
import path from 'node:path'
import { revealHidden } from '../../common/visible-text'
import { AppError } from '../app-error'
import type { VendorHttp } from '../providers/http/vendor-http'
import { createServices } from '../services'
import { resolveDataDir } from '../services/data-dir'
import { fileProblemMessage, fileSystemError } from '../services/file-problem'
import { KeytarSecretStore } from '../services/keytar-secret-store'
import { createLogger } from '../services/logger'
import type { SecretStore } from '../services/secret-store'
import { COMMANDS } from './commands'
import { commandHelp, groupHelp, overview } from './help'
import type { CliIO } from './io'
import { findTopic, groupOf, parseCommandLine } from './parse'
import { version } from '../../../package.json'
import { EXIT, UsageError } from './usage'

/** The words a CLI command line starts with (the Linux wrapper's list is tested against it). */
export const CLI_TOP_WORDS: readonly string[] = [...new Set([...COMMANDS.map((c) => groupOf(c.name) ?? c.name), 'help', '--help', '-h', '--version'])]
const TOP_WORDS = new Set(CLI_TOP_WORDS)

/** Whether `word` starts a CLI command (the app binary runs the CLI then: cli-mode.ts). */
export const isCliCommand = (word: string): boolean => TOP_WORDS.has(word)

/** The options every command takes that may also come before the command (`tokendesk --data-dir D tokens list`). */
export const CLI_LEADING_OPTIONS: readonly string[] = ['--data-dir']

export interface CliDeps {
  secrets?: SecretStore
  http?: VendorHttp
  now?: Date
}

export async function runCli(argv: string[], io: CliIO, deps: CliDeps = {}): Promise<number> {
  const parsed = parseCommandLine(argv, COMMANDS)
  if (parsed.kind === 'version') {
    io.out(`${version}\n`)
    return EXIT.ok
  }
  if (parsed.kind === 'error') {
    io.err(`tokendesk: ${revealHidden(parsed.message)}\nSee: ${parsed.see}\n`)
    return EXIT.usage
  }
  if (parsed.kind === 'help') {
    const topic = findTopic(parsed.topic, COMMANDS)
    if (topic.error) {
      io.err(`tokendesk: ${revealHidden(topic.error)}\nSee: tokendesk help\n`)
      return EXIT.usage
    }
    const page = topic.command ? commandHelp(topic.command) : topic.group ? groupHelp(topic.group, COMMANDS) : overview(COMMANDS)
    // Asked for nothing usable (`tokendesk`, `tokendesk tokens`): the help, as an error.
    if (parsed.error !== undefined) {
      io.err(`${parsed.error ? `tokendesk: ${parsed.error}\n\n` : ''}${page}`)
      return EXIT.usage
    }
    io.out(page)
    return EXIT.ok
  }
  const { command, options, args } = parsed

  // Quiet by default; TOKENDESK_DEBUG=1 shows the (redacted) log on stderr.
  const log = createLogger((level, line) => {
    if (io.env.TOKENDESK_DEBUG) io.err(`[${level}] ${line}\n`)
  })
  const dataDir = resolveDataDir(options['data-dir'] ? path.resolve(io.cwd, options['data-dir']) : undefined, io.env)
  try {
    const services = await createServices({
      dataDir,
      secrets: deps.secrets ?? new KeytarSecretStore(log),
      log,
      http: deps.http,
      forceOffline: options.offline,
      // The caller's path, read and never written (policy-store.ts).
      policyFile: options.policy !== undefined ? path.resolve(io.cwd, options.policy) : undefined,
    })
    // Without a keychain the commands that need the saved inventory stop with exit 4 and say why;
    // a policy the command must have valid is refused by the command itself, with every problem (policy.ts).
    const strictPolicy = !!command.needsPolicy || options.policy !== undefined
    const saidByCommand = (id: string): boolean => id === 'snapshots-keychain' || (strictPolicy && id === 'policy-invalid')
    for (const notice of services.notices) if (!saidByCommand(notice.id)) io.err(`tokendesk: ${revealHidden(notice.message)}\n`)
    const later = services.board.onNotice((notice) => io.err(`tokendesk: ${revealHidden(notice.message)}\n`))
    try {
      const code = await command.run({ services, io, options, args, now: deps.now ?? new Date() })
      await services.snapshots.flush() // refreshes save their snapshots in the background
      // An offline copy that could not be saved was said on stderr (a notice); the run failed.
      return services.snapshots.takeFailures().length && code === EXIT.ok ? EXIT.failed : code
    } finally {
      later()
    }
  } catch (error) {
    return failed(error, io, log, { dataDir, out: options.out && options.out !== '-' ? path.resolve(io.cwd, options.out) : null })
  }
}

/** Any failure as one sentence and its exit code: never a stack trace. */
function failed(error: unknown, io: CliIO, log: ReturnType<typeof createLogger>, paths: { dataDir: string; out: string | null }): number {
  // Messages carry the user's and vendors' words (labels, ids, paths): hidden characters shown.
  if (error instanceof UsageError) {
    io.err(`tokendesk: ${revealHidden(error.message)}\n`)
    return EXIT.usage
  }
  if (error instanceof AppError && error.kind === 'keychain_unavailable') {
    io.err(`tokendesk: ${revealHidden(error.message)}\n`)
    return EXIT.keychain
  }
  // The data folder or an export target refused (a file, no permission, read-only, full).
  const refused = fileSystemError(error)
  if (refused) {
    const { out } = paths
    const subject = out && (refused.path === out || refused.path?.startsWith(`${out}.tmp-`)) ? { path: out, name: 'export file' } : { path: paths.dataDir, name: 'data folder' }
    io.err(`tokendesk: ${revealHidden(fileProblemMessage(refused, subject))}\n`)
    return EXIT.usage
  }
  if (error instanceof AppError) {
    io.err(`tokendesk: ${revealHidden(error.message)}\n`)
    if (error.kind === 'validation' || error.kind === 'conflict' || error.kind === 'not_found') {
      for (const [field, message] of Object.entries(error.fields ?? {})) {
        if (message !== error.message) io.err(`  ${field}: ${revealHidden(message)}\n`)
      }
      return EXIT.usage
    }
    return EXIT.failed
  }
  log.error('cli: unexpected failure', { error })
  io.err('tokendesk: something went wrong inside Tokendesk and the command stopped. Run with TOKENDESK_DEBUG=1 for details.\n')
  return EXIT.failed
}
