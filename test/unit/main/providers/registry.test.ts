import { describe, expect, it } from 'vitest'
import { PROVIDER_IDS, PROVIDERS } from '../../../../electron/common/providers'
import { CAPABILITIES } from '../../../../electron/common/tokens'
import { ADAPTERS } from '../../../../electron/main/providers/registry'

const METHOD: Record<string, string> = {
  get: 'get', create: 'create', update: 'update', delete: 'delete', readSecret: 'readSecret',
  enable: 'changeState', disable: 'changeState', suspend: 'changeState', activate: 'changeState', revoke: 'changeState',
}

describe('adapter registry', () => {
  it.each(PROVIDER_IDS)('%s implements exactly what its capability table offers', (id) => {
    const adapter = ADAPTERS[id]
    expect(adapter.id).toBe(id)
    expect(adapter.capabilities).toBe(PROVIDERS[id].capabilities)
    for (const cap of CAPABILITIES) {
      if (cap === 'list') continue
      const method = METHOD[cap]!
      const anyStateAction = ['enable', 'disable', 'suspend', 'activate', 'revoke'].some((a) => PROVIDERS[id].capabilities[a as keyof typeof PROVIDERS.mpt.capabilities])
      const expected = method === 'changeState' ? anyStateAction : PROVIDERS[id].capabilities[cap]
      expect(typeof (adapter as unknown as Record<string, unknown>)[method] === 'function', `${id}.${method}`).toBe(expected)
    }
  })
})
