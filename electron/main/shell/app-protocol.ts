/** `app://tokendesk/…` serves the built renderer with its CSP header (see renderer-files.ts). */
import { protocol } from 'electron'
import path from 'node:path'
import { serveRendererFile } from '../renderer-files'

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

export function serveAppProtocol(): void {
  const root = path.join(__dirname, '../renderer')
  protocol.handle('app', async (request) => {
    const url = new URL(request.url)
    if (url.host !== 'tokendesk') return new Response('Not found', { status: 404 })
    const file = await serveRendererFile(root, url.pathname)
    return new Response(new Uint8Array(file.body), { status: file.status, headers: file.headers })
  })
}
