/**
 * A stand-in for fpm, the Ruby tool electron-builder drives to make a .deb (it downloads a Ruby
 * bundle of it from GitHub, which our machines cannot reach; CUSTOM_FPM_PATH points here instead).
 * It takes the arguments electron-builder gives fpm for `-s dir -t deb` and builds the package
 * with dpkg-deb, so the smoke reads a real .deb: control fields, maintainer scripts, files.
 * An argument it does not know fails the build: a change in what electron-builder asks for shows.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const VALUED = new Set(['-s', '-t', '--architecture', '--after-install', '--after-remove', '--description', '--version', '--package', '--name', '--maintainer', '--vendor', '--url', '--deb-priority', '--deb-compression', '--license', '--iteration', '--category', '-d', '--deb-recommends', '--log'])
const FLAGS = new Set(['--force', '--debug'])

const options = new Map<string, string[]>()
const mappings: Array<{ from: string; to: string }> = []
const argv = process.argv.slice(2)
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i]!
  if (FLAGS.has(arg)) continue
  if (VALUED.has(arg)) {
    options.set(arg, [...(options.get(arg) ?? []), argv[++i]!])
    continue
  }
  if (arg.startsWith('-') || !arg.includes('=')) {
    process.stderr.write(`stand-in fpm: unknown argument ${arg}\n`)
    process.exit(2)
  }
  const at = arg.lastIndexOf('=')
  mappings.push({ from: arg.slice(0, at), to: arg.slice(at + 1) })
}
const one = (key: string): string | undefined => options.get(key)?.[0]
if (one('-s') !== 'dir' || one('-t') !== 'deb') {
  process.stderr.write('stand-in fpm: only -s dir -t deb\n')
  process.exit(2)
}

const stage = mkdtempSync(path.join(os.tmpdir(), 'standin-fpm-'))
try {
  for (const { from, to } of mappings) {
    const dest = path.join(stage, to)
    mkdirSync(from.endsWith('/') ? dest : path.dirname(dest), { recursive: true })
    cpSync(from, dest, { recursive: true, verbatimSymlinks: true })
  }
  mkdirSync(path.join(stage, 'DEBIAN'))
  const [summary, ...rest] = (one('--description') ?? '').split('\n')
  const control = [
    `Package: ${one('--name')}`,
    `Version: ${one('--version')}${one('--iteration') ? `-${one('--iteration')}` : ''}`,
    `Architecture: ${one('--architecture')}`,
    `Maintainer: ${one('--maintainer')}`,
    `Priority: ${one('--deb-priority') ?? 'optional'}`,
    ...(options.get('-d') ? [`Depends: ${options.get('-d')!.join(', ')}`] : []),
    ...(options.get('--deb-recommends') ? [`Recommends: ${options.get('--deb-recommends')!.join(', ')}`] : []),
    ...(one('--url') ? [`Homepage: ${one('--url')}`] : []),
    `Description: ${summary}`,
    ...rest.map((line) => ` ${line.trim() || '.'}`),
  ]
  writeFileSync(path.join(stage, 'DEBIAN', 'control'), `${control.join('\n')}\n`)
  for (const [flag, script] of [['--after-install', 'postinst'], ['--after-remove', 'postrm']] as const) {
    if (!one(flag)) continue
    cpSync(one(flag)!, path.join(stage, 'DEBIAN', script))
    chmodSync(path.join(stage, 'DEBIAN', script), 0o755)
  }
  execFileSync('dpkg-deb', ['--root-owner-group', `-Z${one('--deb-compression') ?? 'xz'}`, '--build', stage, one('--package')!], { stdio: ['ignore', 'ignore', 'inherit'] })
} finally {
  rmSync(stage, { recursive: true, force: true })
}
