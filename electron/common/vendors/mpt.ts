/** SoftwareOne Marketplace Platform: what Tokendesk knows about it (its API client: electron/main/providers/mpt). */
import { z } from 'zod'
import { nameItems } from '../plain-issues'
import { defineVendor, NOT_DELETED, type FormField } from './descriptor'

const name = { key: 'name', label: 'Name', kind: 'text', schema: z.string().trim().min(1, 'Enter a name.').max(200, 'At most 200 characters.'), from: { token: 'name' } } as const satisfies FormField
const description = { key: 'description', label: 'Description', kind: 'textarea', emptyIsNull: true, schema: z.string().trim().max(2000, 'At most 2000 characters.').nullable(), from: { token: 'description' } } as const satisfies FormField
const moduleIds = {
  key: 'moduleIds',
  label: 'Modules',
  kind: 'choices',
  schema: z.array(nameItems(z.string().regex(/^MOD-[0-9-]{4,12}$/, 'Not a module id.'), 'module', 'modules')).min(1, 'Choose at least one module.').max(100),
  from: { vendorList: 'modules' },
} as const satisfies FormField

export const mpt = defineVendor({
  id: 'mpt',
  name: 'SoftwareOne Marketplace Platform',
  shortName: 'Marketplace',
  choiceName: 'SoftwareOne Marketplace',
  tone: 'blue',
  defaultBaseUrl: 'https://api.platform.softwareone.com/public',
  credentialLabel: 'API token',
  credentialHelp: 'Settings → API tokens in the Marketplace Platform. Starts with "idt:".',
  accountId: { required: false, hint: 'ACC-1234-5678', pattern: /^ACC-\d{4}-\d{4}$/, example: 'ACC-1234-5678' },
  portalUrl: 'https://platform.softwareone.com/settings/api-tokens',
  portalHosts: ['platform.softwareone.com', 'portal.platform.softwareone.com'],
  tracksLastUse: true,
  operations: ['list', 'get', 'create', 'update', 'readSecret'],
  actions: {
    enable: { from: ['disabled'], to: 'active' },
    disable: { from: ['active'], to: 'disabled' },
    delete: { from: NOT_DELETED, note: 'Deleting is permanent; the vendor keeps no way to restore it.' },
  },
  retire: ['disable', 'delete'],
  // Its secret can be read again at any time (GET …/api-tokens/{id}).
  secretShownOnce: false,
  create: [name, { ...moduleIds, placeholder: 'Choose modules' }, { ...description, hint: '(optional)' }],
  edit: [name, description, moduleIds],
  choicesFrom: 'modules',
  scopeCell: { plural: 'modules' },
  scopeTab: { title: 'Modules', section: { kind: 'list', intro: 'Platform modules this token can use within the account.', list: 'modules', empty: 'No modules.' } },
  // The account id: creating a token needs it.
  demo: { label: 'Contoso', withAccountId: true },
})
