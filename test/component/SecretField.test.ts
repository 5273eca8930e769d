import { createTestingPinia } from '@pinia/testing'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import SecretField from '@/features/token/SecretField.vue'
import { CONNECTIONS, token } from './fixtures'
import { installFakeBridge } from './fake-bridge'

const SECRET = 'idt:TKN-1:the-secret-value'

function mountField(provider: 'mpt' | 'fynn' = 'mpt', availability = { available: true, source: 'vendor', reason: null }) {
  const bridge = installFakeBridge({
    'secret:availability': () => availability,
    'secret:reveal': () => SECRET,
    'secret:copy': () => ({ clearsAt: new Date(Date.now() + 30_000).toISOString() }),
    'secret:attach': () => ({ available: true, source: 'keychain', reason: null }),
  })
  const pinia = createTestingPinia({ createSpy: vi.fn, initialState: { settings: { settings: { theme: 'system', clipboardClearSec: 30, revealHideSec: 20, expiryWarningDays: 7 } } } })
  const wrapper = mount(SecretField, { props: { token: token(provider, 'TKN-1'), connection: CONNECTIONS[provider]! }, global: { plugins: [pinia] } })
  return { wrapper, bridge }
}

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: false }))
afterEach(() => vi.useRealTimers())

describe('SecretField', () => {
  it('shows nothing until asked, then the secret with the client’s name, hiding it after the reveal time', async () => {
    const { wrapper, bridge } = mountField()
    await flushPromises()
    expect(wrapper.text()).not.toContain(SECRET)
    await wrapper.find('[data-testid=reveal]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid=secret-value]').text()).toBe(SECRET)
    expect(wrapper.find('[data-testid=secret-client]').text()).toContain('Acme Corp · Marketplace EU')
    expect(bridge.calls.filter((c) => c.channel === 'secret:reveal')).toHaveLength(1)
    vi.advanceTimersByTime(19_000)
    await flushPromises()
    expect(wrapper.text()).toContain('Hides in 1 s')
    vi.advanceTimersByTime(1_500)
    await flushPromises()
    expect(wrapper.text()).not.toContain(SECRET)
  })

  it('hides when the window is hidden and when the field goes away', async () => {
    const { wrapper } = mountField()
    await flushPromises()
    await wrapper.find('[data-testid=reveal]').trigger('click')
    await flushPromises()
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
    document.dispatchEvent(new Event('visibilitychange'))
    await flushPromises()
    expect(wrapper.text()).not.toContain(SECRET)
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true })
    wrapper.unmount()
  })

  it('copies through main without asking for the secret, and shows the countdown', async () => {
    const { wrapper, bridge } = mountField()
    await flushPromises()
    await wrapper.find('[data-testid=copy-secret]').trigger('click')
    await flushPromises()
    // The field's own look when it opened, then the check before the copy (no unlock asked for a token with no secret).
    expect(bridge.calls.map((c) => c.channel)).toEqual(['secret:availability', 'secret:availability', 'secret:copy'])
    expect(wrapper.find('[data-testid=copy-countdown]').text()).toMatch(/Copied “Token TKN-1” for Acme Corp · Marketplace EU · clipboard clears in 30 s/)
    bridge.emit('clipboard:cleared', { reason: 'timeout' })
    await flushPromises()
    expect(wrapper.find('[data-testid=copy-countdown]').exists()).toBe(false)
  })

  it('says why there is no secret, and attaches one', async () => {
    const { wrapper, bridge } = mountField('fynn', { available: false, source: null, reason: 'Fynn shows a token’s secret only once, when it is created.' } as never)
    await flushPromises()
    expect(wrapper.text()).toContain('Fynn shows a token’s secret only once')
    expect(wrapper.find('[data-testid=reveal]').exists()).toBe(false)
    await wrapper.findAll('button').find((b) => b.text() === 'Attach secret')!.trigger('click')
    await wrapper.find('#attach-secret').setValue('fynn_attached')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(bridge.calls.at(-1)).toEqual({ channel: 'secret:attach', args: [expect.any(String), 'TKN-1', 'fynn_attached'] })
    expect(wrapper.find('[data-testid=reveal]').exists()).toBe(true)
  })
})
