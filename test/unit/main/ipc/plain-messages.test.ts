/**
 * A call the real handlers refuse says why in Tokendesk's words: the field named plainly, a limit
 * with its unit — never zod's default text ("Too big: expected array to have <=250000 items",
 * "Invalid input: expected string, received number") nor a schema path such as `args[0].keys`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IpcResult } from '../../../../electron/common/errors'
import { plainIssue } from '../../../../electron/common/plain-issues'
import { createDispatcher } from '../../../../electron/main/ipc/dispatcher'
import { createHandlers } from '../../../../electron/main/ipc/handlers'
import { createServices, type Services } from '../../../../electron/main/services'
import { silentLogger } from '../../../../electron/main/services/logger'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { makeTempDir, removeDir } from '../../../support/temp-dir'
import { z } from 'zod'

const APP = { url: 'app://tokendesk/index.html', isMainFrame: true }
const ID = '6f1c1c1e-1111-4111-8111-111111111111'
/** What zod says on its own, or a path into the call's arguments. */
const RAW = /Too big|Too small|Invalid input|expected \w+ to|received|<=|>=|Unrecognized key|args\[|\[\d\]/

let dir: string
let services: Services
let dispatch: ReturnType<typeof createDispatcher>
beforeAll(async () => {
  dir = await makeTempDir()
  services = await createServices({ dataDir: dir, secrets: new MemorySecretStore(), log: silentLogger })
  dispatch = createDispatcher(createHandlers(services, { version: '0', platform: 'linux' }), { trustedOrigins: ['app://tokendesk/'], log: silentLogger })
})
afterAll(() => removeDir(dir))

async function refused(channel: string, args: unknown[]): Promise<string> {
  const result = (await dispatch(APP, channel, args)) as IpcResult<unknown>
  if (result.ok) throw new Error(`${channel} was accepted`)
  expect(result.error.kind).toBe('validation')
  expect(result.error.message).not.toMatch(RAW)
  for (const message of Object.values(result.error.fields ?? {})) expect(message).not.toMatch(RAW)
  return result.error.message
}

describe('IPC arguments refused in plain words', () => {
  it('a selection past a limit says the limit with its unit', async () => {
    const many = [{ connectionId: ID, tokenIds: Array.from({ length: 200_000 }, (_, i) => `TKN-${i}`) }, { connectionId: ID, tokenIds: Array.from({ length: 50_001 }, (_, i) => `TKN-${i}`) }]
    expect(await refused('meta:bulk', [many, { owner: 'Ops' }])).toBe('Too many tokens: at most 250,000 tokens at once.')
    expect(await refused('meta:bulk', [[], { owner: 'Ops' }])).toBe('Choose at least one token.')
    expect(await refused('meta:bulk', [[{ connectionId: ID, tokenIds: [] }], { owner: 'Ops' }])).toBe('Choose at least one token.')
    const ids = Array.from({ length: 1001 }, (_, i) => `TKN-${i}`)
    expect(await refused('tokens:bulk', [ID, 'disable', ids])).toBe('Too many tokens: at most 1,000 tokens at once.')
    expect(await refused('rotation:bulk', [ID, []])).toBe('Choose at least one token.')
    expect(await refused('meta:addTags', [ID, ['TKN-1'], Array.from({ length: 21 }, (_, i) => `t${i}`)])).toBe('Too many tags: at most 20 tags.')
  })

  it('a wrong type, value or field names the field, or says the request', async () => {
    expect(await refused('settings:update', [{ clipboardClearSec: 9999 }])).toBe('The time before the clipboard is cleared (seconds) must be at most 300.')
    expect(await refused('settings:update', [{ lockIdleMinutes: 1.5 }])).toBe('The idle time before Tokendesk locks (minutes) must be a whole number.')
    expect(await refused('settings:update', [{ theme: 'neon' }])).toBe('The theme must be one of “system”, “light”, “dark”.')
    expect(await refused('settings:update', [{ sneaky: true }])).toBe('This has a field Tokendesk does not know: “sneaky”.')
    expect(await refused('tokens:bulk', [ID, 'disable', 'TKN-1'])).toBe('A value in this request must be a list.')
    expect(await refused('settings:update', [])).toBe('This request has too few values.')
    expect(await refused('connections:add', [{ provider: 'fynn', label: 'x', client: '', baseUrl: 'https://coreapi.io', accountId: null }, false])).toBe('The credential is missing.')
  })

  it('a hand-written message still wins', async () => {
    expect(await refused('tokens:get', [ID, 'not a token id!'])).toBe('Not a token id.')
  })
})

describe('services refuse their input in plain words too (parseInput)', () => {
  it('a setting out of bounds', async () => {
    await expect(services.settings.update({ rotationMaxAgeDays: 0 })).rejects.toThrow('The age at which a token is due for rotation (days) must be at least 1.')
  })
})

describe('plainIssue', () => {
  it('names an unnamed list’s entries by its field, and a key from the input without its control characters', () => {
    const schema = z.object({ removeTags: z.array(z.string().max(3)).max(1), x: z.object({}).strict() })
    const result = schema.safeParse({ removeTags: ['a', 'b'], x: { 'bad\u001b[31m': 1 } }, { error: plainIssue })
    expect(result.error!.issues.map((i) => i.message)).toEqual([
      'Too many entries in the tags to remove: at most 1.',
      'The x has a field Tokendesk does not know: “bad?[31m”.',
    ])
  })
})
