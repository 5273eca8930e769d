/** The app binary decides between the CLI and the window from its arguments (cli-mode.ts). */
import { describe, expect, it } from 'vitest'
import { isCliInvocation, userArguments } from '../../../../electron/main/shell/cli-mode'

describe('cli mode', () => {
  it('finds the user’s arguments after `electron .` in development and after the binary when packaged', () => {
    expect(userArguments(['/x/electron', '.', 'tokens', 'list'], true)).toEqual(['tokens', 'list'])
    expect(userArguments(['/opt/Tokendesk/tokendesk', 'tokens', 'list'], false)).toEqual(['tokens', 'list'])
  })

  it('runs the CLI only when the first argument is one of its commands', () => {
    for (const args of [['connections', 'list'], ['tokens', 'list', '--json'], ['export', '--format', 'csv'], ['review', 'mark'], ['--help']]) {
      expect(isCliInvocation(args), args.join(' ')).toBe(true)
    }
    // No arguments, or what a desktop launcher or Chromium passes: the app.
    for (const args of [[], ['--no-sandbox'], ['--enable-logging', 'tokens'], ['/home/u/file.csv']]) {
      expect(isCliInvocation(args), args.join(' ')).toBe(false)
    }
  })
})
