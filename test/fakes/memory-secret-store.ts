/** In-memory SecretStore for unit tests; `unavailable` makes every call fail like a missing keychain. */
import { keychainUnavailable, type SecretStore } from '../../electron/main/services/secret-store'

export class MemorySecretStore implements SecretStore {
  readonly entries = new Map<string, string>()
  unavailable = false

  private check(): void {
    if (this.unavailable) throw keychainUnavailable('linux')
  }

  async get(account: string): Promise<string | null> {
    this.check()
    return this.entries.get(account) ?? null
  }

  async set(account: string, secret: string): Promise<void> {
    this.check()
    this.entries.set(account, secret)
  }

  async delete(account: string): Promise<boolean> {
    this.check()
    return this.entries.delete(account)
  }

  async list(): Promise<string[]> {
    this.check()
    return [...this.entries.keys()]
  }
}
