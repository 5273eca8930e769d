/** The real keychain: keytar against the gnome-keyring started by test/with-keyring.sh. */
import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { ConnectionStore } from '../../electron/main/services/connection-store'
import { KeytarSecretStore } from '../../electron/main/services/keytar-secret-store'
import { silentLogger } from '../../electron/main/services/logger'
import { filesContaining, makeTempDir, removeDir } from '../support/temp-dir'

// A service name of its own, so a developer's real Tokendesk entries are never touched.
const service = `tokendesk-test-${randomUUID()}`
const store = new KeytarSecretStore(silentLogger, service)

afterAll(async () => {
  for (const account of await store.list()) await store.delete(account)
})

describe('KeytarSecretStore (real gnome-keyring)', () => {
  it('sets, gets, lists and deletes', async () => {
    const secret = `canary-${randomUUID()}`
    await store.set('conn-1', secret)
    expect(await store.get('conn-1')).toBe(secret)
    expect(await store.list()).toEqual(['conn-1'])
    expect(await store.delete('conn-1')).toBe(true)
    expect(await store.get('conn-1')).toBeNull()
    expect(await store.delete('conn-1')).toBe(false)
  })

  it('keeps connection credentials in the keychain and in no file', async () => {
    const dir = await makeTempDir()
    try {
      const connections = new ConnectionStore({ dataDir: dir, secrets: store, log: silentLogger })
      await connections.init()
      const credential = `idt:TKN-9999-0000:canary-${randomUUID()}`
      const added = await connections.add({
        provider: 'mpt',
        label: 'Production',
        client: 'Acme',
        baseUrl: 'https://api.platform.softwareone.com/public',
        accountId: null,
        credential,
      })
      expect(await store.get(added.id)).toBe(credential)
      expect(await connections.credentialFor(added.id)).toBe(credential)
      expect(await filesContaining(dir, [credential])).toEqual([])
      await connections.remove(added.id)
      expect(await store.get(added.id)).toBeNull()
    } finally {
      await removeDir(dir)
    }
  })
})
