/**
 * The launch smoke: the real `npm start` on a copy of the project as `npm ci` leaves it (Electron's
 * binary not fetched), with a stand-in Electron release served from a loopback mirror. Proves the
 * path prestart → Electron's installer → electron-vite → the app's main → a window.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import vm from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INVOKE_CHANNELS } from '../../electron/common/ipc-channels'
import { serveMirror, type Mirror } from './mirror'
import { copyProject } from './project-copy'
import { cleanEnv, runToEnd, type Finished } from './run-process'
import { buildStandInRelease, ELECTRON_VERSION, STANDIN_MARK, ZIP_NAME } from './stand-in/release'
import type { StandInReport } from './stand-in/runtime'

let work: string
let project: string
let mirror: Mirror
let start: Finished
let unreachable: Finished
let report: StandInReport | null = null
const electronDir = () => path.join(project, 'node_modules', 'electron')

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'launch-smoke-'))
  project = path.join(work, 'project')
  await buildStandInRelease(path.join(work, 'mirror'))
  mirror = await serveMirror(path.join(work, 'mirror'))
  await copyProject(project)
  const reportFile = path.join(work, 'report.json')
  const env = (mirrorUrl: string) =>
    cleanEnv({
      ELECTRON_MIRROR: mirrorUrl,
      electron_use_remote_checksums: '1',
      electron_config_cache: path.join(work, 'electron-cache'),
      TOKENDESK_DATA_DIR: path.join(work, 'data'),
      TOKENDESK_STANDIN_REPORT: reportFile,
      // A desktop session: the stand-in, like Electron, starts no window without one (it only checks one is named).
      DISPLAY: ':99',
    })
  // First with a mirror that has no such release (a download that fails), then for real.
  unreachable = await runToEnd('npm', ['start'], { cwd: project, timeoutMs: 60_000, env: env(`${mirror.url}no-such-mirror/`) })
  start = await runToEnd('npm', ['start'], { cwd: project, timeoutMs: 100_000, env: env(mirror.url) })
  if (existsSync(reportFile)) report = JSON.parse(await readFile(reportFile, 'utf8')) as StandInReport
}, 120_000)

afterAll(async () => {
  await mirror?.close()
  if (work) await rm(work, { recursive: true, force: true })
})

/** The run's output, for a failure message. */
const output = () => `npm start exited ${start.code ?? start.signal}\n--- stdout\n${start.stdout.slice(-3000)}\n--- stderr\n${start.stderr.slice(-3000)}`

describe('npm start on a fresh install (stand-in Electron)', () => {
  it('says in one paragraph what failed and what to do when Electron cannot be downloaded, without a stack', () => {
    expect(unreachable.code).not.toBe(0)
    expect(unreachable.stderr).toContain(`Tokendesk cannot start yet: Electron ${ELECTRON_VERSION}, the runtime the app runs in, could not be downloaded`)
    expect(unreachable.stderr).toContain(`(Response code 404 (Not Found) for ${mirror.url}no-such-mirror/v${ELECTRON_VERSION}/`)
    expect(unreachable.stderr).toMatch(/run `npm start` again\. Behind a proxy, set HTTPS_PROXY and NODE_USE_ENV_PROXY=1[^]*set ELECTRON_MIRROR/)
    expect(unreachable.stderr).not.toMatch(/^\s+at /m)
    expect(unreachable.stdout).not.toContain('electron-vite dev') // stopped before electron-vite
  })

  it('fetches Electron with Electron’s own installer before electron-vite needs it', async () => {
    expect(report, output()).not.toBeNull()
    expect(mirror.requests).toEqual(expect.arrayContaining([`/v${ELECTRON_VERSION}/SHASUMS256.txt`, `/v${ELECTRON_VERSION}/${ZIP_NAME}`]))
    expect(await readFile(path.join(electronDir(), 'path.txt'), 'utf8')).toBe('electron')
    expect(await readFile(path.join(electronDir(), 'dist', 'electron'), 'latin1')).toContain(STANDIN_MARK)
  })

  it('has electron-vite spawn that binary on the app, with the dev server’s URL', async () => {
    expect(report, output()).not.toBeNull()
    expect(report!.binary).toBe(await realpath(path.join(electronDir(), 'dist', 'electron')))
    expect(report!.args).toEqual(['.'])
    expect(report!.cwd).toBe(project)
    expect(report!.main).toBe(path.join(project, 'out', 'main', 'index.js'))
    expect(report!.rendererUrl).toMatch(/^http:\/\/localhost:\d+$/)
  })

  it('serves the renderer’s page at that URL', () => {
    expect(report?.page, output()).toMatchObject({ status: 200, contentType: expect.stringContaining('text/html') })
    expect(report!.page!.body).toContain('<div id="app"></div>')
    expect(report!.page!.body).toContain('src="/src/main.ts"')
  })

  it('starts the app to one hardened window at the dev server, every channel registered and answering', () => {
    expect(report, output()).not.toBeNull()
    expect(report!.error).toBeNull()
    expect(report!.errorBoxes).toEqual([])
    expect(report!.windows).toHaveLength(1)
    const [window] = report!.windows
    expect(window!.loadedUrls).toEqual([report!.rendererUrl])
    expect(window!.options.webPreferences).toEqual({
      preload: path.join(project, 'out', 'preload', 'index.js'),
      disableBlinkFeatures: 'Auxclick',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: true,
    })
    expect(report!.ipcChannels).toEqual(expect.arrayContaining([...INVOKE_CHANNELS]))
    expect(report!.answers['app:info']).toEqual({ ok: true, value: { version: '0.1.0', platform: 'linux' } })
    expect(report!.answers['connections:list']).toEqual({ ok: true, value: [] })
    expect(start.code, output()).toBe(0)
  })

  it('builds a preload that is CommonJS and requires nothing but electron (a sandboxed preload can do no more)', async () => {
    const code = await readFile(path.join(project, 'out', 'preload', 'index.js'), 'utf8')
    // Compiled as a CommonJS module body: an import or export statement would not compile.
    const body = new vm.Script(`(function (exports, require, module, __filename, __dirname) {\n${code}\n})`).runInNewContext({})
    const required: string[] = []
    const exposed: Record<string, unknown> = {}
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: { invoke: async () => undefined, on: () => undefined, removeListener: () => undefined },
    }
    const module = { exports: {} }
    body(module.exports, (id: string) => (required.push(id), id === 'electron' ? electron : {}), module, 'index.js', '.')
    expect([...new Set(required)]).toEqual(['electron'])
    expect(Object.keys(exposed)).toEqual(['tokendesk'])
  })
})
