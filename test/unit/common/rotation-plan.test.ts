import { describe, expect, it } from 'vitest'
import { PROVIDERS } from '../../../electron/common/providers'
import { rotationPlan, successorInput } from '../../../electron/common/rotation'
import type { Token } from '../../../electron/common/tokens'
import { acme } from '../../fixtures/fourth-vendor/descriptor'

const now = new Date('2026-11-24T10:00:00.000Z')
const base: Pick<Token, 'name' | 'description' | 'expiresAt' | 'createdAt' | 'vendor'> = {
  name: 'Billing export',
  description: 'Nightly <b>export</b>',
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-04-01T00:00:00.000Z', // 90 days
  vendor: {},
}

describe('the rotation plan comes from each vendor’s descriptor', () => {
  it('retires the least destructive way first, deletes last, and says when only the vendor’s page can', () => {
    expect(rotationPlan(PROVIDERS.mpt)).toMatchObject({ retire: 'disable', finish: 'delete', byHand: false })
    expect(rotationPlan(PROVIDERS.prefactor)).toMatchObject({ retire: 'suspend', finish: 'delete', byHand: false })
    expect(rotationPlan(PROVIDERS.fynn)).toMatchObject({ retire: null, finish: null, byHand: true, portalUrl: PROVIDERS.fynn.portalUrl })
    // A vendor added later gets its plan from its descriptor alone.
    expect(rotationPlan(acme)).toMatchObject({ retire: acme.retire[0], finish: acme.retire.at(-1) })
  })

  it('gives the successor the same attributes: MPT name, description, modules', () => {
    const token = { ...base, vendor: { modules: [{ id: 'MOD-1234', name: 'Billing' }, { id: 'MOD-5678', name: 'Catalog' }] } }
    expect(successorInput(PROVIDERS.mpt, token, now)).toEqual({
      input: { provider: 'mpt', name: 'Billing export', description: 'Nightly <b>export</b>', moduleIds: ['MOD-1234', 'MOD-5678'] },
      missing: [],
      problems: {},
    })
  })

  it('gives Fynn and Prefactor successors the same lifetime counted from today, and the same scope', () => {
    expect(successorInput(PROVIDERS.fynn, base, now).input).toEqual({ provider: 'fynn', description: 'Nightly <b>export</b>', expiresAt: '2027-02-22T10:00:00.000Z' })
    const env = '013xrzp12g3nqk8n7f8f9jbg8d18q7tm'
    const pf = { ...base, vendor: { token_scope: 'environment', environment_id: env } }
    expect(successorInput(PROVIDERS.prefactor, pf, now).input).toEqual({ provider: 'prefactor', tokenScope: 'environment', environmentId: env, expiresAt: '2027-02-22T10:00:00.000Z' })
    // Never expiring stays never expiring.
    expect(successorInput(PROVIDERS.fynn, { ...base, expiresAt: null }, now).input).toMatchObject({ expiresAt: null })
  })

  it('refuses to guess: a lifetime with no creation date, or attributes its own form would refuse', () => {
    expect(successorInput(PROVIDERS.fynn, { ...base, createdAt: null }, now).missing).toEqual(['expiresAt'])
    expect(successorInput(PROVIDERS.mpt, { ...base, vendor: { modules: [] } }, now).problems).toHaveProperty('moduleIds')
  })
})
