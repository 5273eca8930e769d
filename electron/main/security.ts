/**
 * Decisions behind the hardened web contents, as pure functions so they are unit-tested
 * without Electron: no navigation away from the app, no new windows, no permissions, and
 * external links only to https vendor portals on an allowlist.
 */
import { PROVIDER_IDS, PROVIDERS } from '../common/providers'

/** The renderer in production. A standard, secure custom scheme (see `app-protocol.ts`). */
export const APP_ORIGIN = 'app://tokendesk/'

/** Vendor portals a "view in portal" link may open in the system browser: each descriptor's hosts. */
export const EXTERNAL_HOST_ALLOWLIST: readonly string[] = PROVIDER_IDS.flatMap((id) => PROVIDERS[id].portalHosts)

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/** Navigation is allowed only within the app itself (e.g. a reload of the same document). */
export function isAllowedNavigation(url: string, appOrigins: readonly string[]): boolean {
  const target = parse(url)
  if (!target) return false
  return appOrigins.some((origin) => {
    const allowed = parse(origin)
    return !!allowed && allowed.protocol === target.protocol && allowed.host === target.host
  })
}

/** Only https URLs whose host is on the allowlist (exactly) may leave the app. */
export function isAllowedExternalUrl(url: string): boolean {
  const target = parse(url)
  if (!target || target.protocol !== 'https:') return false
  if (target.username || target.password) return false
  return EXTERNAL_HOST_ALLOWLIST.includes(target.hostname)
}

/** What to do with `window.open` / target=_blank: never a new Electron window. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isAllowedExternalUrl(url) }
}
