// `npm start` runs this first (prestart). Electron 45's package fetches its binary on first use,
// not at `npm install`, and electron-vite looks for the binary without fetching it ("Electron
// uninstall"). So Electron's own installer runs here; it returns at once when the binary is there.
// When the download fails, one paragraph says what failed and what to do: never a stack trace.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const installer = require.resolve('electron/install.js')
const { version } = require('electron/package.json')

const run = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' })
if (run.status === 0) process.exit(0)

/** The installer's error line (it prints a stack), without credentials a mirror URL may carry. */
function reason(stderr) {
  const line = stderr.split('\n').find((l) => /^\w*Error\b/.test(l.trim())) ?? stderr.trim().split('\n')[0] ?? ''
  const clean = line.trim().replace(/^\w*Error: /, '').replace(/\/\/[^/@\s]+@/g, '//').slice(0, 300)
  if (/fetch failed|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(clean)) return `${clean}: the download server could not be reached`
  return clean || (run.error ? run.error.message : `the installer exited with ${run.status ?? run.signal}`)
}

process.stderr.write(`
Tokendesk cannot start yet: Electron ${version}, the runtime the app runs in, could not be downloaded
(${reason(run.stderr ?? '')}).
It is fetched once, on the first \`npm start\`, then kept in Electron's cache. Check your connection
and run \`npm start\` again. Behind a proxy, set HTTPS_PROXY and NODE_USE_ENV_PROXY=1 (Node.js 22.21+);
where GitHub's release downloads are blocked, set ELECTRON_MIRROR to a mirror of Electron's releases.
`)
process.exit(1)
