/** Sandboxed preload: exposes the named functions of the contract, never ipcRenderer. */
import { contextBridge, ipcRenderer } from 'electron'
import { buildBridge } from './build-bridge'

const bridge = buildBridge(
  (channel, args) => ipcRenderer.invoke(channel, ...args),
  (channel, listener) => {
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(channel, wrapped)
    return () => ipcRenderer.removeListener(channel, wrapped)
  },
)

contextBridge.exposeInMainWorld('tokendesk', bridge)
