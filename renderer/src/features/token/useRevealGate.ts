/**
 * Before a Show or Copy: is there a secret to show at all (`secret:availability`)? Then, with
 * "Unlock before every reveal" (a setting; main enforces it in AppLock.guard), the unlock action
 * for that one secret — Touch ID where main offers it, else a deliberate click in a dialog that
 * names the token and its client — and main allows one use of it within a minute. No unlock is
 * asked for a token whose secret Tokendesk cannot show.
 */
import type { Connection } from '@common/model'
import { ApiError, call } from '@/api'
import { useSafeConfirm } from '@/composables/useSafeConfirm'
import { useLockStore } from '@/stores/lock'
import { useSettingsStore } from '@/stores/settings'
import { clientName } from '@/labels'
import { tokenRuns, type NamedToken } from '@/tokenText'

/** There is no secret to show or copy; `message` says why (the vendor's rule, a missing keychain entry). */
export class NoSecretError extends ApiError {
  constructor(message: string) {
    super({ kind: 'not_found', message })
  }
}

export function useRevealGate() {
  const settings = useSettingsStore()
  const lock = useLockStore()
  const confirm = useSafeConfirm()
  /**
   * True once main holds the confirmation (or none is needed); false when the user cancels.
   * Throws NoSecretError when there is no secret, and main's error when Touch ID fails.
   */
  return async (token: NamedToken, connection: Pick<Connection, 'id' | 'client' | 'label'>, what: 'show' | 'copy'): Promise<boolean> => {
    const availability = await call('secret:availability', connection.id, token.id)
    if (!availability.available) throw new NoSecretError(availability.reason ?? 'Tokendesk has no secret for this token.')
    if (!settings.settings.unlockBeforeReveal) return true
    if (lock.state.unlockWith !== 'touch-id') {
      const go = await new Promise<boolean>((resolve) =>
        confirm({
          header: what === 'show' ? 'Unlock to show this secret' : 'Unlock to copy this secret',
          sentences: [
            [what === 'show' ? 'Show the secret of ' : 'Copy the secret of ', ...tokenRuns(token), ' for ', { value: clientName(connection.client) }, ' · ', { value: connection.label }, '?'],
            ['Your settings ask for the unlock action before each secret is shown or copied.'],
          ],
          acceptLabel: 'Unlock',
          danger: false,
          icon: 'pi pi-lock',
          accept: () => resolve(true),
          reject: () => resolve(false),
          onHide: () => resolve(false),
        }),
      )
      if (!go) return false
    }
    await call('lock:confirmReveal', connection.id, token.id)
    return true
  }
}
