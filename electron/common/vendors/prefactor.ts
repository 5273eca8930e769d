/** Prefactor: what Tokendesk knows about it (its API client: electron/main/providers/prefactor). */
import { z } from 'zod'
import { defineVendor, NOT_DELETED, type FormField } from './descriptor'
import { expiryField } from './fields'

const ID = /^[0-9a-hjkmnp-tv-z]{32}$/

const tokenScope = {
  key: 'tokenScope',
  label: 'Scope',
  kind: 'choice',
  half: true,
  options: ['account', 'environment', 'agent_deployment'].map((v) => ({ value: v, label: v.replace('_', ' ') })),
  initial: 'account',
  schema: z.string().trim().regex(/^[a-z_]{1,64}$/, 'Choose a scope.'),
  from: { vendor: 'token_scope' },
} as const satisfies FormField
const environmentId = {
  key: 'environmentId',
  label: 'Environment id',
  hint: '(optional)',
  kind: 'text',
  mono: true,
  half: true,
  emptyIsNull: true,
  schema: z.string().trim().regex(ID, 'A 32-character environment id.').nullable(),
  from: { vendor: 'environment_id' },
} as const satisfies FormField

export const prefactor = defineVendor({
  id: 'prefactor',
  name: 'Prefactor',
  shortName: 'Prefactor',
  choiceName: 'Prefactor',
  tone: 'purple',
  defaultBaseUrl: 'https://app.prefactorai.com',
  credentialLabel: 'API token',
  credentialHelp: 'An admin API token from Prefactor.',
  accountId: { required: false, hint: '32-character account id (defaults to the token’s account)', pattern: ID, example: 'a 32-character id' },
  portalUrl: 'https://app.prefactorai.com/settings/api-tokens',
  portalHosts: ['app.prefactorai.com'],
  tracksLastUse: true,
  operations: ['list', 'get', 'create'],
  actions: {
    suspend: { from: ['active'], to: 'suspended' },
    activate: { from: ['suspended'], to: 'active' },
    revoke: { from: ['active', 'suspended'], to: 'revoked' },
    // Prefactor deletes only revoked tokens.
    delete: { from: NOT_DELETED, first: 'revoke' },
  },
  retire: ['suspend', 'revoke', 'delete'],
  secretShownOnce: true,
  create: [tokenScope, environmentId, expiryField],
  edit: null,
  choicesFrom: null,
  scopeCell: { plural: 'scopes' },
  scopeTab: {
    title: 'Scope',
    section: {
      kind: 'fields',
      rows: [
        { label: 'Scope', value: { scope: 0 }, fallback: '—' },
        { label: 'Account', value: { vendor: 'account_id' }, mono: true, fallback: '—' },
        { label: 'Environment', value: { vendor: 'environment_id' }, mono: true, fallback: 'All environments' },
      ],
    },
  },
  demo: { label: 'Fabrikam', withAccountId: false },
})
