/** Electron's clipboard as a ClipboardPort: all formats in one atomic write (Electron ≥ 44). */
import { clipboard, ClipboardItem } from 'electron'
import type { ClipboardPort } from '../services/clipboard'

export const electronClipboard: ClipboardPort = {
  write: (formats) => clipboard.write([new ClipboardItem(formats)]),
  readText: () => clipboard.readText(),
  clear: () => clipboard.clear(),
}
