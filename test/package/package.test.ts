/**
 * The packaging smoke: the real electron-builder (`--linux dir deb`, the project's own
 * electron-builder.yml and afterPack hook) over a stand-in Electron release from a loopback mirror,
 * and a stand-in fpm for the .deb (test/launch/stand-in/fpm.ts). Then the installed `tokendesk` command is run:
 * the stand-in binary runs the packaged main under Node with the Electron fake.
 */
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveMirror, type Mirror } from '../launch/mirror'
import { cleanEnv, runToEnd, type Finished } from '../launch/run-process'
import { buildStandInRelease, ROOT, STANDIN_MARK, writeStandInFpm } from '../launch/stand-in/release'

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

  it('installs the app under /opt, a desktop entry, icons, and the tokendesk command', async () => {
    const { stdout } = await run('dpkg-deb', ['-c', deb])
    const files = stdout.split('\n').map((l) => l.split(/\s+/).pop()!)
    expect(files).toEqual(expect.arrayContaining(['./opt/Tokendesk/tokendesk', './opt/Tokendesk/resources/app.asar', './usr/share/applications/tokendesk.desktop']))
    expect(files.filter((f) => /^\.\/usr\/share\/icons\/hicolor\/\d+x\d+\/apps\/tokendesk\.png$/.test(f)).length).toBeGreaterThan(0)
    const control = path.join(work, 'control')
    await run('dpkg-deb', ['-e', deb, control])
    expect(await readFile(path.join(control, 'postinst'), 'utf8')).toContain("ln -sf '/opt/Tokendesk/tokendesk' '/usr/bin/tokendesk'")
    const root = path.join(work, 'root')
    await run('dpkg-deb', ['-x', deb, root])
    const desktop = await readFile(path.join(root, 'usr/share/applications/tokendesk.desktop'), 'utf8')
    expect(desktop).toMatch(/^Name=Tokendesk$/m)
    expect(desktop).toMatch(/^Exec=\/opt\/Tokendesk\/tokendesk %U$/m)
    expect(desktop).toMatch(/^Icon=tokendesk$/m)
  })

  it('gives a working `tokendesk` command: the app binary runs the CLI, stdout clean, exit codes kept', async () => {
    // What postinst does, inside the extracted tree: /usr/bin/tokendesk → /opt/Tokendesk/tokendesk.
    const root = path.join(work, 'root')
    if (!existsSync(root)) await run('dpkg-deb', ['-x', deb, root])
    await mkdir(path.join(root, 'usr/bin'), { recursive: true })
    await symlink(path.join(root, 'opt/Tokendesk/tokendesk'), path.join(root, 'usr/bin/tokendesk')).catch(() => undefined)
    const dataDir = path.join(work, 'data')
    const tokendesk = (args: string[], input?: string) =>
      runToEnd(path.join(root, 'usr/bin/tokendesk'), [...args, '--data-dir', dataDir], { cwd: work, env: cleanEnv({}), input, timeoutMs: 30_000 })

    const added = await tokendesk(['connections', 'add', '--provider', 'mpt', '--label', 'Packaged', '--base-url', 'http://127.0.0.1:9/public', '--no-test'], 'packaged-credential-1234\n')
    expect(added.code, added.stderr).toBe(0)
    const listed = await tokendesk(['connections', 'list', '--json'])
    expect(listed.code, listed.stderr).toBe(0)
    expect((JSON.parse(listed.stdout) as Array<{ label: string }>).map((c) => c.label)).toEqual(['Packaged'])
    expect(listed.stdout + listed.stderr).not.toContain('packaged-credential-1234')
    const usage = await tokendesk(['tokens', 'list', '--no-such-flag'])
    expect(usage.code).toBe(2)
    expect(usage.stdout).toBe('')
    const removed = await tokendesk(['connections', 'remove', 'Packaged'])
    expect(removed.code, removed.stderr).toBe(0)
  })
})
