/**
 * The keychain seam. Deliberately narrow (get / set / delete / list) so that moving from
 * keytar (archived upstream) to another binding touches one file. Accounts are ids we choose:
 * `<connectionId>` for a connection's credential.
 */
import { AppError } from '../app-error'

export interface SecretStore {
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>
  /** The accounts that hold a secret (never the secrets). */
  list(): Promise<string[]>
}

export const KEYCHAIN_SERVICE = 'tokendesk'

/** `reading`: the refused call only read (nothing was going to be stored). */
export function keychainUnavailable(platform: NodeJS.Platform, cause?: unknown, reading = false): AppError {
  const outcome = reading ? 'so Tokendesk could not read the credentials and keys it keeps there' : 'so nothing was stored'
  const message =
    platform === 'linux'
      ? `The system keychain is not available, ${outcome}. Tokendesk needs a Secret ` +
        'Service provider: install gnome-keyring (or KWallet) and libsecret-1-0, log in to a ' +
        'desktop session so the keyring is running and unlocked, then try again.'
      : platform === 'darwin'
        ? `The macOS Keychain refused the request, ${outcome}. Unlock your login ` +
          'keychain (Keychain Access) and try again.'
        : `Windows Credential Manager refused the request, ${outcome}. Check that ` +
          'the Credential Manager service is running and try again.'
  return new AppError('keychain_unavailable', message, { cause })
}
