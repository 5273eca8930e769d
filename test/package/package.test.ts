/**
 * The packaging smoke: the real electron-builder (`--linux dir deb`, the project's own
 * electron-builder.yml and afterPack hook) over a stand-in Electron release from a loopback mirror,
 * and a stand-in fpm for the .deb (test/launch/stand-in/fpm.ts). Then the installed `tokendesk` command is run:
 * the stand-in binary runs the packaged main under Node with the Electron fake.
 */
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { execFile, spawn } from 'node:child_process'
import { closeSync, constants as fsConstants, existsSync, openSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox } from '../../electron/main/sandbox/server'
import { serveMirror, type Mirror } from '../launch/mirror'
import { cleanEnv, runToEnd, type Finished } from '../launch/run-process'
import { buildStandInRelease, ROOT, STANDIN_MARK, writeStandInFpm } from '../launch/stand-in/release'
import type { StandInReport } from '../launch/stand-in/runtime'

const run = promisify(execFile)
const asar = createRequire(import.meta.url)('@electron/asar') as { listPackage(archive: string): string[]; statFile(archive: string, file: string): { unpacked?: boolean } }
// The wire's bytes: '0' off, '1' on (@electron/fuses' FuseState).
const OFF = 0x30
const ON = 0x31
const VERSION = (JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version

let work: string
let mirror: Mirror
let builder: Finished
let unpacked: string
let deb: string
const archive = () => path.join(unpacked, 'resources', 'app.asar')

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'package-smoke-'))
  await buildStandInRelease(path.join(work, 'mirror'))
  mirror = await serveMirror(path.join(work, 'mirror'))
  const fpm = await writeStandInFpm(path.join(work, 'fpm'))
  const env = cleanEnv({
    ELECTRON_MIRROR: mirror.url,
    // Private caches: the stand-in never lands where a real Electron download would be looked for.
    XDG_CACHE_HOME: path.join(work, 'cache'),
    ELECTRON_BUILDER_CACHE: path.join(work, 'cache', 'electron-builder'),
    CUSTOM_FPM_PATH: fpm,
  })
  const build = await runToEnd(path.join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], { cwd: ROOT, env, timeoutMs: 120_000 })
  if (build.code !== 0) throw new Error(`electron-vite build failed:\n${build.stderr}`)
  const output = path.join(work, 'release')
  builder = await runToEnd(path.join(ROOT, 'node_modules/.bin/electron-builder'), ['--linux', 'dir', 'deb', '--config', 'electron-builder.yml', `-c.directories.output=${output}`], { cwd: ROOT, env, timeoutMs: 120_000 })
  unpacked = path.join(output, 'linux-unpacked')
  deb = path.join(output, `tokendesk_${VERSION}_amd64.deb`)
}, 180_000)

afterAll(async () => {
  await mirror?.close()
  if (work) await rm(work, { recursive: true, force: true })
})

const log = () => `electron-builder exited ${builder.code ?? builder.signal}\n${builder.stdout.slice(-3000)}\n${builder.stderr.slice(-3000)}`

describe('electron-builder --linux dir deb (stand-in Electron)', () => {
  it('packs the stand-in Electron from the mirror, renamed to the app', async () => {
    expect(builder.code, log()).toBe(0)
    expect(mirror.requests).toEqual(expect.arrayContaining([expect.stringMatching(/\/electron-v[\d.]+-linux-x64\.zip$/)]))
    expect(await readFile(path.join(unpacked, 'tokendesk'), 'latin1')).toContain(STANDIN_MARK)
  })

  it('puts the built out/ in app.asar, and no sources, tests or dev tools', () => {
    const files = asar.listPackage(archive())
    expect(files).toEqual(expect.arrayContaining(['/package.json', '/out/main/index.js', '/out/main/cli.js', '/out/preload/index.js', '/out/renderer/index.html']))
    const ours = files.filter((f) => !/^\/node_modules(\/|$)/.test(f))
    expect(ours.filter((f) => !/^\/(out(\/|$)|package\.json$)/.test(f))).toEqual([])
    expect(ours.filter((f) => /\.(ts|vue|map)$/.test(f))).toEqual([])
    const packages = new Set(files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/')[2]))
    for (const dev of ['electron', 'electron-vite', 'vitest', 'typescript', 'vue', 'electron-builder']) expect(packages.has(dev), dev).toBe(false)
    for (const dep of ['keytar', 'zod', 'axios', 'electron-log']) expect(packages.has(dep), dep).toBe(true)
  })

  it('unpacks keytar’s native module from the asar, and that module needs nothing but N-API from its host', async () => {
    const node = '/node_modules/keytar/build/Release/keytar.node'
    expect(asar.statFile(archive(), node.slice(1)).unpacked).toBe(true)
    const file = path.join(unpacked, 'resources', 'app.asar.unpacked', node)
    expect(existsSync(file)).toBe(true)
    // npmRebuild is off (electron-builder.yml): that is sound only while no V8, libuv or Node C++ symbol is used.
    const { stdout } = await run('nm', ['-D', '--undefined-only', file])
    const symbols = stdout.split('\n').map((l) => l.trim().split(/\s+/).pop()!).filter(Boolean)
    expect(symbols.filter((s) => s.startsWith('napi_')).length).toBeGreaterThan(10)
    expect(symbols.filter((s) => /^(_ZN2v8|_ZN4node|uv_|node_)/.test(s))).toEqual([])
  })

  it('flips the fuses of the packaged binary (afterPack)', async () => {
    const wire = (await getCurrentFuseWire(path.join(unpacked, 'tokendesk'))) as Record<number, number>
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF)
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON)
  })
})

describe('the .deb', () => {
  const field = async (name: string) => (await run('dpkg-deb', ['-f', deb, name])).stdout.trim()

  it('depends on Electron’s usual libraries and on libsecret for the keychain', async () => {
    expect(existsSync(deb), log()).toBe(true)
    const depends = (await field('Depends')).split(/,\s*/)
    expect(depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0']))
    expect(await field('Package')).toBe('tokendesk')
  })

  it('installs the app under /opt, a desktop entry, icons, and the tokendesk wrapper, executable', async () => {
    const { stdout } = await run('dpkg-deb', ['-c', deb])
    const entries = stdout.split('\n').filter(Boolean).map((l) => ({ mode: l.split(/\s+/)[0]!, file: l.split(/\s+/).pop()! }))
    const files = entries.map((e) => e.file)
    expect(files).toEqual(expect.arrayContaining(['./opt/Tokendesk/tokendesk', './opt/Tokendesk/bin/tokendesk', './opt/Tokendesk/resources/app.asar', './usr/share/applications/tokendesk.desktop']))
    expect(entries.find((e) => e.file === './opt/Tokendesk/bin/tokendesk')!.mode).toBe('-rwxr-xr-x')
    expect(files.filter((f) => /^\.\/usr\/share\/icons\/hicolor\/\d+x\d+\/apps\/tokendesk\.png$/.test(f)).length).toBeGreaterThan(0)
    const root = await extracted()
    expect(await readFile(path.join(root, 'opt/Tokendesk/bin/tokendesk'), 'utf8')).toBe(await readFile(path.join(ROOT, 'build/linux/tokendesk.sh'), 'utf8'))
    const desktop = await readFile(path.join(root, 'usr/share/applications/tokendesk.desktop'), 'utf8')
    expect(desktop).toMatch(/^Name=Tokendesk$/m)
    expect(desktop).toMatch(/^Exec=\/opt\/Tokendesk\/tokendesk %U$/m)
    expect(desktop).toMatch(/^Icon=tokendesk$/m)
  })

  it('has electron-builder’s own postinst and postrm, with only the link’s target changed to the wrapper', async () => {
    const control = await controlDir()
    for (const [script, template] of [['postinst', 'after-install.tpl'], ['postrm', 'after-remove.tpl']] as const) {
      const theirs = (await readFile(path.join(ROOT, 'node_modules/app-builder-lib/templates/linux', template), 'utf8'))
        .replaceAll('${sanitizedProductName}', 'Tokendesk')
        .replaceAll('${executable}', 'tokendesk')
        .replaceAll("'/opt/Tokendesk/tokendesk'", "'/opt/Tokendesk/bin/tokendesk'")
      // Ours is theirs with a comment under the shebang saying why.
      const ours = (await readFile(path.join(control, script), 'utf8')).replace(/^(#!\/bin\/bash\n)(#.*\n)+/, '$1')
      expect(ours, script).toBe(theirs)
    }
  })

  it('links /usr/bin/tokendesk to the wrapper on install (update-alternatives or ln) and removes it on remove', async () => {
    const root = await extracted()
    const link = path.join(root, 'usr/bin/tokendesk')
    const wrapper = path.join(root, 'opt/Tokendesk/bin/tokendesk')
    // Without update-alternatives: postinst's `ln -sf`, postrm's `rm -f`.
    expect((await maintainerScript('postinst', root)).code).toBe(0)
    expect(await realpath(link)).toBe(wrapper)
    expect((await stat(link)).mode & 0o111).toBe(0o111)
    expect((await maintainerScript('postrm', root)).code).toBe(0)
    expect(existsSync(link)).toBe(false)
    // With it: registered as the alternative for /usr/bin/tokendesk, and removed again.
    const install = await maintainerScript('postinst', root, { alternatives: true })
    expect(install.calls).toEqual([['--install', link, 'tokendesk', wrapper, '100']])
    const remove = await maintainerScript('postrm', root, { alternatives: true })
    expect(remove.calls).toEqual([['--remove', 'tokendesk', wrapper]])
    await maintainerScript('postinst', root) // leave it installed for the tests below
  })

  it('gives a `tokendesk` command that works without a display (ssh, cron): the wrapper runs the CLI headless, stdout clean, exit codes kept', async () => {
    const root = await extracted()
    if (!existsSync(path.join(root, 'usr/bin/tokendesk'))) await maintainerScript('postinst', root)
    const dataDir = path.join(work, 'data')
    const reportFile = path.join(work, 'cli-report.json')
    const tokendesk = (args: string[], input?: string, env: Record<string, string> = {}) =>
      runToEnd(path.join(root, 'usr/bin/tokendesk'), [...args, '--data-dir', dataDir], { cwd: work, env: noDisplay(env), input, timeoutMs: 30_000 })

    const added = await tokendesk(['connections', 'add', '--provider', 'mpt', '--label', 'Packaged', '--base-url', 'http://127.0.0.1:9/public', '--no-test'], 'packaged-credential-1234\n')
    expect(added.code, added.stderr).toBe(0)
    const listed = await tokendesk(['connections', 'list', '--json'], undefined, { TOKENDESK_STANDIN_REPORT: reportFile })
    expect(listed.code, listed.stderr).toBe(0)
    expect((JSON.parse(listed.stdout) as Array<{ label: string }>).map((c) => c.label)).toEqual(['Packaged'])
    expect(listed.stdout + listed.stderr).not.toContain('packaged-credential-1234')
    const report = JSON.parse(await readFile(reportFile, 'utf8')) as StandInReport
    expect(report.switches).toEqual({ 'ozone-platform': 'headless', 'disable-gpu': '' })
    expect(report.windows).toEqual([])
    const usage = await tokendesk(['tokens', 'list', '--no-such-flag'])
    expect(usage.code).toBe(2)
    expect(usage.stdout).toBe('')
    // What the AppImage's AppRun adds, or a user as root: a Chromium switch before the command.
    const sandboxOff = await tokendesk(['--no-sandbox', 'connections', 'list', '--json'])
    expect(sandboxOff.code, sandboxOff.stderr).toBe(0)
    expect(JSON.parse(sandboxOff.stdout)).toHaveLength(1)
    const removed = await tokendesk(['connections', 'remove', 'Packaged'])
    expect(removed.code, removed.stderr).toBe(0)
  })

  it('answers --version and help through the wrapper', async () => {
    const root = await extracted()
    if (!existsSync(path.join(root, 'usr/bin/tokendesk'))) await maintainerScript('postinst', root)
    const version = await runToEnd(path.join(root, 'usr/bin/tokendesk'), ['--version'], { cwd: work, env: noDisplay(), timeoutMs: 30_000 })
    expect(version.code, version.stderr).toBe(0)
    expect(version.stdout).toBe(`${VERSION}\n`)
    const help = await runToEnd(path.join(root, 'usr/bin/tokendesk'), ['help'], { cwd: work, env: noDisplay(), timeoutMs: 30_000 })
    expect(help.code, help.stderr).toBe(0)
    expect(help.stdout).toMatch(/^Usage: tokendesk <command>/)
  })

  it('without the wrapper the binary cannot start without a display, as Electron cannot', async () => {
    const root = await extracted()
    const direct = await runToEnd(path.join(root, 'opt/Tokendesk/tokendesk'), ['connections', 'list', '--json', '--data-dir', path.join(work, 'data')], { cwd: work, env: noDisplay(), timeoutMs: 30_000 })
    expect(direct.code).not.toBe(0)
    expect(direct.stdout).toBe('')
    expect(direct.stderr).toContain('Missing X server or $DISPLAY')
  })

  it('stops quietly when its reader has gone (`tokendesk tokens list | head -1`): the command finishes, exit 0, no error or stack', async () => {
    const root = await extracted()
    if (!existsSync(path.join(root, 'usr/bin/tokendesk'))) await maintainerScript('postinst', root)
    const sandbox = await startSandbox({ seed: { tokens: 40 } })
    const dataDir = path.join(work, 'data-epipe')
    const tokendesk = (args: string[], input?: string) => runToEnd(path.join(root, 'usr/bin/tokendesk'), [...args, '--data-dir', dataDir], { cwd: work, env: noDisplay(), input, timeoutMs: 30_000 })
    try {
      const added = await tokendesk(['connections', 'add', '--provider', 'fynn', '--label', 'Billing', '--base-url', sandbox.urls.fynn], `${sandbox.data.fynn[0]!.credential}\n`)
      expect(added.code, added.stderr).toBe(0)
      // The refresh writes its rows, then saves the offline copy: the write's EPIPE arrives meanwhile.
      const ran = await runIntoClosedPipe(path.join(root, 'usr/bin/tokendesk'), ['tokens', 'list', '--json', '--data-dir', dataDir])
      expect(ran.stderr).not.toMatch(/JavaScript error|Uncaught|EPIPE|unexpected error|^\s+at /m)
      expect(ran.code, ran.stderr).toBe(0)
      // It finished: the offline copy it saves after printing is there.
      const offline = await tokendesk(['tokens', 'list', '--offline', '--json'])
      expect(offline.code, offline.stderr).toBe(0)
      expect(JSON.parse(offline.stdout)).toHaveLength(40)
    } finally {
      await tokendesk(['connections', 'remove', 'Billing'])
      await sandbox.stop()
    }
  })
})

let extractedRoot: Promise<string> | undefined
/** The deb's files, as dpkg would unpack them, under one folder. */
function extracted(): Promise<string> {
  extractedRoot ??= (async () => {
    const root = path.join(work, 'root')
    await run('dpkg-deb', ['-x', deb, root])
    await mkdir(path.join(root, 'usr/bin'), { recursive: true }) // there on every system
    return root
  })()
  return extractedRoot
}

let control: Promise<string> | undefined
function controlDir(): Promise<string> {
  control ??= run('dpkg-deb', ['-e', deb, path.join(work, 'control')]).then(() => path.join(work, 'control'))
  return control
}

/** The environment of a session without a display: no X11, no Wayland. */
function noDisplay(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = cleanEnv(extra)
  delete env.DISPLAY
  delete env.WAYLAND_DISPLAY
  return env
}

/**
 * Runs one of the deb's maintainer scripts against `root` instead of `/`: its absolute paths are
 * rewritten into it, and it finds only the tools the test gives it (coreutils for the link; with
 * `alternatives`, an update-alternatives that records its arguments; no apparmor or desktop-database
 * tools, whose steps it skips). Returns its exit code and update-alternatives' calls.
 */
async function maintainerScript(script: 'postinst' | 'postrm', root: string, options: { alternatives?: boolean } = {}): Promise<{ code: number | null; calls: string[][] }> {
  const text = (await readFile(path.join(await controlDir(), script), 'utf8')).replace(/(['"\s])\/(usr|opt|etc)\//g, `$1${root}/$2/`)
  const bin = await mkdtemp(path.join(work, 'tools-'))
  for (const tool of ['ln', 'rm', 'chmod', 'readlink']) await symlink((await run('bash', ['-c', `command -v ${tool}`])).stdout.trim(), path.join(bin, tool))
  const calls = path.join(bin, 'calls')
  if (options.alternatives) {
    await writeFile(path.join(bin, 'update-alternatives'), `#!/bin/bash\nprintf '%s\\0' "$@" >> '${calls}'\nprintf '\\n' >> '${calls}'\n`, { mode: 0o755 })
  }
  const ran = await runToEnd('/bin/bash', ['-c', text, script, script === 'postinst' ? 'configure' : 'remove'], { cwd: work, env: { PATH: bin }, timeoutMs: 30_000 })
  if (ran.code !== 0) throw new Error(`${script} exited ${ran.code}: ${ran.stderr}`)
  const recorded = existsSync(calls) ? await readFile(calls, 'utf8') : ''
  return { code: ran.code, calls: recorded.split('\n').filter(Boolean).map((line) => line.split('\0').slice(0, -1)) }
}

/**
 * Runs a command whose stdout is a pipe nobody reads: a FIFO opened for writing while a
 * read-write descriptor held it open, which is then closed. Its first write fails with EPIPE.
 */
async function runIntoClosedPipe(command: string, args: string[]): Promise<Finished> {
  const fifo = path.join(work, `closed-pipe-${Date.now()}`)
  await run('mkfifo', [fifo])
  const holder = openSync(fifo, fsConstants.O_RDWR)
  const writer = openSync(fifo, fsConstants.O_WRONLY)
  closeSync(holder)
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: work, env: noDisplay(), stdio: ['ignore', writer, 'pipe'] })
    closeSync(writer)
    let stderr = ''
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout: '', stderr })
    })
  })
}
