/**
 * Every confirmation, toast and note that names a token names it as the grid does: the vendor's
 * name; else the user's display name (in italics, with the id); else "Unnamed" and the id —
 * each untrusted run isolated with its hidden characters shown.
 */
import { createTestingPinia } from '@pinia/testing'
import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import TokenName from '@/components/text/TokenName'
import BulkResultDialog from '@/features/inventory/BulkResultDialog.vue'
import TokenWhere from '@/features/token/TokenWhere.vue'
import { confirmationText } from '@/features/token/useTokenActions'
import { useMetaStore } from '@/stores/meta'
import { plainTokenName, replacedTokenRuns } from '@/tokenText'
import { CONNECTIONS, token } from './fixtures'

const unnamed = token('prefactor', 'p1', { name: null, displayName: 'Agent \u202Ebot' })
const bare = token('prefactor', 'p2', { name: '  ' })

describe('a token named in a confirmation', () => {
  it('uses the display name where the vendor gives none (Suspend, bulk of one, the own-credential warning)', () => {
    expect(confirmationText('suspend', [unnamed], CONNECTIONS.prefactor!)).toMatch(/^Suspend “Agent <U\+202E>bot” \(p1\) in Globex · Agents\?/)
    expect(confirmationText('revoke', [{ ...unnamed, isOwnCredential: true }], CONNECTIONS.prefactor!)).toMatch(/signs in to Agents with “Agent <U\+202E>bot” \(p1\)/)
    expect(confirmationText('delete', [bare], CONNECTIONS.prefactor!)).toMatch(/^Delete Unnamed p2 in Globex · Agents\?/)
    expect(confirmationText('disable', [token('mpt', 'TKN-1', { displayName: 'ignored' })], CONNECTIONS.mpt!)).toMatch(/^Disable “Token TKN-1” in/)
  })

  it('uses it in toasts too, isolated with hidden characters shown', () => {
    expect(plainTokenName(unnamed)).toBe('“\u2068Agent <U+202E>bot\u2069” (\u2068p1\u2069)')
    expect(plainTokenName(bare)).toBe('Unnamed \u2068p2\u2069')
  })
})

describe('a token named in a note', () => {
  it('renders the display name in italics, isolated, with the id (reveal and copy notes)', () => {
    const wrapper = mount(TokenWhere, { props: { token: unnamed, connection: CONNECTIONS.prefactor! } })
    const em = wrapper.find('em.td-local-name')
    expect(em.find('bdi[dir=auto]').exists()).toBe(true)
    expect(em.text()).toBe('Agent U+202Ebot')
    expect(wrapper.text()).toMatch(/^“Agent U\+202Ebot \(p1\)” for Globex · Agents$/)
    expect(mount({ render: () => h(TokenName, { token: bare }) }).text()).toBe('Unnamed p2')
  })

  it('names bulk results by the display name', async () => {
    const pinia = createTestingPinia({ createSpy: vi.fn })
    useMetaStore(pinia).byKey = new Map([[`${CONNECTIONS.prefactor!.id}/p1`, { owner: null, notes: null, tags: [], displayName: 'Agent bot', updatedAt: '' }]])
    const wrapper = mount(BulkResultDialog, {
      props: { results: [{ tokenId: 'p1', name: null, ok: true, message: null }], action: 'Suspend', connection: CONNECTIONS.prefactor! },
      global: { plugins: [pinia] },
      attachTo: document.body,
    })
    await vi.waitFor(() => expect(document.querySelector('[data-testid=bulk-results] em.td-local-name')?.textContent).toBe('Agent bot'))
    wrapper.unmount()
  })
})

describe('the old token of a replacement', () => {
  it('is named by its display name in the confirmations, the name it had when the replacement began first', () => {
    expect(replacedTokenRuns(null, unnamed)).toEqual(['“', { value: 'Agent \u202Ebot', local: true }, '” (', { value: 'p1' }, ')'])
    expect(replacedTokenRuns({ oldId: 'p1', oldName: null }, unnamed)).toEqual(['“', { value: 'Agent \u202Ebot', local: true }, '” (', { value: 'p1' }, ')'])
    expect(replacedTokenRuns({ oldId: 'p2', oldName: 'Deploy bot' }, bare)).toEqual(['“', { value: 'Deploy bot' }, '”'])
    expect(replacedTokenRuns({ oldId: 'p2', oldName: null }, bare)).toEqual(['Unnamed ', { value: 'p2' }])
  })
})
