/** The `tokendesk` CLI: the same services as the app, without a window. */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { AppError } from '../app-error'
import type { VendorHttp } from '../providers/http/vendor-http'
import { createServices } from '../services'
import { resolveDataDir } from '../services/data-dir'
import { fileProblemMessage, fileSystemError } from '../services/file-problem'
import { KeytarSecretStore } from '../services/keytar-secret-store'
import { createLogger } from '../services/logger'
import type { SecretStore } from '../services/secret-store'
import { connectionsAdd, connectionsList, connectionsRemove, connectionsTest, exportTokens, reviewMark, tokensDiff, tokensInsights, tokensList, type CommandContext } from './commands'
import type { CliIO } from './io'
import { tokensAnnotate } from './annotate'
import { connectionsOrphans } from './orphans'
import { tokensRotate } from './rotate'
import { EXIT, USAGE, UsageError } from './usage'

const COMMANDS: Record<string, (ctx: CommandContext) => Promise<number> | number> = {
  'connections add': connectionsAdd,
  'connections list': connectionsList,
  'connections remove': connectionsRemove,
  'connections test': connectionsTest,
  'connections orphans': connectionsOrphans,
  'tokens list': tokensList,
  'tokens diff': tokensDiff,
  'tokens insights': tokensInsights,
  'tokens rotate': tokensRotate,
  'tokens annotate': tokensAnnotate,
  'review mark': reviewMark,
  export: exportTokens,
}

/** Whether `word` starts a CLI command (the app binary runs the CLI then: cli-mode.ts). */
export const isCliCommand = (word: string): boolean => word === '--help' || Object.keys(COMMANDS).some((name) => name.split(' ')[0] === word)

export interface CliDeps {
  secrets?: SecretStore
  http?: VendorHttp
  now?: Date
}

export async function runCli(argv: string[], io: CliIO, deps: CliDeps = {}): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        provider: { type: 'string' },
        label: { type: 'string' },
        client: { type: 'string' },
        'base-url': { type: 'string' },
        'account-id': { type: 'string' },
        'no-test': { type: 'boolean' },
        connection: { type: 'string' },
        status: { type: 'string' },
        json: { type: 'boolean' },
        csv: { type: 'boolean' },
        offline: { type: 'boolean' },
        reattach: { type: 'boolean' },
        delete: { type: 'boolean' },
        format: { type: 'string' },
        out: { type: 'string' },
        'data-dir': { type: 'string' },
        'secret-out': { type: 'string' },
        'secret-fd': { type: 'string' },
        finish: { type: 'boolean' },
        undo: { type: 'boolean' },
        owner: { type: 'string' },
        notes: { type: 'string' },
        tag: { type: 'string', multiple: true },
        'display-name': { type: 'string' },
        'from-csv': { type: 'string' },
        'no-owner': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    io.err(`tokendesk: ${(error as Error).message}\n\n${USAGE}`)
    return EXIT.usage
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.out(USAGE)
    return EXIT.ok
  }
  const command = COMMANDS[positionals.slice(0, 2).join(' ')] ?? (positionals.length === 1 ? COMMANDS[positionals[0]!] : undefined)
  if (!command) {
    io.err(`${positionals.length ? `tokendesk: unknown command “${positionals.join(' ')}”\n\n` : ''}${USAGE}`)
    return EXIT.usage
  }

  // Quiet by default; TOKENDESK_DEBUG=1 shows the (redacted) log on stderr.
  const log = createLogger((level, line) => {
    if (io.env.TOKENDESK_DEBUG) io.err(`[${level}] ${line}\n`)
  })
  const dataDir = resolveDataDir(values['data-dir'], io.env)
  try {
    const services = await createServices({
      dataDir,
      secrets: deps.secrets ?? new KeytarSecretStore(log),
      log,
      http: deps.http,
      forceOffline: values.offline,
    })
    // Without a keychain the commands that need the saved inventory stop with exit 4 and say why.
    for (const notice of services.notices) if (notice.id !== 'snapshots-keychain') io.err(`tokendesk: ${notice.message}\n`)
    const later = services.board.onNotice((notice) => io.err(`tokendesk: ${notice.message}\n`))
    try {
      const args = positionals.slice(COMMANDS[positionals.slice(0, 2).join(' ')] ? 2 : 1)
      const code = await command({ services, io, options: values, args, now: deps.now ?? new Date() })
      await services.snapshots.flush() // refreshes save their snapshots in the background
      // An offline copy that could not be saved was said on stderr (a notice); the run failed.
      return services.snapshots.takeFailures().length && code === EXIT.ok ? EXIT.failed : code
    } finally {
      later()
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`tokendesk: ${error.message}\n`)
      return EXIT.usage
    }
    if (error instanceof AppError && error.kind === 'keychain_unavailable') {
      io.err(`tokendesk: ${error.message}\n`)
      return EXIT.keychain
    }
    // The data folder or an export target refused (a file, no permission, read-only, full).
    const refused = fileSystemError(error)
    if (refused) {
      const out = values.out ? path.resolve(values.out) : null
      const subject = out && (refused.path === out || refused.path?.startsWith(`${out}.tmp-`)) ? { path: out, name: 'export file' } : { path: dataDir, name: 'data folder' }
      io.err(`tokendesk: ${fileProblemMessage(refused, subject)}\n`)
      return EXIT.usage
    }
    if (error instanceof AppError) {
      io.err(`tokendesk: ${error.message}\n`)
      if (error.kind === 'validation' || error.kind === 'conflict' || error.kind === 'not_found') {
        for (const [field, message] of Object.entries(error.fields ?? {})) {
          if (message !== error.message) io.err(`  ${field}: ${message}\n`)
        }
        return EXIT.usage
      }
      return EXIT.failed
    }
    log.error('cli: unexpected failure', { error })
    io.err('tokendesk: something went wrong inside Tokendesk; nothing was changed. Run with TOKENDESK_DEBUG=1 for details.\n')
    return EXIT.failed
  }
}
