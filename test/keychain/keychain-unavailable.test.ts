/**
 * No Secret Service: point this test process (its own vitest worker) at a D-Bus address where
 * nothing listens, before keytar loads. Nothing may be stored, and the message says what to install.
 */
import { readdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../electron/main/app-error'
import { ConnectionStore } from '../../electron/main/services/connection-store'
import { KeytarSecretStore } from '../../electron/main/services/keytar-secret-store'
import { silentLogger } from '../../electron/main/services/logger'
import { makeTempDir, removeDir } from '../support/temp-dir'

let dir: string
beforeAll(async () => {
  process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/tokendesk-no-bus'
  delete process.env.DISPLAY
  dir = await makeTempDir()
})
afterAll(() => removeDir(dir))

describe('without a keychain', () => {
  it('refuses to add a connection, names what to install, and writes nothing', async () => {
    const secrets = new KeytarSecretStore(silentLogger, 'tokendesk-test-nobus', 'linux')
    const connections = new ConnectionStore({ dataDir: dir, secrets, log: silentLogger })
    await connections.init()
    const error = await connections
      .add({
        provider: 'fynn',
        label: 'Billing',
        client: '',
        baseUrl: 'https://coreapi.io',
        accountId: null,
        credential: 'eyJhbGciOi.canary.secret',
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).kind).toBe('keychain_unavailable')
    expect((error as AppError).message).toMatch(/gnome-keyring/)
    expect((error as AppError).message).toMatch(/libsecret/)
    expect(connections.list()).toEqual([])
    expect(await readdir(dir)).toEqual([])
  })
})
