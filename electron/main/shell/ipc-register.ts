/** Electron glue: every contract channel goes through the one dispatcher; nothing else uses ipcMain. */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
import { INVOKE_CHANNELS } from '../../common/ipc-channels'
import type { Dispatch, IpcSender } from '../ipc/dispatcher'
import type { EmitEvent } from '../ipc/events'

function senderOf(event: IpcMainInvokeEvent): IpcSender {
  const frame = event.senderFrame
  return { url: frame?.url ?? null, isMainFrame: !!frame && frame.parent === null }
}

export function registerIpc(dispatch: Dispatch): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => dispatch(senderOf(event), channel, args))
  }
}

export const emitToAllWindows: EmitEvent = (event, payload) => {
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.isDestroyed()) window.webContents.send(event, payload)
  }
}
