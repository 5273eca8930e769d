import { describe, expect, it, vi } from 'vitest'
import { INVOKE_CHANNELS } from '../../../../electron/common/ipc-channels'
import { AppError } from '../../../../electron/main/app-error'
import { createDispatcher, isTrustedSender, type Handlers } from '../../../../electron/main/ipc/dispatcher'
import { createLogger } from '../../../../electron/main/services/logger'

const APP = { url: 'app://tokendesk/index.html#/connections', isMainFrame: true }
const ID = '6f1c1c1e-1111-4111-8111-111111111111'

/** A spy per channel, generated from the channel list (a new channel needs no edit here). */
function spyHandlers(): Handlers {
  const answers: Partial<Record<(typeof INVOKE_CHANNELS)[number], unknown>> = {
    'app:info': { version: '1', platform: 'linux' },
    'settings:get': { theme: 'system' },
    'settings:update': { theme: 'dark' },
  }
  return Object.fromEntries(INVOKE_CHANNELS.map((channel) => [channel, vi.fn(async () => answers[channel] ?? null)])) as unknown as Handlers
}

function setup(handlers = spyHandlers()) {
  const lines: string[] = []
  const log = createLogger((_level, line) => lines.push(line))
  const dispatch = createDispatcher(handlers, { trustedOrigins: ['app://tokendesk/'], log })
  return { dispatch, handlers, lines }
}

describe('isTrustedSender', () => {
  it('accepts only the top frame of the app origin', () => {
    expect(isTrustedSender(APP, ['app://tokendesk/'])).toBe(true)
    expect(isTrustedSender({ ...APP, isMainFrame: false }, ['app://tokendesk/'])).toBe(false)
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, ['app://tokendesk/'])).toBe(false)
    expect(isTrustedSender({ url: 'app://other/index.html', isMainFrame: true }, ['app://tokendesk/'])).toBe(false)
    expect(isTrustedSender({ url: 'file:///etc/passwd', isMainFrame: true }, ['app://tokendesk/'])).toBe(false)
    expect(isTrustedSender({ url: null, isMainFrame: true }, ['app://tokendesk/'])).toBe(false)
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: true }, ['http://localhost:5173/'])).toBe(true)
    expect(isTrustedSender({ url: 'http://localhost:5174/', isMainFrame: true }, ['http://localhost:5173/'])).toBe(false)
  })
})

describe('dispatch', () => {
  it('returns the handler’s value for a valid call', async () => {
    const { dispatch, handlers } = setup()
    await expect(dispatch(APP, 'settings:update', [{ theme: 'dark' }])).resolves.toEqual({
      ok: true,
      value: { theme: 'dark' },
    })
    expect(handlers['settings:update']).toHaveBeenCalledWith({ theme: 'dark' })
  })

  it('refuses an untrusted or sub-frame sender before anything runs', async () => {
    const { dispatch, handlers, lines } = setup()
    for (const sender of [{ url: 'https://evil.example/', isMainFrame: true }, { ...APP, isMainFrame: false }]) {
      const result = await dispatch(sender, 'connections:remove', [ID])
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ kind: 'forbidden_sender' }) })
    }
    expect(handlers['connections:remove']).not.toHaveBeenCalled()
    expect(lines.join('\n')).toMatch(/untrusted frame/)
  })

  it('rejects unknown channels', async () => {
    const { dispatch } = setup()
    for (const channel of ['connections:secret', '__proto__', 42, null]) {
      const result = await dispatch(APP, channel, [])
      expect(result).toEqual({ ok: false, error: { kind: 'validation', message: 'Unknown request.' } })
    }
  })

  it('answers wrong-shaped arguments on every channel with a validation envelope, calling nothing', async () => {
    const { dispatch, handlers } = setup()
    const bad: unknown[] = [
      undefined,
      'not an array',
      [1, 2, 3, 4, 5],
      [{ provider: 'mpt', label: '', baseUrl: 'http://x.com', credential: 7 }],
      ['not-a-uuid', { label: 'x' }],
      [ID, { provider: 'fynn' }],
      [{ theme: 'sepia' }],
    ]
    for (const channel of INVOKE_CHANNELS) {
      for (const args of bad) {
        const result = await dispatch(APP, channel, args)
        // Channels without arguments accept only [] — so every case above is wrong for all channels.
        expect(result.ok, `${channel} ${JSON.stringify(args)}`).toBe(false)
        if (!result.ok) expect(result.error.kind).toBe('validation')
      }
    }
    for (const channel of INVOKE_CHANNELS) expect(handlers[channel]).not.toHaveBeenCalled()
  })

  it('passes field messages back for form display', async () => {
    const { dispatch } = setup()
    const result = await dispatch(APP, 'connections:add', [
      { provider: 'mpt', label: ' ', client: '', baseUrl: 'http://api.example.com', accountId: null, credential: 'x' },
      true,
    ])
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.fields).toMatchObject({
        label: 'Enter a label.',
        baseUrl: expect.stringMatching(/https/),
      })
    }
  })

  it('turns an AppError into its envelope and anything else into a generic message', async () => {
    const handlers = spyHandlers()
    handlers['connections:remove'] = vi.fn(async () => {
      throw new AppError('not_found', 'That connection no longer exists.')
    })
    handlers['connections:list'] = vi.fn(async () => {
      throw new TypeError('Cannot read properties of undefined (reading secretThing) at /home/me/x.js:1:1')
    })
    const { dispatch, lines } = setup(handlers)
    expect(await dispatch(APP, 'connections:remove', [ID])).toEqual({
      ok: false,
      error: { kind: 'not_found', message: 'That connection no longer exists.' },
    })
    const internal = await dispatch(APP, 'connections:list', [])
    expect(internal).toEqual({ ok: false, error: { kind: 'internal', message: expect.any(String) } })
    expect(JSON.stringify(internal)).not.toMatch(/secretThing|x\.js|TypeError/)
    expect(lines.join('\n')).toMatch(/connections:list failed/)
  })
})
