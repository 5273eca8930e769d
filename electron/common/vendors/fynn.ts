/** Fynn: what Tokendesk knows about it (its API client: electron/main/providers/fynn). */
import { z } from 'zod'
import { defineVendor, type FormField } from './descriptor'
import { expiryField } from './fields'

const description = {
  key: 'description',
  label: 'Description',
  hint: '(optional)',
  kind: 'textarea',
  emptyIsNull: true,
  schema: z.string().trim().max(255, 'At most 255 characters.').nullable(),
  from: { token: 'description' },
} as const satisfies FormField

export const fynn = defineVendor({
  id: 'fynn',
  name: 'Fynn',
  shortName: 'Fynn',
  choiceName: 'Fynn',
  tone: 'green',
  defaultBaseUrl: 'https://coreapi.io',
  credentialLabel: 'API key',
  credentialHelp: 'Settings → Developer in the Fynn web app. Needs the user:api-token:read permission.',
  accountId: null,
  portalUrl: 'https://app.fynn.eu/settings/developer',
  portalHosts: ['app.fynn.eu', 'coreapi.io'],
  tracksLastUse: false,
  // Only list and create are documented; delete happens in Fynn's web app.
  operations: ['list', 'create'],
  actions: {},
  retire: [],
  secretShownOnce: true,
  create: [description, expiryField],
  edit: null,
  choicesFrom: null,
  scopeCell: { fixed: { label: 'Creator’s rights', title: 'A Fynn token has the rights of the user who created it' } },
  scopeTab: { title: 'Scope', section: { kind: 'text', text: 'A Fynn token has the same rights as the user who created it; Fynn does not scope it further.' } },
  demo: { label: 'Northwind', withAccountId: false },
})
