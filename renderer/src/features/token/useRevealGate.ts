/**
 * "Unlock before every reveal" (a setting; main enforces it in AppLock.guard): before a Show or
 * Copy, the window asks for the unlock action for that one secret — Touch ID where main offers
 * it, else a deliberate click in a dialog — and main allows one use of it within a minute.
 */
import { call } from '@/api'
import { useSafeConfirm } from '@/composables/useSafeConfirm'
import { useLockStore } from '@/stores/lock'
import { useSettingsStore } from '@/stores/settings'

export function useRevealGate() {
  const settings = useSettingsStore()
  const lock = useLockStore()
  const confirm = useSafeConfirm()
  /** True once main holds the confirmation (or none is needed); false when the user cancels. Throws when Touch ID fails. */
  return async (connectionId: string, tokenId: string, what: 'show' | 'copy'): Promise<boolean> => {
    if (!settings.settings.unlockBeforeReveal) return true
    if (lock.state.unlockWith !== 'touch-id') {
      const go = await new Promise<boolean>((resolve) =>
        confirm({
          header: what === 'show' ? 'Unlock to show this secret' : 'Unlock to copy this secret',
          sentences: [['Your settings ask for the unlock action before each secret is shown or copied.']],
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
    await call('lock:confirmReveal', connectionId, tokenId)
    return true
  }
}
