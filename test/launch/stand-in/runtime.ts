/**
 * The program of the stand-in Electron binary (release.ts builds it; the binary is a shell script
 * that runs Node on this file, compiled to CommonJS). Like Electron it takes `<app dir> [args…]`
 * in development and `[args…]` when packaged, where the app is resources/app.asar beside the
 * binary. `require('electron')` answers with the project's Electron fake: nothing real opens.
 *
 * It runs the app's main entry until the app exits (the CLI mode: its exit code is ours). With
 * TOKENDESK_STANDIN_REPORT set, it also watches start-up until it reaches a window, asks two IPC
 * channels the way the renderer would, fetches ELECTRON_RENDERER_URL, and writes what it saw as
 * JSON to that file. Nothing is judged here; the smoke tests judge the report.
 *
 * As Electron does, it reads Chromium's switches from the whole command line (up to a `--`) and
 * leaves them in process.argv for the app to see. Like Electron on Linux, it cannot start without a
 * display (DISPLAY or WAYLAND_DISPLAY) unless told --ozone-platform=headless: Chromium picks its
 * platform before the app's code runs, so the app can do nothing about it. And where the app has no
 * 'uncaughtException' listener of its own, it does what Electron's default does (a dialog: the
 * fake's errorBoxes, and its text on stderr) — then exits 1, where Electron would keep running, so
 * that a test fails at once instead of at its time-out.
 */
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import Module from 'node:module'
import os from 'node:os'
import path from 'node:path'

type Fake = typeof import('../../fakes/electron')
// Compiled to CommonJS and run from the unpacked release: modules are found by path at run time.
const load = Module.createRequire(__filename)
const fake = load('./electron-fake.cjs') as Fake
const config = JSON.parse(readFileSync(path.join(__dirname, 'config.json'), 'utf8')) as { asarModule: string }

const WINDOW_TIMEOUT_MS = 30_000
const binary = realpathSync(process.env.TOKENDESK_STANDIN_BINARY ?? process.argv[1]!)
const args = process.argv.slice(2)
const asar = path.join(path.dirname(binary), 'resources', 'app.asar')
const packaged = existsSync(asar)
/** Folders this run makes (the unpacked app, the fake's user folders), removed when it exits. */
const scratch: string[] = []
process.on('exit', () => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })))
const scratchDir = (prefix: string): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  scratch.push(dir)
  return dir
}

/**
 * Chromium's view of a command line: `--name[=value]` before a `--`, the last value of a switch
 * winning (base::CommandLine).
 */
export function chromiumSwitches(args: readonly string[]): Record<string, string> {
  const switches: Record<string, string> = {}
  for (const arg of args) {
    if (arg === '--') break
    const match = /^--([^=]+)(?:=(.*))?$/s.exec(arg)
    if (match) switches[match[1]!] = match[2] ?? ''
  }
  return switches
}

export interface StandInReport {
  binary: string
  args: string[]
  /** The Chromium switches the binary was given (chromiumSwitches). */
  switches: Record<string, string>
  cwd: string
  packaged: boolean
  main: string
  rendererUrl: string | null
  windows: Array<{ options: Record<string, unknown>; loadedUrls: string[] }>
  ipcChannels: string[]
  answers: Record<string, unknown>
  page: { status: number; contentType: string | null; body: string } | null
  errorBoxes: Array<{ title: string; content: string }>
  exitCode: number | null
  error: string | null
}

const report: StandInReport = {
  binary, args, switches: chromiumSwitches(args), cwd: process.cwd(), packaged, main: '', rendererUrl: process.env.ELECTRON_RENDERER_URL ?? null,
  windows: [], ipcChannels: [], answers: {}, page: null, errorBoxes: [], exitCode: null, error: null,
}

function finish(code: number): never {
  report.windows = fake.BrowserWindow.windows.map((w) => ({ options: w.options, loadedUrls: w.loadedUrls }))
  report.ipcChannels = [...fake.ipcMain.handlers.keys()]
  report.errorBoxes = fake.errorBoxes
  report.exitCode = code
  if (process.env.TOKENDESK_STANDIN_REPORT) writeFileSync(process.env.TOKENDESK_STANDIN_REPORT, JSON.stringify(report, null, 2))
  process.exit(code)
}

async function waitFor<T>(what: string, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + WINDOW_TIMEOUT_MS
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`no ${what} within ${WINDOW_TIMEOUT_MS / 1000} s`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** Start-up as the renderer sees it: a window loading a URL, channels that answer, a page served. */
async function watchStartUp(): Promise<void> {
  const window = await waitFor('window loading a URL', () => fake.BrowserWindow.windows.find((w) => w.loadedUrls.length > 0))
  const frame = { senderFrame: { url: window.loadedUrls[0], parent: null } }
  for (const channel of ['app:info', 'connections:list']) report.answers[channel] = await fake.ipcMain.handlers.get(channel)?.(frame)
  if (report.rendererUrl) {
    const response = await fetch(report.rendererUrl)
    report.page = { status: response.status, contentType: response.headers.get('content-type'), body: (await response.text()).slice(0, 4000) }
  }
}

/** Electron loads the app from the directory it is given, or from the ASAR when packaged. */
function appDirectory(): string {
  if (!packaged) return path.resolve(args[0] ?? '.')
  const { extractAll } = load(config.asarModule) as { extractAll(archive: string, dest: string): void }
  const dir = scratchDir('standin-app-')
  extractAll(asar, dir) // app.asar.unpacked (native modules) comes along
  return dir
}

// `require('electron')`, from the app or its dependencies (electron-log), is the fake.
const internals = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown }
const loadModule = internals._load
internals._load = function (request, parent, isMain) {
  return request === 'electron' ? fake : loadModule.call(this, request, parent, isMain)
}

// Electron's default (lib/browser/init.ts): nothing if the app listens itself, else a dialog with the stack.
process.on('uncaughtException', (error) => {
  if (process.listenerCount('uncaughtException') > 1) return
  const stack = error instanceof Error && error.stack ? error.stack : String(error)
  fake.dialog.showErrorBox('A JavaScript error occurred in the main process', `Uncaught Exception:\n${stack}`)
  process.stderr.write(`A JavaScript error occurred in the main process\nUncaught Exception:\n${stack}\n`)
  report.error = `uncaught: ${error instanceof Error ? error.message : String(error)}`
  finish(1)
})
// Node's default for an unhandled rejection: it becomes an uncaught exception.
process.on('unhandledRejection', (error) => {
  if (process.listenerCount('unhandledRejection') > 1) return
  process.emit('uncaughtException', error instanceof Error ? error : new Error(String(error)))
})
fake.app.on('fake:exit', (code: number) => finish(code))

// Chromium's platform, chosen before any JavaScript runs (ElectronMainDelegate::PreSandboxStartup).
if (process.platform === 'linux' && report.switches['ozone-platform'] !== 'headless' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  process.stderr.write('[ERROR:ui/ozone/platform/x11/ozone_platform_x11.cc] Missing X server or $DISPLAY\n[ERROR:ui/aura/env.cc] The platform failed to initialize.  Exiting.\n')
  report.error = 'no display'
  finish(1)
}

// What Electron sets up before the app's main runs.
const appDir = appDirectory()
const pkg = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as { main?: string; version: string; name: string; productName?: string }
fake.app.name = pkg.productName ?? pkg.name
fake.app.isPackaged = packaged
fake.app.getVersion = () => pkg.version
const home = scratchDir('standin-home-')
Object.assign(fake.app.paths, { userData: path.join(home, 'userData'), logs: path.join(home, 'logs'), appData: home, temp: os.tmpdir() })
process.argv = [binary, ...args]
Object.assign(process, { defaultApp: packaged ? undefined : true, resourcesPath: path.join(path.dirname(binary), 'resources') })
report.main = path.resolve(appDir, pkg.main ?? 'index.js')

load(report.main)
// Watched only when asked for a report; otherwise the app runs until it exits (the CLI mode).
if (process.env.TOKENDESK_STANDIN_REPORT) watchStartUp().then(
  () => finish(0),
  (error: unknown) => {
    report.error = error instanceof Error ? error.message : String(error)
    finish(1)
  },
)
