/** The command table: every command reachable from the app binary, each with its own help, options from the one catalogue. */
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../../../electron/main/cli/commands'
import { commandHelp } from '../../../../electron/main/cli/help'
import { isCliCommand } from '../../../../electron/main/cli/run'
import { OPTIONS, optionName } from '../../../../electron/main/cli/spec'

describe('the command table', () => {
  it('makes every first word a CLI command for the app binary, help and --version too', () => {
    for (const c of COMMANDS) expect(isCliCommand(c.name.split(' ')[0]!), c.name).toBe(true)
    for (const word of ['help', '--help', '-h', '--version', 'rotations', 'tokens', 'connections', 'review', 'export', 'audit']) expect(isCliCommand(word), word).toBe(true)
    for (const word of ['--no-sandbox', 'list', '/tmp/x.csv', '']) expect(isCliCommand(word), word).toBe(false)
  })

  it('gives each command a unique name, options from the catalogue, and a help page naming each option', () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length)
    for (const c of COMMANDS) {
      const page = commandHelp(c)
      for (const o of c.options) {
        expect(OPTIONS[optionName(o)], `${c.name} --${optionName(o)}`).toBeDefined()
        expect(page, c.name).toContain(`--${optionName(o)}`)
      }
      expect(page).toMatch(/Exit codes:/)
    }
  })

  it('gives --json to every command', () => {
    expect(COMMANDS.filter((c) => !c.options.some((o) => optionName(o) === 'json')).map((c) => c.name)).toEqual([])
  })
})
