/** The one place Tokendesk opens a URL outside the app: https vendor portals on the allowlist only. */
import { shell } from 'electron'
import { isAllowedExternalUrl } from '../security'

export async function openAllowedExternal(url: string): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) return false
  // Checked just above against the https allowlist of vendor portals (security.ts, unit-tested):
  await shell.openExternal(url) /* eng-disable OPEN_EXTERNAL_JS_CHECK */
  return true
}
