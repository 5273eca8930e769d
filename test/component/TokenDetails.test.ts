import { createTestingPinia } from '@pinia/testing'
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import TokenDetails from '@/features/token/TokenDetails.vue'
import { CONNECTIONS, NOW, token } from './fixtures'
import { installFakeBridge } from './fake-bridge'

function mountDetails(provider: 'mpt' | 'fynn' | 'prefactor', patch = {}) {
  installFakeBridge({
    'secret:availability': () => ({ available: false, source: null, reason: 'none' }),
    'tokens:get': () => token(provider, provider === 'prefactor' ? 'pf01' : 'TKN-1', patch),
    'tokens:activity': () => [{ at: new Date(NOW - 60_000).toISOString(), connectionId: 'c', tokenId: 't', action: 'disable', outcome: 'ok', detail: null }],
  })
  return mount(TokenDetails, {
    props: { token: token(provider, provider === 'prefactor' ? 'pf01' : 'TKN-1', patch), connection: CONNECTIONS[provider]!, now: NOW },
    global: { plugins: [createTestingPinia({ createSpy: vi.fn })], directives: { tooltip: {} } },
    attachTo: document.body,
  })
}

const buttons = (w: ReturnType<typeof mountDetails>) => w.find('.td-details__actions').findAll('button').map((b) => b.text())
async function openTab(w: ReturnType<typeof mountDetails>, name: string) {
  await w.findAll('[role=tab]').find((t) => t.text() === name)!.trigger('click')
  await flushPromises()
}

describe('TokenDetails', () => {
  it('offers only what the vendor allows in the token’s state', () => {
    expect(buttons(mountDetails('mpt'))).toEqual(['Edit', 'Replace', 'Disable', 'Delete'])
    expect(buttons(mountDetails('mpt', { status: 'disabled' }))).toEqual(['Edit', 'Replace', 'Enable', 'Delete'])
    expect(buttons(mountDetails('prefactor'))).toEqual(['Replace', 'Suspend', 'Revoke', 'Delete'])
    expect(buttons(mountDetails('prefactor', { status: 'suspended' }))).toEqual(['Replace', 'Activate', 'Revoke', 'Delete'])
    expect(buttons(mountDetails('prefactor', { status: 'revoked' }))).toEqual(['Delete'])
    expect(buttons(mountDetails('fynn'))).toEqual(['Replace'])
  })

  it('shows the modules, scope or creator’s rights on the second tab', async () => {
    const mpt = mountDetails('mpt')
    await openTab(mpt, 'Modules')
    expect(mpt.text()).toContain('Billing')
    expect(mpt.text()).toContain('MOD-2210')
    const pf = mountDetails('prefactor')
    await openTab(pf, 'Scope')
    expect(pf.text()).toMatch(/Scope\s*environment/)
    expect(pf.text()).toContain('env0')
    const fynn = mountDetails('fynn')
    await openTab(fynn, 'Scope')
    expect(fynn.text()).toContain('same rights as the user who created it')
  })

  it('shows dates, creator and ids on Details, and this app’s actions on Activity', async () => {
    const w = mountDetails('mpt')
    await openTab(w, 'Details')
    expect(w.text()).toContain('by Ana Ruiz')
    expect(w.text()).toContain('ACC-1234-5678')
    expect(w.text()).toContain('Last access')
    await openTab(w, 'Activity')
    expect(w.text()).toContain('Disabled')
    expect(w.text()).toContain('1 min. ago')
  })

  it('emits the action the user chose', async () => {
    const w = mountDetails('mpt')
    await w.find('.td-details__actions').findAll('button').find((b) => b.text() === 'Disable')!.trigger('click')
    expect(w.emitted('action')).toEqual([['disable']])
  })
})

// PrimeVue's TabList starts a 150 ms timer on mount that it never clears; when it fired after the
// test environment was torn down it threw `ReferenceError: HTMLElement is not defined`. Every
// mounted component is unmounted after its test (setup.ts), so such a timer finds nothing to do.
describe('after a test that mounted the details', () => {
  it('mounts them and leaves them to the harness', () => {
    vi.useFakeTimers()
    mountDetails('mpt')
  })

  it('no timer they started touches the DOM once the environment is gone', () => {
    const saved = globalThis.HTMLElement
    delete (globalThis as { HTMLElement?: unknown }).HTMLElement // what happy-dom's teardown leaves
    try {
      expect(() => vi.runOnlyPendingTimers()).not.toThrow()
    } finally {
      globalThis.HTMLElement = saved
      vi.useRealTimers()
    }
  })
})
