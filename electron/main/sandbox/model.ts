/** The sandbox's own records, kept in each vendor's wire shape plus the secret. */

export interface MptRecord {
  id: string
  href: string
  name: string
  description: string
  icon: string | null
  status: 'Active' | 'Disabled' | 'Deleted'
  lastAccessAt: string | null
  token: string
  account: { id: string; name: string }
  modules: Array<{ id: string; name: string }>
  audit: {
    created: { at: string; by: { id: string; name: string } }
    updated: { at: string; by: { id: string; name: string } }
  }
}

export interface FynnRecord {
  id: string
  description: string | null
  expiresAt: string | null
  createdAt: string
  updatedAt: string
  secret: string
}

export interface PrefactorRecord {
  id: string
  type: 'api_token'
  account_id: string
  environment_id: string | null
  created_by_admin_user_id: string | null
  token_scope: string
  status: 'active' | 'suspended' | 'revoked'
  expires_at: string | null
  inserted_at: string
  updated_at: string
  last_used_at: string | null
  secret: string
}

export interface SandboxAccount<T> {
  /** The Bearer credential that opens this account. */
  credential: string
  accountId: string
  accountName: string
  /** When set, every call answers 403 (a credential without the read permission). */
  forbidden?: boolean
  tokens: T[]
}

export interface SandboxData {
  mpt: Array<SandboxAccount<MptRecord>>
  fynn: Array<SandboxAccount<FynnRecord>>
  prefactor: Array<SandboxAccount<PrefactorRecord>>
}

export type VendorName = keyof SandboxData
export const VENDORS: readonly VendorName[] = ['mpt', 'fynn', 'prefactor']
