/** Static facts about each supported vendor that both processes need (no behaviour here). */
import type { CapabilityTable } from './tokens'

export const PROVIDER_IDS = ['mpt', 'fynn', 'prefactor'] as const
export type ProviderId = (typeof PROVIDER_IDS)[number]

export interface ProviderInfo {
  id: ProviderId
  /** The vendor's name as users know it. */
  name: string
  /** Short name for dense places (badges, table cells). */
  shortName: string
  /** Name for choosers, where the full name would wrap. */
  choiceName: string
  defaultBaseUrl: string
  /** Whether the vendor scopes tokens by an account id the user may enter. */
  accountId: { supported: boolean; required: boolean; hint: string } | null
  /** What the user pastes as the credential, in the vendor's words. */
  credentialLabel: string
  credentialHelp: string
  /** Whether the vendor reports a token's last use (Fynn does not: "never used" is unknown there). */
  tracksLastUse: boolean
  /** The vendor's own page for API tokens, opened in the system browser. */
  portalUrl: string
  /** What its token API allows; the adapter implements exactly these (checked by a test). */
  capabilities: CapabilityTable
}

const caps = (...allowed: Array<keyof CapabilityTable>): CapabilityTable => ({
  list: allowed.includes('list'),
  get: allowed.includes('get'),
  create: allowed.includes('create'),
  update: allowed.includes('update'),
  enable: allowed.includes('enable'),
  disable: allowed.includes('disable'),
  suspend: allowed.includes('suspend'),
  activate: allowed.includes('activate'),
  revoke: allowed.includes('revoke'),
  delete: allowed.includes('delete'),
  readSecret: allowed.includes('readSecret'),
})

export const PROVIDERS: Record<ProviderId, ProviderInfo> = {
  mpt: {
    id: 'mpt',
    name: 'SoftwareOne Marketplace Platform',
    shortName: 'Marketplace',
    choiceName: 'SoftwareOne Marketplace',
    defaultBaseUrl: 'https://api.platform.softwareone.com/public',
    accountId: { supported: true, required: false, hint: 'ACC-1234-5678' },
    credentialLabel: 'API token',
    credentialHelp: 'Settings → API tokens in the Marketplace Platform. Starts with "idt:".',
    tracksLastUse: true,
    portalUrl: 'https://platform.softwareone.com/settings/api-tokens',
    capabilities: caps('list', 'get', 'create', 'update', 'enable', 'disable', 'delete', 'readSecret'),
  },
  fynn: {
    id: 'fynn',
    name: 'Fynn',
    shortName: 'Fynn',
    choiceName: 'Fynn',
    defaultBaseUrl: 'https://coreapi.io',
    accountId: null,
    credentialLabel: 'API key',
    credentialHelp:
      'Settings → Developer in the Fynn web app. Needs the user:api-token:read permission.',
    tracksLastUse: false,
    portalUrl: 'https://app.fynn.eu/settings/developer',
    // Only list and create are documented; delete happens in Fynn's web app.
    capabilities: caps('list', 'create'),
  },
  prefactor: {
    id: 'prefactor',
    name: 'Prefactor',
    shortName: 'Prefactor',
    choiceName: 'Prefactor',
    defaultBaseUrl: 'https://app.prefactorai.com',
    accountId: {
      supported: true,
      required: false,
      hint: '32-character account id (defaults to the token’s account)',
    },
    credentialLabel: 'API token',
    credentialHelp: 'An admin API token from Prefactor.',
    tracksLastUse: true,
    portalUrl: 'https://app.prefactorai.com/settings/api-tokens',
    capabilities: caps('list', 'get', 'create', 'suspend', 'activate', 'revoke', 'delete'),
  },
}

export function providerInfo(id: ProviderId): ProviderInfo {
  return PROVIDERS[id]
}
