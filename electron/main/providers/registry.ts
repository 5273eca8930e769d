/** Every vendor Tokendesk speaks. Adding one: a folder beside these, an entry in common/providers.ts, a line here. */
import type { ProviderId } from '../../common/providers'
import { fynnAdapter } from './fynn'
import { mptAdapter } from './mpt'
import { prefactorAdapter } from './prefactor'
import type { ProviderAdapter } from './provider'

export const ADAPTERS: Readonly<Record<ProviderId, ProviderAdapter>> = {
  mpt: mptAdapter,
  fynn: fynnAdapter,
  prefactor: prefactorAdapter,
}

export function adapterFor(provider: ProviderId): ProviderAdapter {
  return ADAPTERS[provider]
}
