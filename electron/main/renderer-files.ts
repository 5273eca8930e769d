/**
 * Serves the built renderer: one function used by the `app://` protocol in Electron and by the
 * e2e harness's loopback server, so both get the same CSP header and nonce handling.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { contentSecurityPolicy, newNonce, NONCE_PLACEHOLDER } from './csp'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
}

export interface RendererFileResponse {
  status: number
  headers: Record<string, string>
  body: Buffer
}

export async function serveRendererFile(root: string, urlPath: string): Promise<RendererFileResponse> {
  const decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/')
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  const file = path.resolve(root, relative)
  const rootWithSep = path.resolve(root) + path.sep
  const notFound = { status: 404, headers: { 'content-type': 'text/plain' }, body: Buffer.from('Not found') }
  if (!file.startsWith(rootWithSep)) return notFound
  let body: Buffer
  try {
    body = await fs.readFile(file)
  } catch {
    return notFound
  }
  const headers: Record<string, string> = {
    'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  }
  if (path.extname(file) === '.html') {
    const nonce = newNonce()
    body = Buffer.from(body.toString('utf8').replaceAll(NONCE_PLACEHOLDER, nonce))
    headers['content-security-policy'] = contentSecurityPolicy(nonce)
  }
  return { status: 200, headers, body }
}
