import { beforeEach, describe, expect, it } from 'vitest'
// The 'electron' alias resolves to this same fake module; import it directly for its test-only members.
import { BrowserWindow, ipcMain, sentEvents } from '../../../fakes/electron'
import { INVOKE_CHANNELS } from '../../../../electron/common/ipc-channels'
import { DEFAULT_SETTINGS } from '../../../../electron/common/model'
import { emitToAllWindows, registerIpc } from '../../../../electron/main/shell/ipc-register'

describe('registerIpc (Electron glue over the fake)', () => {
  beforeEach(() => ipcMain.handlers.clear())

  it('registers every channel and passes the real sender frame to the dispatcher', async () => {
    const calls: unknown[] = []
    registerIpc(async (sender, channel, args) => {
      calls.push({ sender, channel, args })
      return { ok: true, value: null }
    })
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort())
    const handler = ipcMain.handlers.get('connections:list')!
    const top = { url: 'app://tokendesk/index.html', parent: null }
    await handler({ senderFrame: top }, 1, 2)
    await handler({ senderFrame: { url: 'app://tokendesk/x', parent: top } })
    await handler({ senderFrame: null })
    expect(calls).toEqual([
      { sender: { url: 'app://tokendesk/index.html', isMainFrame: true }, channel: 'connections:list', args: [1, 2] },
      { sender: { url: 'app://tokendesk/x', isMainFrame: false }, channel: 'connections:list', args: [] },
      { sender: { url: null, isMainFrame: false }, channel: 'connections:list', args: [] },
    ])
  })

  it('sends events to every open window', () => {
    const live = new BrowserWindow()
    const closed = new BrowserWindow()
    closed.destroyed = true
    BrowserWindow.windows = [live, closed]
    sentEvents.length = 0
    emitToAllWindows('settings:changed', { ...DEFAULT_SETTINGS, theme: 'light' })
    expect(sentEvents).toEqual([{ channel: 'settings:changed', payload: { ...DEFAULT_SETTINGS, theme: 'light' } }])
  })
})
