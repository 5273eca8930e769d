/** The keytar implementation of SecretStore: the only file in Tokendesk that imports keytar. */
import type * as Keytar from 'keytar'
import { keychainUnavailable, KEYCHAIN_SERVICE, type SecretStore } from './secret-store'
import type { Logger } from './logger'

type KeytarModule = typeof Keytar

export class KeytarSecretStore implements SecretStore {
  private keytar: Promise<KeytarModule> | null = null
  /** One keychain call at a time: libsecret is not safe under overlapping calls from one process. */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly log: Logger,
    private readonly service: string = KEYCHAIN_SERVICE,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** Loaded on first use: a missing libsecret must be a clear error, not a crash at start. */
  private module(): Promise<KeytarModule> {
    this.keytar ??= import('keytar').then((m) => ((m as { default?: KeytarModule }).default ?? m))
    return this.keytar
  }

  private call<T>(operation: string, fn: (k: KeytarModule) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      try {
        return await fn(await this.module())
      } catch (error) {
        this.keytar = null // a keyring started later should work without restarting Tokendesk
        this.log.warn(`keychain: ${operation} failed`, { error })
        throw keychainUnavailable(this.platform, error, operation === 'get' || operation === 'list')
      }
    }
    const result = this.queue.then(run, run)
    this.queue = result.catch(() => undefined)
    return result
  }

  get(account: string): Promise<string | null> {
    return this.call('get', (k) => k.getPassword(this.service, account))
  }

  set(account: string, secret: string): Promise<void> {
    return this.call('set', (k) => k.setPassword(this.service, account, secret))
  }

  delete(account: string): Promise<boolean> {
    return this.call('delete', (k) => k.deletePassword(this.service, account))
  }

  list(): Promise<string[]> {
    return this.call('list', async (k) =>
      (await k.findCredentials(this.service)).map((c) => c.account),
    )
  }
}
