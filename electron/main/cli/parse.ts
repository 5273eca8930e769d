/**
 * From argv to one command of the table and its options: the command's own option set only
 * (anything else is refused, naming it), no extra arguments, a single-valued option given once.
 * Mistakes get one short line with the nearest names, never the whole usage.
 */
import { parseArgs } from 'node:util'
import { GLOBAL_OPTIONS, OPTIONS, optionName, type CliOptions, type CommandSpec, type OptionName, type OptionSpec } from './spec'
import { didYouMean } from './suggest'

export type Parsed =
  | { kind: 'run'; command: CommandSpec; options: CliOptions; args: string[] }
  /** Help on a topic: no words (the overview), a group (`tokens`) or a command. `error`: asked for nothing usable (to stderr, exit 2). */
  | { kind: 'help'; topic: string[]; error?: string }
  | { kind: 'version' }
  | { kind: 'error'; message: string; see: string }

/** The words of the command line (not options, not their values), as the parser will see them. */
function words(argv: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') return [...out, ...argv.slice(i + 1)]
    if (arg.startsWith('-') && arg !== '-') {
      const name = arg.slice(2)
      const spec = (OPTIONS as Record<string, OptionSpec>)[name]
      if (arg.startsWith('--') && !name.includes('=') && spec?.type === 'string') i += 1
      continue
    }
    out.push(arg)
  }
  return out
}

export const groupOf = (name: string): string | null => (name.includes(' ') ? name.split(' ')[0]! : null)

/** Find the command a line names, or the help to show. */
export function parseCommandLine(argv: readonly string[], commands: readonly CommandSpec[]): Parsed {
  const w = words(argv)
  const wantsHelp = argv.includes('--help') || argv.includes('-h')
  if (w.length === 0) {
    if (argv.includes('--version') && argv.length === 1) return { kind: 'version' }
    return wantsHelp ? { kind: 'help', topic: [] } : argv.length ? { kind: 'error', message: `${argv[0]} is not a command.`, see: 'tokendesk help' } : { kind: 'help', topic: [], error: '' }
  }
  if (w[0] === 'help') return { kind: 'help', topic: w.slice(1) }
  const two = commands.find((c) => c.name === `${w[0]} ${w[1] ?? ''}`)
  const command = two ?? commands.find((c) => c.name === w[0])
  if (!command) return unknown(w, commands, wantsHelp)
  if (wantsHelp) return { kind: 'help', topic: command.name.split(' ') }
  return parseOptions(argv, command, command.name.split(' ').length)
}

/** Help for a topic, or why there is none. */
export function findTopic(topic: readonly string[], commands: readonly CommandSpec[]): { command?: CommandSpec; group?: string; error?: string } {
  if (!topic.length) return {}
  const name = topic.join(' ')
  const command = commands.find((c) => c.name === name)
  if (command) return { command }
  if (topic.length === 1 && commands.some((c) => groupOf(c.name) === name)) return { group: name }
  const all = [...commands.map((c) => c.name), ...new Set(commands.map((c) => groupOf(c.name)).filter((g): g is string => !!g))]
  return { error: `There is no help on “${name}”.${didYouMean(name, all)}` }
}

function unknown(w: string[], commands: readonly CommandSpec[], wantsHelp: boolean): Parsed {
  const groups = [...new Set(commands.map((c) => groupOf(c.name)).filter((g): g is string => !!g))]
  const [first, second] = w
  if (groups.includes(first!)) {
    const inGroup = commands.filter((c) => groupOf(c.name) === first)
    if (second === undefined) return wantsHelp ? { kind: 'help', topic: [first!] } : { kind: 'help', topic: [first!], error: `${first} needs a command: ${inGroup.map((c) => c.name.split(' ')[1]).join(', ')}.` }
    return { kind: 'error', message: `unknown command “${first} ${second}”.${didYouMean(`${first} ${second}`, inGroup.map((c) => c.name))}`, see: `tokendesk help ${first}` }
  }
  const tops = [...groups, ...commands.filter((c) => !groupOf(c.name)).map((c) => c.name), 'help']
  return { kind: 'error', message: `unknown command “${first}”.${didYouMean(first!, tops)}`, see: 'tokendesk help' }
}

function parseOptions(argv: readonly string[], command: CommandSpec, wordCount: number): Parsed {
  const names: OptionName[] = [...command.options.map(optionName), ...GLOBAL_OPTIONS]
  const see = `tokendesk help ${command.name}`
  const options = Object.fromEntries(names.map((n) => [n, OPTIONS[n]]))
  let parsed
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true, tokens: true })
  } catch (error) {
    return { kind: 'error', message: optionProblem(error as Error & { code?: string }, command, names), see }
  }
  const given = new Map<string, number>()
  for (const t of parsed.tokens) if (t.kind === 'option') given.set(t.name, (given.get(t.name) ?? 0) + 1)
  for (const [name, count] of given) {
    if (count > 1 && !(OPTIONS[name as OptionName] as OptionSpec).multiple) return { kind: 'error', message: `--${name} is given ${count} times; give it once.`, see }
  }
  const args = parsed.positionals.slice(wordCount)
  const { min = 0, max = 0, usage = '' } = command.args ?? {}
  if (args.length > max) {
    const extra = args.slice(max).map((a) => `“${a}”`).join(' ')
    return { kind: 'error', message: max === 0 ? `${command.name} takes no arguments; ${extra} is extra.` : `${command.name} takes ${usage}; ${extra} ${args.length - max === 1 ? 'is' : 'are'} extra.`, see }
  }
  if (args.length < min) return { kind: 'error', message: `${command.name} needs ${usage}.`, see }
  return { kind: 'run', command, options: parsed.values as CliOptions, args }
}

/** Node's parser errors in this CLI's words. */
function optionProblem(error: Error & { code?: string }, command: CommandSpec, names: OptionName[]): string {
  const raw = /'(-[^' ]*)/.exec(error.message)?.[1] ?? ''
  const name = raw.replace(/^-+/, '')
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return `${command.name} does not take ${raw}.${didYouMean(name, names)}`.replace(/“([^”]+)”/g, '“--$1”')
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const spec = (OPTIONS as Record<string, OptionSpec>)[name]
    if (/does not take an argument/.test(error.message)) return `--${name} takes no value.`
    if (/ambiguous/.test(error.message)) return `--${name} needs a value; for one that starts with “-”, write --${name}=VALUE.`
    return `--${name} needs a value${spec?.value ? ` (${spec.value})` : ''}.`
  }
  return 'the command line could not be read.'
}
