// `npm run cli` / `npm run sandbox` from a checkout: build out/ when it is missing or older than
// the sources, then run the built entry with the given arguments.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const [entry, ...args] = process.argv.slice(2)
const target = path.join(root, 'out', 'main', `${entry}.js`)

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
const run = spawnSync(process.execPath, [target, ...args], { stdio: 'inherit' })
process.exit(run.status ?? 1)
