/**
 * Help pages, generated from the command table (commands.ts): the overview, a group's commands,
 * one command's arguments and options. What parses is what the help says.
 */
import { groupOf } from './parse'
import { GLOBAL_OPTIONS, optionHelp, optionName, optionUsage, type CommandOption, type CommandSpec } from './spec'
import { EXIT_CODES } from './usage'

const GROUP_TITLES: Record<string, string> = { connections: 'Connections', tokens: 'Tokens', rotations: 'Rotations', review: 'Review' }

/** Words wrapped to `width` columns. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  return [...lines, line]
}

/** Two columns, the right one wrapped to a 100-column page; `width`: the left column's. */
function rows(entries: Array<[string, string]>, width = Math.min(30, Math.max(...entries.map(([left]) => left.length)))): string {
  const indent = 2
  const room = Math.max(30, PAGE - indent - width - 2)
  const pad = ' '.repeat(indent + width + 2)
  return entries
    .map(([left, right]) => {
      const [first = '', ...more] = wrap(right, room)
      const head = left.length > width ? `${' '.repeat(indent)}${left}\n${pad}${first}` : `${' '.repeat(indent)}${left.padEnd(width)}  ${first}`
      return [head, ...more.map((m) => pad + m)].join('\n')
    })
    .join('\n')
}

const PAGE = 100

const synopsis = (c: CommandSpec): string => `tokendesk ${c.name}${c.args ? ` ${c.args.usage}` : ''}${c.options.length ? ' [options]' : ''}`

export function overview(commands: readonly CommandSpec[]): string {
  const sections: string[] = []
  const width = 28
  const groups = [...new Set(commands.map((c) => groupOf(c.name)).filter((g): g is string => !!g))]
  for (const g of groups) {
    sections.push(`${GROUP_TITLES[g] ?? g}:\n${rows(commands.filter((c) => groupOf(c.name) === g).map((c) => [c.name + (c.args ? ` ${c.args.usage}` : ''), c.summary]), width)}`)
  }
  const others = commands.filter((c) => !groupOf(c.name)).map((c): [string, string] => [c.name, c.summary])
  sections.push(`Other:\n${rows([...others, ['help [COMMAND]', 'help on a command: tokendesk help tokens rotate (or tokens rotate --help)'], ['--version', 'the version of Tokendesk']], width)}`)
  return `Usage: tokendesk <command> [options]

The same core as the Tokendesk window, without a window. Vendor text is printed with hidden
characters shown as <U+XXXX>; --json keeps the data exact. No command prints a secret.

${sections.join('\n\n')}

Every command takes --data-dir DIR (or TOKENDESK_DATA_DIR) and --help.

${EXIT_CODES}`
}

export function groupHelp(group: string, commands: readonly CommandSpec[]): string {
  const inGroup = commands.filter((c) => groupOf(c.name) === group)
  return `Usage: tokendesk ${group} <command> [options]\n\n${rows(inGroup.map((c) => [c.name.split(' ')[1]! + (c.args ? ` ${c.args.usage}` : ''), c.summary]))}\n\nSee: tokendesk help ${group} <command>\n`
}

export function commandHelp(c: CommandSpec): string {
  const options: CommandOption[] = [...c.options, ...GLOBAL_OPTIONS]
  const parts = [`Usage: ${synopsis(c)}`, c.summary[0]!.toUpperCase() + c.summary.slice(1) + '.']
  if (c.description) parts.push(c.description.trim().split(/\n\s*\n/).map((p) => wrap(p.replace(/\s*\n\s*/g, ' '), PAGE - 4).join('\n')).join('\n\n'))
  parts.push(`Options:\n${rows(options.map((o) => [optionUsage(optionName(o)), optionHelp(o)]))}`)
  const more = c.more?.()
  if (more) parts.push(more.trimEnd())
  if (c.examples?.length) parts.push(`Examples:\n${c.examples.map((e) => `  ${e}`).join('\n')}`)
  parts.push((c.exitCodes ?? EXIT_CODES).trimEnd())
  return `${parts.join('\n\n')}\n`
}
