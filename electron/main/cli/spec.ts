/**
 * What a command is, as data: its words, the arguments and options it takes, its help and its
 * handler — one entry in the command table (commands.ts). Parsing (parse.ts) and help (help.ts)
 * read the same entry, so an option a command does not list is refused, and its help cannot drift.
 */
import type { Services } from '../services'
import type { CliIO } from './io'

/** Every option any command takes: the one catalogue of names, kinds and default help. */
export const OPTIONS = {
  // Connections
  provider: { type: 'string', value: 'ID', help: 'the vendor' },
  label: { type: 'string', value: 'L', help: 'the connection’s name' },
  client: { type: 'string', value: 'C', help: 'only connections of this client (any case)' },
  'base-url': { type: 'string', value: 'URL', help: 'the vendor’s API address' },
  'account-id': { type: 'string', value: 'ID', help: 'the vendor account to work in' },
  'no-test': { type: 'boolean', help: 'save without asking the vendor first (e.g. to work offline)' },
  connection: { type: 'string', value: 'ID|LABEL', help: 'only this connection' },
  reattach: { type: 'boolean', help: 'put back the entries a set-aside connections file describes' },
  delete: { type: 'boolean', help: 'delete the entries (those listed in a set-aside file, or the ids named)' },
  // Token filters (the same for tokens list, export and the bulk actions)
  status: { type: 'string', multiple: true, value: 'S', help: 'only tokens in this state; repeat for any of several' },
  owner: { type: 'string', multiple: true, value: 'O', help: 'only tokens of this owner (whole name, any case); repeat for any of several' },
  'no-owner': { type: 'boolean', help: 'only tokens nobody was named as the owner of' },
  tag: { type: 'string', multiple: true, value: 'T', help: 'only tokens with this tag (any case); repeat for tokens with every one' },
  // Output
  json: { type: 'boolean', help: 'machine output on standard output (messages stay on standard error)' },
  csv: { type: 'boolean', help: 'CSV on standard output' },
  offline: { type: 'boolean', help: 'no network call at all: use the inventory saved by the last refresh' },
  format: { type: 'string', value: 'csv|json', help: 'the file format' },
  out: { type: 'string', value: 'FILE', help: 'where to write (a new or replaced file; - for standard output)' },
  // Secrets
  'secret-out': { type: 'string', value: 'FILE', help: 'write the secret to this new file, created owner-only (0600); never an existing file' },
  'secret-fd': { type: 'string', value: 'N', help: 'write the secret to descriptor N (3 or above) that the caller opened, e.g. 3>file' },
  // Token actions
  field: { type: 'string', multiple: true, value: 'KEY=VALUE', help: 'a field of the vendor’s form (see the list below); repeat for each' },
  yes: { type: 'boolean', help: 'confirm without asking (scripts); without a terminal, changes are refused unless given' },
  all: { type: 'boolean', help: 'every token of the connection (a bulk action with no filter)' },
  finish: { type: 'boolean', help: 'take the open rotation one step on: retire the old token, then (again) delete it' },
  undo: { type: 'boolean', help: 'remove the successor during the overlap' },
  // Local metadata
  notes: { type: 'string', value: 'N', help: 'free notes' },
  'display-name': { type: 'string', value: 'D', help: 'your own name for the token' },
  'from-csv': { type: 'string', value: 'FILE', help: 'import an audit spreadsheet' },
  // Policies
  policy: { type: 'string', value: 'FILE', help: 'judge tokens against this policy file (read, never written) instead of policy.json in the data folder' },
  'fail-on': { type: 'string', value: 'error|warning', help: 'the findings that fail the run (exit 1): errors (the default), or warnings and errors' },
  // Every command
  'data-dir': { type: 'string', value: 'DIR', help: 'where Tokendesk keeps its files (or TOKENDESK_DATA_DIR)' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies Record<string, OptionSpec>

export interface OptionSpec {
  type: 'string' | 'boolean'
  multiple?: boolean
  short?: string
  /** The value's name in help (`--out FILE`). */
  value?: string
  help: string
}

export type OptionName = keyof typeof OPTIONS

type ValueOf<K extends OptionName> = (typeof OPTIONS)[K] extends { type: 'boolean' } ? boolean : (typeof OPTIONS)[K] extends { multiple: true } ? string[] : string

/** The parsed options: only those the command lists are ever set. */
export type CliOptions = { [K in OptionName]?: ValueOf<K> }

/** Options every command takes. */
export const GLOBAL_OPTIONS: readonly OptionName[] = ['data-dir', 'help']

/** An option a command takes, with this command's own words for it where they differ. */
export type CommandOption = OptionName | readonly [OptionName, string]

export interface CommandContext {
  services: Services
  io: CliIO
  options: CliOptions
  args: string[]
  now: Date
}

export interface CommandSpec {
  /** The words that name it: `tokens rotate`. */
  name: string
  /** Its arguments as help writes them (`<token>`, `[ID…]`), and how many it takes. */
  args?: { usage: string; min: number; max: number }
  /** One line for the overview. */
  summary: string
  /** Paragraphs for its own help (plain text; generated parts come from `more`). */
  description?: string
  options: readonly CommandOption[]
  /** More help generated from data (a vendor's form fields). */
  more?: () => string
  examples?: readonly string[]
  /** It needs no services (no data folder, no keychain): help-like commands. */
  bare?: boolean
  /**
   * It judges tokens against the policy: no policy, or one that does not validate, stops it (exit 2)
   * with the policy's problems, so run.ts does not say them as a notice first. (`--policy FILE` on
   * any command is held to the same.)
   */
  needsPolicy?: boolean
  /** Its own exit codes for its help page, where they differ from the others' (usage.ts EXIT_CODES). */
  exitCodes?: string
  run(ctx: CommandContext): Promise<number> | number
}

export const optionName = (o: CommandOption): OptionName => (typeof o === 'string' ? o : o[0])
export const optionHelp = (o: CommandOption): string => (typeof o === 'string' ? OPTIONS[o].help : o[1])

/** `--out FILE`, `--json`, `-h, --help`. */
export function optionUsage(name: OptionName): string {
  const spec: OptionSpec = OPTIONS[name]
  return `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`
}
