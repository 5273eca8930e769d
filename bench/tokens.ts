/** Realistic normalised tokens in bulk: the sandbox's generators through the real mappers. */
import type { Token } from '../electron/common/tokens'
import { mapFynnToken } from '../electron/main/providers/fynn'
import { mapMptToken } from '../electron/main/providers/mpt/mapper'
import { mapPrefactorToken } from '../electron/main/providers/prefactor'
import { Random } from '../electron/main/sandbox/random'
import { fynnToken, mptToken, prefactorToken } from '../electron/main/sandbox/seed'

export function generateTokens(provider: 'mpt' | 'fynn' | 'prefactor', connectionId: string, count: number, seed = 1): Token[] {
  const r = new Random(seed)
  const now = Date.now()
  const account = { id: 'ACC-1000-2000', name: 'Bench' }
  return Array.from({ length: count }, () => {
    if (provider === 'mpt') {
      const { token: _secret, ...rest } = mptToken(r, account, now)
      return mapMptToken(connectionId, { ...rest, description: rest.description || null, token: null })
    }
    if (provider === 'fynn') return mapFynnToken(connectionId, fynnToken(r, now))
    return mapPrefactorToken(connectionId, prefactorToken(r, 'acc0', now))
  })
}
