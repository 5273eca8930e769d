/** The app binary decides between the CLI and the window from its arguments, and runs the CLI as a command should (cli-mode.ts). */
import { EventEmitter } from 'node:events'
import { Writable } from 'node:stream'
import { beforeEach, describe, expect, it } from 'vitest'
import { app, resetFake } from '../../../fakes/electron'
import type { CliIO } from '../../../../electron/main/cli/io'
import { CHROMIUM_SWITCHES, isCliInvocation, runCliMode, userArguments, type CliHost } from '../../../../electron/main/shell/cli-mode'

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

/** A process for runCliMode: its events, standard streams (stdout may refuse like a closed pipe), exit codes. */
function fakeHost(options: { stdoutFails?: NodeJS.ErrnoException; env?: NodeJS.ProcessEnv } = {}) {
  const stdout: string[] = []
  const stderr: string[] = []
  const exits: number[] = []
  let exited!: (code: number) => void
  const exit = new Promise<number>((resolve) => (exited = resolve))
  const writable = (into: string[], fails?: NodeJS.ErrnoException) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (fails) return done(fails)
        into.push(chunk.toString())
        done()
      },
    })
  const events = new EventEmitter()
  const host: CliHost = {
    events,
    stdout: writable(stdout, options.stdoutFails),
    stderr: writable(stderr),
    env: options.env ?? {},
    exit: (code) => {
      exits.push(code)
      exited(code)
    },
  }
  const io: CliIO = { out: (t) => void host.stdout.write(t), err: (t) => void host.stderr.write(t), readLine: async () => null, ask: async () => null, interactive: false, columns: null, cwd: '/', env: host.env }
  return { host, io, events, exit, exits, stdout: () => stdout.join(''), stderr: () => stderr.join('') }
}

const epipe = (): NodeJS.ErrnoException => Object.assign(new Error('write EPIPE'), { code: 'EPIPE', errno: -32, syscall: 'write' })
const settle = () => new Promise((r) => setImmediate(r))

describe('cli mode: running the command', () => {
  it('exits with the CLI’s code once stdout is written, and hides the Dock icon first', async () => {
    const p = fakeHost()
    let dockHiddenWhenRun: boolean | undefined
    await runCliMode(['tokens', 'list'], {
      host: p.host,
      io: p.io,
      run: async (args, io) => {
        dockHiddenWhenRun = app.dock?.hidden
        io.out(`${JSON.stringify(args)}\n`)
        return 3
      },
    })
    expect(await p.exit).toBe(3)
    expect(p.stdout()).toBe('["tokens","list"]\n')
    expect(dockHiddenWhenRun).toBe(true)
  })

  it('takes --version, help and a leading --data-dir as the CLI’s, and hands them to runCli as they are', async () => {
    for (const args of [['--version'], ['help', 'tokens'], ['-h'], ['--data-dir', '/d', 'tokens', 'list'], ['--data-dir=/d', 'rotations', 'list']]) {
      expect(isCliInvocation(args), JSON.stringify(args)).toBe(true)
      const p = fakeHost()
      const seen: string[][] = []
      await runCliMode(args, { host: p.host, io: p.io, run: async (given) => (seen.push(given), 0) })
      expect(await p.exit).toBe(0)
      expect(seen).toEqual([args])
    }
    for (const args of [['--data-dir', '/d'], ['--data-dir', 'tokens'], ['--version2'], ['/home/u/x.csv']]) expect(isCliInvocation(args), JSON.stringify(args)).toBe(false)
  })

  it('says one line and exits 1 when the command throws — no stack, no secret, no dialog', async () => {
    const p = fakeHost()
    await runCliMode(['tokens', 'list'], { host: p.host, io: p.io, run: () => Promise.reject(new TypeError('Cannot read properties of undefined (Authorization: Bearer sk_live_abcdef123456)')) })
    expect(await p.exit).toBe(1)
    expect(p.exits).toEqual([1])
    expect(p.stderr().split('\n').filter(Boolean)).toHaveLength(1)
    expect(p.stderr()).toMatch(/^tokendesk: an unexpected error stopped Tokendesk.*TOKENDESK_DEBUG=1/)
    expect(p.stderr()).not.toMatch(/\bat |TypeError|sk_live/)
  })

  it('with TOKENDESK_DEBUG adds the error and its stack frames, the message redacted', async () => {
    const p = fakeHost({ env: { TOKENDESK_DEBUG: '1' } })
    await runCliMode(['tokens', 'list'], { host: p.host, io: p.io, run: () => Promise.reject(new TypeError('bad header Bearer sk_live_abcdef123456')) })
    expect(await p.exit).toBe(1)
    expect(p.stderr()).toContain('TypeError: bad header Bearer [redacted]')
    expect(p.stderr()).toMatch(/^\s+at .*cli-mode\.test\.ts/m)
    expect(p.stderr()).not.toContain('sk_live')
  })

  it('turns an uncaught exception or rejection while the command runs into the same line and exit 1, once', async () => {
    for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
      const p = fakeHost()
      void runCliMode(['tokens', 'list'], {
        host: p.host,
        io: p.io,
        run: async () => {
          p.events.emit(event, new RangeError('from a timer'))
          p.events.emit(event, new RangeError('and another'))
          return new Promise<number>(() => {}) // the command never ends by itself
        },
      })
      expect(await p.exit, event).toBe(1)
      await settle()
      expect(p.exits, event).toEqual([1])
      expect(p.stderr().split('\n').filter(Boolean), event).toHaveLength(1)
      expect(p.stderr(), event).not.toMatch(/RangeError|\bat /)
    }
  })

  it('takes a closed stdout (`| head -1`) quietly: the command finishes and its code is the exit code', async () => {
    const p = fakeHost({ stdoutFails: epipe() })
    let finished = false
    await runCliMode(['tokens', 'list'], {
      host: p.host,
      io: p.io,
      run: async (_args, io) => {
        io.out('first line\n')
        await settle() // the stream reports EPIPE asynchronously, as a pipe does
        io.out('second line\n') // written to a destroyed stream: dropped
        await settle()
        finished = true
        return 0
      },
    })
    expect(await p.exit).toBe(0)
    expect(finished).toBe(true)
    expect(p.exits).toEqual([0])
    expect(p.stderr()).toBe('')
  })

  it('still exits 1 for a stdout error that is not a closed reader', async () => {
    const p = fakeHost({ stdoutFails: Object.assign(new Error('write EIO'), { code: 'EIO' }) })
    void runCliMode(['tokens', 'list'], { host: p.host, io: p.io, run: async (_args, io) => (io.out('x'), new Promise<number>(() => {})) })
    expect(await p.exit).toBe(1)
    expect(p.stderr()).toMatch(/^tokendesk: an unexpected error/)
  })
})
