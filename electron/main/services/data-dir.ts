/** Where Tokendesk keeps its files: the same folder Electron's `userData` uses for the app. */
import os from 'node:os'
import path from 'node:path'

export const APP_DIR_NAME = 'Tokendesk'

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir()
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME)
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME)
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_DIR_NAME)
}

/** `--data-dir`, else TOKENDESK_DATA_DIR, else the app's own folder. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(flag || env.TOKENDESK_DATA_DIR || defaultDataDir(env))
}
