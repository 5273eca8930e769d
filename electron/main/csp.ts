/**
 * The renderer's Content Security Policy. No inline script, no eval, no inline style: the
 * component library's runtime styles carry a per-load nonce instead. Nothing is fetched from
 * the network by the renderer; vendor calls happen in main.
 */
import { randomBytes } from 'node:crypto'

export function newNonce(): string {
  return randomBytes(16).toString('base64')
}

export function contentSecurityPolicy(nonce: string, options: { devServer?: string } = {}): string {
  const connect = options.devServer ? `'self' ${options.devServer.replace(/^http/, 'ws')}` : "'self'"
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ')
}

/** Vite writes this placeholder into index.html (html.cspNonce); each load replaces it. */
export const NONCE_PLACEHOLDER = '__TOKENDESK_CSP_NONCE__'
