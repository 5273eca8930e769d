/** An in-memory ClipboardPort (what the faked Electron clipboard gives main). */
import type { ClipboardPort } from '../../electron/main/services/clipboard'

export class MemoryClipboard implements ClipboardPort {
  formats: Record<string, string> = {}
  writes = 0

  async write(formats: Record<string, string>): Promise<void> {
    this.formats = { ...formats }
    this.writes += 1
  }

  async readText(): Promise<string> {
    return this.formats['text/plain'] ?? ''
  }

  clear(): void {
    this.formats = {}
  }

  /** The user copies something else. */
  userCopies(text: string): void {
    this.formats = { 'text/plain': text }
  }
}
