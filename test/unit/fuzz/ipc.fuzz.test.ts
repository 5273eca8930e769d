/** Every IPC channel, ≥ 1,000 invalid argument sets each: a validation envelope, no state change, no crash. */
import fc from 'fast-check'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INVOKE_CHANNELS } from '../../../electron/common/ipc-channels'
import { invokeContract } from '../../../electron/common/ipc-contract'
import { createDispatcher, type Dispatch } from '../../../electron/main/ipc/dispatcher'
import { createHandlers } from '../../../electron/main/ipc/handlers'
import { createServices, type Services } from '../../../electron/main/services'
import { silentLogger } from '../../../electron/main/services/logger'
import { MemoryClipboard } from '../../fakes/memory-clipboard'
import { MemorySecretStore } from '../../fakes/memory-secret-store'
import { makeTempDir, removeDir } from '../../support/temp-dir'

const APP = { url: 'app://tokendesk/index.html', isMainFrame: true }
let dir: string
let services: Services
let secrets: MemorySecretStore
let dispatch: Dispatch
const calls: string[] = []

beforeAll(async () => {
  dir = await makeTempDir()
  secrets = new MemorySecretStore()
  services = await createServices({ dataDir: dir, secrets, log: silentLogger, clipboard: new MemoryClipboard() })
  await services.connections.add({ provider: 'fynn', label: 'Billing', client: 'Globex', baseUrl: 'http://127.0.0.1:9', accountId: null, credential: 'fynn-credential-abc' })
  const handlers = createHandlers(services, { version: 'x', platform: 'linux' }, {
    openExternal: async (url) => void calls.push(`open ${url}`),
    chooseSavePath: async () => {
      calls.push('save')
      return null
    },
  })
  dispatch = createDispatcher(handlers, { trustedOrigins: ['app://tokendesk/'], log: silentLogger })
})
afterAll(() => removeDir(dir))

async function state(): Promise<string> {
  const files = await readdir(dir, { recursive: true })
  const contents = await Promise.all(files.sort().map(async (f) => `${f}:${await readFile(path.join(dir, f)).then((b) => b.toString('base64')).catch(() => 'dir')}`))
  return JSON.stringify([contents, [...secrets.entries], services.connections.list(), services.settings.get(), calls])
}

/** Argument lists the channel's schema refuses: any JSON-ish value, or arrays of them. */
function invalidArgs(channel: (typeof INVOKE_CHANNELS)[number]) {
  const schema = invokeContract[channel].args
  return fc
    .oneof(
      fc.anything({ maxDepth: 3 }),
      fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 5 }),
      fc.array(fc.oneof(fc.string(), fc.uuid(), fc.integer(), fc.constant(null)), { minLength: 1, maxLength: 4 }),
    )
    .filter((args) => !schema.safeParse(args).success)
}

describe('IPC fuzzing', () => {
  it.each([...INVOKE_CHANNELS])('%s: 1,000 invalid argument sets → validation, nothing changes', async (channel) => {
    const before = await state()
    await fc.assert(
      fc.asyncProperty(invalidArgs(channel), async (args) => {
        const result = await dispatch(APP, channel, args)
        expect(result.ok).toBe(false)
        if (!result.ok) {
          expect(result.error.kind).toBe('validation')
          expect(typeof result.error.message).toBe('string')
        }
      }),
      { numRuns: 1000 },
    )
    expect(await state()).toBe(before)
  })
})
