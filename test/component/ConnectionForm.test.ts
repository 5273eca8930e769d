import { PROVIDERS } from '@common/providers'
import { createTestingPinia } from '@pinia/testing'
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api'
import ConnectionForm from '@/features/connections/ConnectionForm.vue'
import { useConnectionsStore } from '@/stores/connections'

function mountForm(props: Record<string, unknown> = {}) {
  const pinia = createTestingPinia({ createSpy: vi.fn })
  const wrapper = mount(ConnectionForm, { props, global: { plugins: [pinia] }, attachTo: document.body })
  const store = useConnectionsStore(pinia)
  return { wrapper, store }
}

const input = (wrapper: ReturnType<typeof mount>, id: string) => wrapper.find<HTMLInputElement>(`#${id}`)

async function chooseProvider(wrapper: ReturnType<typeof mount>, name: string): Promise<void> {
  const option = wrapper.findAll('[data-testid="provider"] button').find((b) => b.text() === name)
  expect(option, name).toBeDefined()
  await option!.trigger('click')
}

async function fillValid(wrapper: ReturnType<typeof mount>): Promise<void> {
  await input(wrapper, 'cf-label').setValue('Production')
  await input(wrapper, 'cf-client').setValue('Acme Corp')
  await input(wrapper, 'cf-credential').setValue('idt:TKN-1111-2222:abcdefghijkl')
}

describe('ConnectionForm', () => {
  it('prefills the base URL per provider and shows the account id only where the vendor has one', async () => {
    const { wrapper } = mountForm()
    expect(input(wrapper, 'cf-base-url').element.value).toBe(PROVIDERS.mpt.defaultBaseUrl)
    expect(input(wrapper, 'cf-account').exists()).toBe(true)
    await chooseProvider(wrapper, 'Fynn')
    expect(input(wrapper, 'cf-base-url').element.value).toBe(PROVIDERS.fynn.defaultBaseUrl)
    expect(input(wrapper, 'cf-account').exists()).toBe(false)
    await chooseProvider(wrapper, 'Prefactor')
    expect(input(wrapper, 'cf-base-url').element.value).toBe(PROVIDERS.prefactor.defaultBaseUrl)
    expect(input(wrapper, 'cf-account').exists()).toBe(true)
  })

  it('keeps a base URL the user typed when the provider changes', async () => {
    const { wrapper } = mountForm()
    await input(wrapper, 'cf-base-url').setValue('http://127.0.0.1:4010/public')
    await chooseProvider(wrapper, 'Fynn')
    expect(input(wrapper, 'cf-base-url').element.value).toBe('http://127.0.0.1:4010/public')
  })

  it('shows field errors and calls nothing when the input is bad', async () => {
    const { wrapper, store } = mountForm()
    await input(wrapper, 'cf-base-url').setValue('http://api.example.com')
    await wrapper.find('form').trigger('submit')
    const text = wrapper.text()
    expect(text).toContain('Enter a label.')
    expect(text).toContain('Paste the credential.')
    expect(text).toMatch(/must start with https:\/\//)
    expect(store.add).not.toHaveBeenCalled()
    // Errors clear as the user fixes them.
    await input(wrapper, 'cf-label').setValue('Production')
    expect(wrapper.text()).not.toContain('Enter a label.')
  })

  it('uses a password field for the credential and submits the parsed values', async () => {
    const { wrapper, store } = mountForm()
    vi.mocked(store.add).mockResolvedValue({ id: 'x' } as never)
    expect(input(wrapper, 'cf-credential').attributes('type')).toBe('password')
    await fillValid(wrapper)
    await input(wrapper, 'cf-account').setValue('ACC-1234-5678')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(store.add).toHaveBeenCalledWith({
      provider: 'mpt',
      label: 'Production',
      client: 'Acme Corp',
      baseUrl: PROVIDERS.mpt.defaultBaseUrl,
      accountId: 'ACC-1234-5678',
      credential: 'idt:TKN-1111-2222:abcdefghijkl',
    }, true)
    expect(wrapper.emitted('saved')).toHaveLength(1)
    // The credential does not linger in the form after saving.
    expect(input(wrapper, 'cf-credential').element.value).toBe('')
  })

  it('shows main’s answer on the field it concerns (duplicate label)', async () => {
    const { wrapper, store } = mountForm()
    vi.mocked(store.add).mockRejectedValue(
      new ApiError({
        kind: 'conflict',
        message: 'There is already a connection called “Production” in client “Acme Corp”.',
        fields: { label: 'This label is already used in this client.' },
      }),
    )
    await fillValid(wrapper)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.text()).toContain('This label is already used in this client.')
    expect(wrapper.find('[role="alert"]').text()).toContain('already a connection called')
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('shows a keychain problem as a form message, without field errors', async () => {
    const { wrapper, store } = mountForm()
    vi.mocked(store.add).mockRejectedValue(
      new ApiError({ kind: 'keychain_unavailable', message: 'The system keychain is not available, so nothing was stored.' }),
    )
    await fillValid(wrapper)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[role="alert"]').text()).toContain('keychain is not available')
  })

  it('edits without a credential field and with the provider fixed', async () => {
    const connection = {
      id: '6f1c1c1e-1111-4111-8111-111111111111',
      provider: 'fynn' as const,
      label: 'Billing',
      client: 'Globex',
      baseUrl: 'https://coreapi.io',
      accountId: null,
      createdAt: '2026-11-01T00:00:00.000Z',
      credentialLast4: 'abcd',
    }
    const { wrapper, store } = mountForm({ connection })
    vi.mocked(store.update).mockResolvedValue(connection)
    expect(input(wrapper, 'cf-credential').exists()).toBe(false)
    await input(wrapper, 'cf-label').setValue('Billing EU')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    // Only what changed is sent.
    expect(store.update).toHaveBeenCalledWith(connection.id, { label: 'Billing EU' }, true)
  })

  it('refuses a label or client with a hidden character, says which and where, and removes it on request', async () => {
    const { wrapper, store } = mountForm()
    await fillValid(wrapper)
    await input(wrapper, 'cf-label').setValue('Prod\u202Egnp.exe')
    const note = wrapper.find('[data-testid=hidden-note]')
    expect(note.text()).toContain('U+202E right-to-left override at character 5')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    // Refused, said once: by the field's note (which and where, with the offer to remove it), not a second line.
    expect(input(wrapper, 'cf-label').attributes('aria-invalid')).toBe('true')
    expect(wrapper.find('#cf-label-error').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('type it again')
    expect(store.add).not.toHaveBeenCalled()
    await note.find('[data-testid=strip-hidden]').trigger('click')
    expect(input(wrapper, 'cf-label').element.value).toBe('Prodgnp.exe')
    expect(wrapper.find('#cf-label-error').exists()).toBe(false)
    await input(wrapper, 'cf-client').setValue('Acme\u200B')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid=hidden-note]').text()).toContain('U+200B zero width space at character 5')
    expect(store.add).not.toHaveBeenCalled()
    // Another problem of the same field is still said under it.
    await input(wrapper, 'cf-label').setValue('x'.repeat(81))
    expect(wrapper.text()).toContain('Keep the label under 80 characters.')
  })

  it('edits the base URL of a connection whose stored label has a hidden character, leaving the label as it is', async () => {
    const connection = {
      id: '6f1c1c1e-1111-4111-8111-111111111111',
      provider: 'fynn' as const,
      label: 'Billing\u202E',
      client: 'Globex',
      baseUrl: 'https://coreapi.io',
      accountId: null,
      createdAt: '2026-11-01T00:00:00.000Z',
      credentialLast4: 'abcd',
    }
    const { wrapper, store } = mountForm({ connection })
    vi.mocked(store.update).mockResolvedValue(connection)
    expect(wrapper.find('[data-testid=hidden-note]').text()).toContain('U+202E')
    await input(wrapper, 'cf-base-url').setValue('https://preview.coreapi.io')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(store.update).toHaveBeenCalledWith(connection.id, { baseUrl: 'https://preview.coreapi.io' }, true)
  })

  it('shows what the vendor answered when it refuses, and saves only on “Save anyway”', async () => {
    const { wrapper, store } = mountForm()
    vi.mocked(store.add).mockRejectedValueOnce(new ApiError({ kind: 'auth', message: 'Marketplace rejected the credential.' })).mockResolvedValueOnce({ id: 'x', provider: 'mpt', label: 'Production', client: '' } as never)
    await fillValid(wrapper)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid=test-result]').text()).toMatch(/did not accept this connection; nothing was saved\.\s*Marketplace rejected the credential\./)
    expect(wrapper.emitted('saved')).toBeUndefined()
    await wrapper.find('[data-testid=save-anyway]').trigger('click')
    await flushPromises()
    expect(vi.mocked(store.add).mock.calls.map((c) => c[1])).toEqual([true, false])
    expect(wrapper.emitted('saved')?.[0]?.[1]).toBe(false)
  })
})
