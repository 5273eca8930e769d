/** Every vendor's API client. Adding a vendor: its folder beside these, its descriptor (common/vendors/), a line here and in common/providers.ts. */
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
