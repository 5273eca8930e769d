/**
 * A stand-in Electron release for linux-x64: a zip named exactly like Electron's own asset for the
 * installed version, laid out like it, whose `electron` is a shell script running runtime.ts under
 * Node with the project's Electron fake. The script carries Electron's fuse wire (sentinel, version,
 * length, one byte per fuse, in Electron's default states) so that @electron/fuses can flip it.
 * Served with a SHASUMS256.txt, the way Electron's release page and its mirrors are.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import ts from 'typescript'

const run = promisify(execFile)
const require = createRequire(import.meta.url)
export const ROOT = path.resolve(import.meta.dirname, '../../..')
export const ELECTRON_VERSION = (JSON.parse(await readFile(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version
export const ZIP_NAME = `electron-v${ELECTRON_VERSION}-linux-x64.zip`
/** In every stand-in binary, so a test can tell it from a real Electron. */
export const STANDIN_MARK = 'tokendesk stand-in electron'

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
// Electron's defaults, in @electron/fuses' order: RunAsNode 1, CookieEncryption 0, NodeOptions 1,
// NodeCliInspect 1, AsarIntegrity 0, OnlyLoadAppFromAsar 0, BrowserV8Snapshot 0, FileProtocolExtraPrivileges 1.
export const DEFAULT_FUSE_WIRE = '10110001'

async function compile(source: string, dest: string): Promise<void> {
  const { outputText } = ts.transpileModule(await readFile(source, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  })
  await writeFile(dest, outputText)
}

function launcher(): Buffer {
  return Buffer.concat([
    Buffer.from(`#!/bin/sh\n# ${STANDIN_MARK}; fuse wire: `),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, DEFAULT_FUSE_WIRE.length]),
    Buffer.from(`${DEFAULT_FUSE_WIRE}\n`),
    Buffer.from(`here="$(dirname "$(readlink -f "$0")")"\nTOKENDESK_STANDIN_BINARY="$0" exec '${process.execPath}' "$here/stand-in/runtime.cjs" "$@"\n`),
  ])
}

/**
 * The stand-in fpm (fpm.ts) as an executable in `dir`, for CUSTOM_FPM_PATH. Returns its path.
 */
export async function writeStandInFpm(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true })
  await compile(path.join(import.meta.dirname, 'fpm.ts'), path.join(dir, 'fpm.cjs'))
  const fpm = path.join(dir, 'fpm')
  await writeFile(fpm, `#!/bin/sh\nexec '${process.execPath}' '${path.join(dir, 'fpm.cjs')}' "$@"\n`)
  await chmod(fpm, 0o755)
  return fpm
}

/** Writes `v<version>/<zip>` and `v<version>/SHASUMS256.txt` under `mirrorDir`. */
export async function buildStandInRelease(mirrorDir: string): Promise<void> {
  const stage = await mkdtemp(path.join(os.tmpdir(), 'standin-stage-'))
  try {
    await mkdir(path.join(stage, 'stand-in'))
    await mkdir(path.join(stage, 'resources'))
    await mkdir(path.join(stage, 'locales'))
    await writeFile(path.join(stage, 'electron'), launcher())
    await chmod(path.join(stage, 'electron'), 0o755)
    await writeFile(path.join(stage, 'chrome-sandbox'), '')
    await writeFile(path.join(stage, 'version'), ELECTRON_VERSION)
    await writeFile(path.join(stage, 'LICENSE'), 'stand-in\n')
    await writeFile(path.join(stage, 'LICENSES.chromium.html'), '<p>stand-in</p>\n')
    await writeFile(path.join(stage, 'resources', 'default_app.asar'), '')
    await writeFile(path.join(stage, 'locales', 'en-US.pak'), '')
    await compile(path.join(import.meta.dirname, 'runtime.ts'), path.join(stage, 'stand-in', 'runtime.cjs'))
    await compile(path.join(ROOT, 'test/fakes/electron.ts'), path.join(stage, 'stand-in', 'electron-fake.cjs'))
    await writeFile(path.join(stage, 'stand-in', 'config.json'), JSON.stringify({ asarModule: require.resolve('@electron/asar') }))

    const dir = path.join(mirrorDir, `v${ELECTRON_VERSION}`)
    await mkdir(dir, { recursive: true })
    const zip = path.join(dir, ZIP_NAME)
    await rm(zip, { force: true })
    await run('zip', ['-q', '-r', '-X', zip, '.'], { cwd: stage })
    const sha = createHash('sha256').update(await readFile(zip)).digest('hex')
    await writeFile(path.join(dir, 'SHASUMS256.txt'), `${sha} *${ZIP_NAME}\n`)
  } finally {
    await rm(stage, { recursive: true, force: true })
  }
}
