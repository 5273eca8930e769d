/**
 * The window renders a vendor from its descriptor alone: a throwaway fourth vendor
 * (test/fixtures/fourth-vendor/) added with one registry line gets its create form, its actions in
 * each state, its second tab and its badge, with no component touched.
 */
import { createTestingPinia } from '@pinia/testing'
import { flushPromises, mount } from '@vue/test-utils'
import type { Connection } from '@common/model'
import type { Token } from '@common/tokens'
import { describe, expect, it, vi } from 'vitest'
import { installFakeBridge } from './fake-bridge'
import { NOW } from './fixtures'

vi.mock('@common/providers', async (importOriginal) => {
  const real = await importOriginal<typeof import('@common/providers')>()
  const { registryOf } = await import('@common/vendors/descriptor')
  const { acme } = await import('../fixtures/fourth-vendor/descriptor')
  const VENDORS = [...real.VENDORS, acme]
  return { ...real, VENDORS, ...registryOf(VENDORS) }
})

const CreateTokenDialog = (await import('@/features/token/CreateTokenDialog.vue')).default
const TokenDetails = (await import('@/features/token/TokenDetails.vue')).default
const ProviderBadge = (await import('@/components/layout/ProviderBadge.vue')).default

const provider = 'acme' as Token['provider']
const connection: Connection = { id: '44444444-4444-4444-8444-444444444444', provider, label: 'Keys', client: 'Globex', baseUrl: 'https://a', accountId: null, createdAt: new Date(NOW).toISOString(), credentialLast4: null }
const key = (patch: Partial<Token> = {}): Token => ({
  key: `${connection.id}/k1`, connectionId: connection.id, provider, id: 'k1', name: 'Build server', description: null, status: 'active',
  createdAt: null, createdBy: null, updatedAt: null, lastUsedAt: null, expiresAt: null, scope: [], isOwnCredential: false, vendor: { state: 'live' }, ...patch,
})
const global = { plugins: [createTestingPinia({ createSpy: vi.fn })], directives: { tooltip: {} } }

describe('a fourth vendor in the window', () => {
  it('gets its own create form, validated by its own rules, sent as its input', async () => {
    const bridge = installFakeBridge({ 'tokens:create': () => ({ token: key(), secret: 's', saved: true }) })
    const wrapper = mount(CreateTokenDialog, { props: { visible: false, connections: [connection], defaultConnectionId: connection.id }, global, attachTo: document.body })
    await wrapper.setProps({ visible: true })
    await flushPromises()
    expect(document.querySelector('#ct-label')).not.toBeNull()
    expect(document.querySelector('#ct-expires')).not.toBeNull()
    expect(document.querySelector('#ct-name')).toBeNull()
    const form = document.querySelector('[data-testid=create-form]') as HTMLFormElement
    form.dispatchEvent(new Event('submit'))
    await flushPromises()
    expect(document.body.textContent).toContain('Enter a label.')
    const label = document.querySelector('#ct-label') as HTMLInputElement
    label.value = 'CI'
    label.dispatchEvent(new Event('input'))
    form.dispatchEvent(new Event('submit'))
    await flushPromises()
    expect(bridge.calls.filter((c) => c.channel === 'tokens:create').map((c) => c.args)).toEqual([[connection.id, { provider, label: 'CI', expiresAt: null }, true]])
    wrapper.unmount()
  })

  it('offers its actions by state, shows its second tab and its badge', async () => {
    installFakeBridge({ 'secret:availability': () => ({ available: false, source: null, reason: 'none' }), 'tokens:get': () => key(), 'tokens:activity': () => [] })
    const details = (status: Token['status']) => mount(TokenDetails, { props: { token: key({ status }), connection, now: NOW }, global, attachTo: document.body })
    const buttons = (w: ReturnType<typeof details>) => w.find('.td-details__actions').findAll('button').map((b) => b.text())
    expect(buttons(details('active'))).toEqual(['Replace', 'Revoke', 'Delete'])
    expect(buttons(details('revoked'))).toEqual(['Delete'])
    const w = details('active')
    await w.findAll('[role=tab]').find((t) => t.text() === 'Reach')!.trigger('click')
    await flushPromises()
    expect(w.text()).toContain('An Acme key opens the whole account.')
    const badge = mount(ProviderBadge, { props: { provider } })
    expect(badge.text()).toBe('Acme')
    expect(badge.classes()).toContain('td-tone--amber')
  })
})
