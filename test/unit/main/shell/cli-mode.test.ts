/** The app binary decides between the CLI and the window from its arguments, and runs the CLI as a command should (cli-mode.ts). */
import { beforeEach, describe, expect, it } from 'vitest'
import { resetFake } from '../../../fakes/electron'
import { CHROMIUM_SWITCHES, isCliInvocation, userArguments } from '../../../../electron/main/shell/cli-mode'

beforeEach(() => resetFake())

describe('cli mode: which arguments are the user’s', () => {
  it('finds the user’s arguments after `electron .` in development and after the binary when packaged', () => {
    expect(userArguments(['/x/electron', '.', 'tokens', 'list'], true)).toEqual(['tokens', 'list'])
    expect(userArguments(['/opt/Tokendesk/tokendesk', 'tokens', 'list'], false)).toEqual(['tokens', 'list'])
  })

  it('passes over the Chromium switches before the command and the one `--` that ends them', () => {
    const bin = '/opt/Tokendesk/tokendesk'
    // What the Linux wrapper runs, and what the AppImage's AppRun adds.
    expect(userArguments([bin, '--ozone-platform=headless', '--disable-gpu', '--', 'tokens', 'list', '--json'], false)).toEqual(['tokens', 'list', '--json'])
    expect(userArguments([bin, '--no-sandbox', 'connections', 'list'], false)).toEqual(['connections', 'list'])
    expect(userArguments([bin, '--enable-features=UseOzonePlatform', '--inspect=9229', '--v=1', 'export'], false)).toEqual(['export'])
    for (const name of CHROMIUM_SWITCHES) {
      expect(userArguments([bin, `--${name}`, `--${name}=x`, 'tokens'], false), name).toEqual(['tokens'])
    }
    // After the command everything is the CLI's, a `--` and switch look-alikes included.
    expect(userArguments([bin, '--', 'tokens', 'annotate', '--notes', '--disable-gpu', '--', '--x'], false)).toEqual(['tokens', 'annotate', '--notes', '--disable-gpu', '--', '--x'])
    expect(userArguments([bin, '--', '--', 'tokens'], false)).toEqual(['--', 'tokens'])
    // The CLI's own options and unknown switches are not Chromium's to take.
    expect(userArguments([bin, '--data-dir', '/d', 'tokens'], false)).toEqual(['--data-dir', '/d', 'tokens'])
    expect(userArguments([bin, '--disable-gpux', 'tokens'], false)).toEqual(['--disable-gpux', 'tokens'])
    expect(userArguments([bin, '--no-sandbox'], false)).toEqual([])
  })

  it('runs the CLI only when the first argument is one of its commands or words', () => {
    for (const args of [['connections', 'list'], ['tokens', 'list', '--json'], ['export', '--format', 'csv'], ['review', 'mark'], ['--help'], ['-h'], ['help'], ['--version']]) {
      expect(isCliInvocation(args), args.join(' ')).toBe(true)
    }
    expect(isCliInvocation(userArguments(['/opt/Tokendesk/tokendesk', '--no-sandbox', '--enable-logging', 'tokens'], false))).toBe(true)
    // No arguments, or what a desktop launcher or Chromium passes: the app.
    for (const args of [[], ['--no-sandbox'], ['/home/u/file.csv'], ['Tokens'], ['--data-dir', 'tokens']]) {
      expect(isCliInvocation(userArguments(['/opt/Tokendesk/tokendesk', ...args], false)), args.join(' ')).toBe(false)
    }
  })
})
