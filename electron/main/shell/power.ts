/**
 * Electron's powerMonitor and systemPreferences as the app lock's ports (services/app-lock.ts).
 * Only after the app is ready: powerMonitor cannot be used before.
 */
import { powerMonitor, systemPreferences } from 'electron'
import type { PowerPort, UnlockCheckPort } from '../services/app-lock'

export const electronPower: PowerPort = {
  // Linux: from the X server's screensaver extension; where it cannot tell (some Wayland
  // sessions) it stays 0 and the idle lock never fires (SECURITY.md).
  idleSeconds: () => powerMonitor.getSystemIdleTime(),
  // Where there is no 'lock-screen' event (Linux), Chromium may still know the screen is locked.
  screenLocked: () => powerMonitor.getSystemIdleState(1) === 'locked',
  onSystemLock(fn) {
    // 'lock-screen' is emitted on macOS and Windows; 'suspend' everywhere.
    powerMonitor.on('lock-screen', () => fn('os-lock'))
    powerMonitor.on('suspend', () => fn('suspend'))
  },
}

/** Touch ID on a Mac that has it (and has a finger enrolled); nothing elsewhere. */
export const electronUnlockCheck: UnlockCheckPort = {
  available: () => process.platform === 'darwin' && systemPreferences.canPromptTouchID(),
  prompt: (reason) => systemPreferences.promptTouchID(reason),
}
