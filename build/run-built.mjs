// `npm run cli` / `npm run sandbox` from a checkout: build out/ when it is missing or older than
// the sources, then run the built entry with the given arguments — in the caller's directory
// (npm runs scripts from the package root and keeps the caller's in INIT_CWD), so relative paths
// mean what the caller means, and with a `--secret-fd N` descriptor passed on when this process
// has it (`node build/run-built.mjs cli … --secret-fd 3 3>file`). npm's run-script passes only
// descriptors 0–2 to a script, so through `npm run cli` a --secret-fd is refused at once.
import { spawnSync } from 'node:child_process'
import { existsSync, fstatSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Descriptors open as this script starts (before Node opens anything for it). */
const openAtStart = (() => {
  for (const dir of ['/proc/self/fd', '/dev/fd']) {
    try {
      return readdirSync(dir).map(Number).filter((fd) => Number.isInteger(fd) && fstatOrNull(fd))
    } catch {
      // not on this system
    }
  }
  return null
})()

function readFileOrEmpty(file) {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

function fstatOrNull(fd) {
  try {
    return fstatSync(fd)
  } catch {
    return null
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const [entry, ...args] = process.argv.slice(2)
const target = path.join(root, 'out', 'main', `${entry}.js`)
// Run by `npm run cli` (or sandbox) itself: npm starts its scripts in the package root.
const viaNpm = process.env.npm_lifecycle_event === entry && path.resolve(process.cwd()) === root
const callerCwd = viaNpm && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd()

/** The N of `--secret-fd N` / `--secret-fd=N`, if any. */
function secretFd() {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--') return null
    const m = /^--secret-fd(?:=(.*))?$/.exec(args[i])
    if (m) return /^\d+$/.test(m[1] ?? args[i + 1] ?? '') ? Number(m[1] ?? args[i + 1]) : null
  }
  return null
}

/**
 * Whether this process was given descriptor `fd`: open at start, of a real file type (Node's
 * epoll and eventfds have none), and not one end of a pipe whose other end is here too (libuv's
 * own pipes). The CLI checks it again, fully (electron/main/cli/fd-check.ts).
 */
function passedHere(fd) {
  const stats = fstatOrNull(fd)
  if (!stats || (openAtStart && !openAtStart.includes(fd)) || (stats.mode & 0o170000) === 0) return false
  if (stats.isFIFO()) {
    const reads = (n) => {
      const flags = /^flags:\s*([0-7]+)$/m.exec(readFileOrEmpty(`/proc/self/fdinfo/${n}`))?.[1]
      return flags === undefined ? null : (parseInt(flags, 8) & 3) === 0
    }
    for (const other of openAtStart ?? []) {
      const s = other > 2 && other !== fd ? fstatOrNull(other) : null
      // The same pipe's other end here: libuv's (a second copy of the same end is a shell's leak).
      if (s && s.dev === stats.dev && s.ino === stats.ino && (reads(fd) === null || reads(fd) !== reads(other))) return false
    }
  }
  return true
}

const fd = secretFd()
const forward = fd !== null && fd >= 3 && passedHere(fd)
if (fd !== null && fd >= 3 && !forward && viaNpm) {
  process.stderr.write(
    `tokendesk: --secret-fd ${fd} cannot work through npm run: npm passes only standard input, output and error to its scripts, so descriptor ${fd} never reaches Tokendesk. ` +
      `Run it without npm — npm run build once, then node out/main/cli.js … --secret-fd ${fd} ${fd}>FILE (or node build/run-built.mjs cli …) — or write the secret to a new file with --secret-out FILE.\n`,
  )
  process.exit(2)
}

function newest(dir) {
  let latest = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name)
    latest = Math.max(latest, e.isDirectory() ? newest(full) : statSync(full).mtimeMs)
  }
  return latest
}

if (!existsSync(target) || statSync(target).mtimeMs < newest(path.join(root, 'electron'))) {
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}
// The descriptor at its own number; those between stay closed to the CLI ('ignore').
const stdio = forward ? ['inherit', 'inherit', 'inherit', ...Array(fd - 3).fill('ignore'), fd] : 'inherit'
const run = spawnSync(process.execPath, [target, ...args], { stdio, cwd: callerCwd })
process.exit(run.status ?? 1)
