import { createTestingPinia } from '@pinia/testing'
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import BulkResultDialog from '@/features/inventory/BulkResultDialog.vue'
import CreateTokenDialog from '@/features/token/CreateTokenDialog.vue'
import { allowedBulkActions, confirmationText } from '@/features/token/useTokenActions'
import { CONNECTIONS, token } from './fixtures'
import { installFakeBridge } from './fake-bridge'

describe('confirmations', () => {
  it('name the token and the client', () => {
    expect(confirmationText('disable', [token('mpt', 'TKN-1')], CONNECTIONS.mpt!)).toMatch(/^Disable “Token TKN-1” in Acme Corp · Marketplace EU\?/)
    expect(confirmationText('delete', [token('mpt', 'A'), token('mpt', 'B')], CONNECTIONS.mpt!)).toMatch(/^Delete 2 tokens in Acme Corp · Marketplace EU\?/)
  })

  it('warn when the token is the one the connection signs in with', () => {
    const text = confirmationText('delete', [token('mpt', 'TKN-1', { isOwnCredential: true })], CONNECTIONS.mpt!)
    expect(text).toMatch(/Tokendesk signs in to Marketplace EU with “Token TKN-1”/)
    expect(confirmationText('enable', [token('mpt', 'TKN-1', { isOwnCredential: true })], CONNECTIONS.mpt!)).not.toMatch(/signs in/)
  })

  it('explain Prefactor’s revoke-then-delete', () => {
    expect(confirmationText('delete', [token('prefactor', 'p1')], CONNECTIONS.prefactor!)).toMatch(/Prefactor deletes only revoked tokens: it will be revoked first/)
    expect(confirmationText('delete', [token('prefactor', 'p1', { status: 'revoked' })], CONNECTIONS.prefactor!)).not.toMatch(/revoked first/)
  })

  it('offer bulk actions from the capability table', () => {
    expect(allowedBulkActions(CONNECTIONS.mpt!)).toEqual(['enable', 'disable', 'delete'])
    expect(allowedBulkActions(CONNECTIONS.prefactor!)).toEqual(['suspend', 'activate', 'revoke', 'delete'])
    expect(allowedBulkActions(CONNECTIONS.fynn!)).toEqual([])
  })
})

describe('CreateTokenDialog', () => {
  function mountCreate(connectionId: string) {
    const bridge = installFakeBridge({
      'tokens:create': (_id: string, input: unknown) => ({ token: token('fynn', 'NEW'), secret: 'fynn_new', saved: true, input }),
      'tokens:modules': () => [{ id: 'MOD-1756', name: 'Billing' }],
    })
    const wrapper = mount(CreateTokenDialog, {
      props: { visible: false, connections: Object.values(CONNECTIONS), defaultConnectionId: connectionId },
      global: { plugins: [createTestingPinia({ createSpy: vi.fn })] },
      attachTo: document.body,
    })
    return { wrapper, bridge }
  }
  const form = () => document.querySelector('[data-testid=create-form]') as HTMLFormElement

  it('asks each vendor for its own fields and validates before calling main', async () => {
    const { wrapper, bridge } = mountCreate(CONNECTIONS.mpt!.id)
    await wrapper.setProps({ visible: true })
    await flushPromises()
    expect(document.querySelector('#ct-name')).not.toBeNull()
    expect(document.querySelector('#ct-expires')).toBeNull()
    form().dispatchEvent(new Event('submit'))
    await flushPromises()
    expect(document.body.textContent).toContain('Enter a name.')
    expect(document.body.textContent).toContain('Choose at least one module.')
    expect(bridge.calls.map((c) => c.channel)).toEqual(['tokens:modules'])
    wrapper.unmount()
  })

  it('a limit zod sets without its own words is said plainly: more modules than the vendor takes', async () => {
    const modules = Array.from({ length: 101 }, (_, i) => ({ id: `MOD-1000-${String(i).padStart(4, '0')}`, name: `Module ${i}` }))
    const bridge = installFakeBridge({ 'tokens:modules': () => modules })
    const wrapper = mount(CreateTokenDialog, {
      props: { visible: false, connections: Object.values(CONNECTIONS), defaultConnectionId: CONNECTIONS.mpt!.id },
      global: { plugins: [createTestingPinia({ createSpy: vi.fn })] },
      attachTo: document.body,
    })
    await wrapper.setProps({ visible: true })
    await flushPromises()
    // Every module chosen (the list's "select all").
    wrapper.findComponent({ name: 'MultiSelect' }).vm.$emit('update:modelValue', modules.map((m) => m.id))
    await flushPromises()
    form().dispatchEvent(new Event('submit'))
    await flushPromises()
    expect(document.body.textContent).toContain('Too many modules: at most 100 modules.')
    expect(document.body.textContent).not.toMatch(/Too big|expected array/)
    expect(bridge.calls.map((c) => c.channel)).toEqual(['tokens:modules'])
    wrapper.unmount()
  })

  it('creates a Fynn token with a null expiry and the keychain option on', async () => {
    const { wrapper, bridge } = mountCreate(CONNECTIONS.fynn!.id)
    await wrapper.setProps({ visible: true })
    await flushPromises()
    expect(document.querySelector('#ct-name')).toBeNull()
    const description = document.querySelector('#ct-description') as HTMLTextAreaElement
    description.value = 'Nightly export'
    description.dispatchEvent(new Event('input'))
    form().dispatchEvent(new Event('submit'))
    await flushPromises()
    expect(bridge.calls.filter((c) => c.channel === 'tokens:create')).toEqual([{ channel: 'tokens:create', args: [CONNECTIONS.fynn!.id, { provider: 'fynn', description: 'Nightly export', expiresAt: null }, true] }])
    expect(wrapper.emitted('created')).toHaveLength(1)
    wrapper.unmount()
  })
})

describe('BulkResultDialog', () => {
  it('lists each token’s outcome', async () => {
    const wrapper = mount(BulkResultDialog, {
      props: { results: [{ tokenId: 'a', name: 'A', ok: true, message: null }, { tokenId: 'b', name: 'B', ok: false, message: 'Cannot suspend a token that is revoked.' }], action: 'Suspend', connection: CONNECTIONS.prefactor! },
      global: { plugins: [createTestingPinia({ createSpy: vi.fn })] },
      attachTo: document.body,
    })
    await vi.waitFor(() => expect(document.querySelectorAll('[data-testid=bulk-results] li.is-ok')).toHaveLength(1))
    expect(document.querySelector('[data-testid=bulk-results] li.is-error')?.textContent).toContain('Cannot suspend')
    expect(document.body.textContent).toContain('Suspend: 1 done, 1 failed')
    wrapper.unmount()
  })

  it('with 5,000 results puts only the lines in view in the page, the failures first', async () => {
    const failing = new Set([10, 2500, 4999])
    const results = Array.from({ length: 5000 }, (_, i) => ({ tokenId: `t${i}`, name: `Token ${i}`, ok: !failing.has(i), message: failing.has(i) ? `Refused ${i}` : null, connectionId: 'c1' }))
    const wrapper = mount(BulkResultDialog, {
      props: { results, action: 'Owner set to Ops', connection: null },
      global: { plugins: [createTestingPinia({ createSpy: vi.fn })] },
      attachTo: document.body,
    })
    await vi.waitFor(() => expect(document.querySelectorAll('[data-testid=bulk-results] li').length).toBeGreaterThan(3))
    const lines = [...document.querySelectorAll('[data-testid=bulk-results] li')]
    expect(lines.length).toBeLessThan(60)
    expect(lines.slice(0, 3).map((li) => li.textContent)).toEqual([expect.stringContaining('Refused 10'), expect.stringContaining('Refused 2500'), expect.stringContaining('Refused 4999')])
    expect(lines[3]!.getAttribute('aria-posinset')).toBe('4')
    expect(lines[3]!.getAttribute('aria-setsize')).toBe('5000')
    expect(document.body.textContent).toContain('Owner set to Ops: 4997 done, 3 failed')
    wrapper.unmount()
  })

  it('opens with its counts, and places its lines after that frame', async () => {
    const frames: Array<() => void> = []
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb))
    try {
      const wrapper = mount(BulkResultDialog, {
        props: { results: [{ tokenId: 'a', name: 'A', ok: true, message: null }, { tokenId: 'b', name: 'B', ok: false, message: 'Refused' }], action: 'Disable', connection: null },
        global: { plugins: [createTestingPinia({ createSpy: vi.fn })] },
        attachTo: document.body,
      })
      await flushPromises()
      await new Promise((resolve) => setTimeout(resolve, 0))
      expect(document.body.textContent).toContain('Disable: 1 done, 1 failed')
      expect(document.querySelectorAll('[data-testid=bulk-results] li')).toHaveLength(0)
      for (const cb of frames.splice(0)) cb()
      await vi.waitFor(() => expect(document.querySelectorAll('[data-testid=bulk-results] li')).toHaveLength(2), { interval: 5 })
      wrapper.unmount()
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
