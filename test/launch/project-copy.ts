/**
 * A copy of the project as a fresh `npm ci` leaves it, without touching the checkout: sources and
 * config copied; node_modules entries linked to the checkout's, except `electron` (copied with no
 * dist/ and no path.txt: its binary not fetched yet) and `electron-vite` (copied, so that it finds
 * that `electron`, not the checkout's: Node resolves from a linked package's real path).
 */
import { cp, mkdir, readdir, readlink, symlink } from 'node:fs/promises'
import path from 'node:path'
import { ROOT } from './stand-in/release'

const SOURCES = ['package.json', 'electron.vite.config.ts', 'tsconfig.json', 'tsconfig.node.json', 'tsconfig.web.json', 'electron-builder.yml', 'electron', 'renderer', 'build']
const COPIED = new Set(['electron', 'electron-vite'])
const SKIPPED = new Set(['.bin', '.vite', '.cache', '.package-lock.json'])

export async function copyProject(dest: string): Promise<void> {
  for (const entry of SOURCES) await cp(path.join(ROOT, entry), path.join(dest, entry), { recursive: true })
  const from = path.join(ROOT, 'node_modules')
  const to = path.join(dest, 'node_modules')
  await mkdir(path.join(to, '.bin'), { recursive: true })
  for (const entry of await readdir(from)) {
    if (SKIPPED.has(entry)) continue
    if (!COPIED.has(entry)) await symlink(path.join(from, entry), path.join(to, entry))
  }
  await cp(path.join(from, 'electron'), path.join(to, 'electron'), {
    recursive: true,
    filter: (src) => !['dist', 'path.txt'].includes(path.relative(path.join(from, 'electron'), src)),
  })
  await cp(path.join(from, 'electron-vite'), path.join(to, 'electron-vite'), { recursive: true })
  // .bin links are relative (../pkg/bin.js): the same links here reach this copy's packages.
  for (const bin of await readdir(path.join(from, '.bin'))) {
    await symlink(await readlink(path.join(from, '.bin', bin)), path.join(to, '.bin', bin))
  }
}
