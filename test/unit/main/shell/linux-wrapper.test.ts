/**
 * The Linux `tokendesk` wrapper (build/linux/tokendesk.sh) run for real by bash, through the links
 * the deb makes (/usr/bin → /etc/alternatives → /opt/Tokendesk/bin), in front of a stand-in app
 * binary that records the arguments it was given and uses its descriptors. Its decision is checked
 * against the app's own (cli-mode.ts): headless exactly when the app will run the CLI.
 */
import { spawn } from 'node:child_process'
import { chmod, copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI_TOP_WORDS } from '../../../../electron/main/cli/run'
import { CHROMIUM_SWITCHES, isCliInvocation, userArguments } from '../../../../electron/main/shell/cli-mode'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

const WRAPPER = path.join(import.meta.dirname, '../../../../build/linux/tokendesk.sh')
const HEADLESS = ['--ozone-platform=headless', '--disable-gpu']
let root: string
let command: string
let argvFile: string

/** The stand-in app binary: its arguments NUL-separated to a file, stdin to stdout, a line to stderr, one to fd 3 if open. */
const STAND_IN = `#!/bin/bash
if [ $# -eq 0 ]; then : > "$STANDIN_ARGV"; else printf '%s\\0' "$@" > "$STANDIN_ARGV"; fi
if [ -e /proc/self/fd/3 ]; then printf 'secret-on-fd-3' >&3; fi
cat
printf 'from the app\\n' >&2
exit "\${STANDIN_EXIT:-0}"
`

beforeAll(async () => {
  root = await makeTempDir()
  const install = path.join(root, 'opt/Tokendesk')
  await mkdir(path.join(install, 'bin'), { recursive: true })
  await copyFile(WRAPPER, path.join(install, 'bin/tokendesk'))
  await chmod(path.join(install, 'bin/tokendesk'), 0o755)
  await writeFile(path.join(install, 'tokendesk'), STAND_IN, { mode: 0o755 })
  await mkdir(path.join(root, 'etc/alternatives'), { recursive: true })
  await mkdir(path.join(root, 'usr/bin'), { recursive: true })
  await symlink(path.join(install, 'bin/tokendesk'), path.join(root, 'etc/alternatives/tokendesk'))
  await symlink(path.join(root, 'etc/alternatives/tokendesk'), path.join(root, 'usr/bin/tokendesk'))
  command = path.join(root, 'usr/bin/tokendesk')
  argvFile = path.join(root, 'argv')
})
afterAll(() => removeDir(root))

interface Ran {
  code: number | null
  received: string[]
  stdout: string
  stderr: string
  fd3: string
}

/** Runs /usr/bin/tokendesk with `args` (no display in its environment), with a pipe as fd 3 when asked. */
function run(args: string[], options: { input?: string; exit?: number; fd3?: boolean } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, STANDIN_ARGV: argvFile, STANDIN_EXIT: String(options.exit ?? 0) }
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe', options.fd3 ? 'pipe' : 'ignore'] })
    const out = { stdout: '', stderr: '', fd3: '' }
    child.stdout!.on('data', (d: Buffer) => (out.stdout += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (out.stderr += d.toString()))
    if (options.fd3) (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => (out.fd3 += d.toString()))
    child.on('error', reject)
    child.on('close', async (code) => {
      const raw = await readFile(argvFile, 'utf8')
      resolve({ code, received: raw === '' ? [] : raw.slice(0, -1).split('\0'), ...out })
    })
    child.stdin!.end(options.input ?? '')
  })
}

describe('the Linux tokendesk wrapper', () => {
  it('runs a CLI command headless, every argument passed exactly (spaces, quotes, empty, `--`, newlines, globs, unicode)', async () => {
    const args = ['tokens', 'annotate', 'TKN 1', "it's", '"quoted"', '', '--', '--notes=--disable-gpu', '*', '$HOME', 'two\nlines', 'zürich \u202eevil', '-h']
    const ran = await run(args)
    expect(ran.code).toBe(0)
    expect(ran.received).toEqual([...HEADLESS, '--', ...args])
    // The app, given that, sees the user's arguments and nothing else.
    expect(userArguments(['/opt/Tokendesk/tokendesk', ...ran.received], false)).toEqual(args)
  })

  it('keeps the user’s own Chromium switches before the command, for Chromium', async () => {
    const ran = await run(['--no-sandbox', '--enable-features=X', 'connections', 'list', '--json'])
    expect(ran.received).toEqual([...HEADLESS, '--no-sandbox', '--enable-features=X', '--', 'connections', 'list', '--json'])
    const separated = await run(['--no-sandbox', '--', 'tokens', 'list'])
    expect(separated.received).toEqual([...HEADLESS, '--no-sandbox', '--', 'tokens', 'list'])
  })

  it('starts the app as before for anything that is not a CLI command', async () => {
    for (const args of [[], ['--no-sandbox'], ['--no-sandbox', '--', 'x'], ['/home/u/file.csv'], ['Tokens', 'list'], ['--data-dir', '/d'], ['--data-dir', 'tokens'], ['--data-dir=/d', 'x']]) {
      expect((await run(args)).received, JSON.stringify(args)).toEqual(args)
    }
  })

  it('decides as the app does: headless exactly when the app runs the CLI, the same user arguments either way', async () => {
    // Every word of the CLI's help, the words the app answers itself, and a few that are not the CLI's.
    const words = new Set([...CLI_TOP_WORDS, 'help', '-h', '--help', '--version', '--versions', 'foo', ''])
    const firsts = [...[...words].flatMap((w) => [[w, 'x'], ['--data-dir', '/d x', w, 'x'], [`--data-dir=/d`, w]]), ...CHROMIUM_SWITCHES.flatMap((name) => [[`--${name}`, 'tokens', 'list'], [`--${name}=a b`, 'tokens', 'list']])]
    let cli = 0
    for (const args of firsts) {
      const ran = await run(args)
      const bin = '/opt/Tokendesk/tokendesk'
      const headless = ran.received[0] === HEADLESS[0]
      const app = isCliInvocation(userArguments([bin, ...args], false))
      expect(headless, `headless for ${JSON.stringify(args)}`).toBe(app)
      expect(userArguments([bin, ...ran.received], false), JSON.stringify(args)).toEqual(userArguments([bin, ...args], false))
      if (app) cli++
    }
    expect(cli).toBeGreaterThanOrEqual(8 + CHROMIUM_SWITCHES.length * 2) // connections, tokens, review, export, help, -h, --help, --version
  })

  it('keeps stdin, stdout, stderr and an extra descriptor (--secret-fd 3), and returns the exit code', async () => {
    const ran = await run(['tokens', 'rotate', 'TKN-1', '--secret-fd', '3'], { input: 'from stdin\n', exit: 3, fd3: true })
    expect(ran.code).toBe(3)
    expect(ran.stdout).toBe('from stdin\n')
    expect(ran.stderr).toBe('from the app\n')
    expect(ran.fd3).toBe('secret-on-fd-3')
    for (const exit of [0, 2, 4, 141]) expect((await run(['connections', 'list'], { exit })).code).toBe(exit)
    expect((await run([], { exit: 7 })).code).toBe(7)
  })
})
