/**
 * Input rules shared by the connection form (renderer) and the IPC layer (main), so that a
 * field error shown in the form is the same one main would return.
 */
import { z } from 'zod'
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from './providers'
import { SETTING_BOUNDS, THEMES } from './model'
import { SORT_KEYS } from './token-query'
import { TOKEN_STATUSES } from './tokens'

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1'])

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname)
}

/** `https://` everywhere; plain `http://` only for loopback sandboxes. */
export function baseUrlProblem(value: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'Enter a full URL, e.g. https://api.example.com'
  }
  if (url.username || url.password) return 'The URL must not contain a user name or password.'
  if (url.search || url.hash) return 'The URL must not contain a query or fragment.'
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null
  return 'The URL must start with https:// (plain http:// is allowed only for localhost).'
}

const ACCOUNT_ID_PATTERNS: Partial<Record<ProviderId, { re: RegExp; example: string }>> = {
  mpt: { re: /^ACC-\d{4}-\d{4}$/, example: 'ACC-1234-5678' },
  prefactor: { re: /^[0-9a-hjkmnp-tv-z]{32}$/, example: 'a 32-character id' },
}

export function accountIdProblem(provider: ProviderId, value: string | null): string | null {
  if (value === null || value === '') {
    return PROVIDERS[provider].accountId?.required ? 'Enter the account id.' : null
  }
  if (!PROVIDERS[provider].accountId) return `${PROVIDERS[provider].name} has no account id.`
  const pattern = ACCOUNT_ID_PATTERNS[provider]
  if (pattern && !pattern.re.test(value)) return `Expected ${pattern.example}.`
  return null
}

const label = z
  .string()
  .trim()
  .min(1, 'Enter a label.')
  .max(80, 'Keep the label under 80 characters.')
const client = z.string().trim().max(80, 'Keep the client name under 80 characters.')
/** A pasted secret: one word, trimmed, of a sane length. `noun`: what the messages call it. */
function pastedSecret(noun: string) {
  return z
    .string()
    .trim()
    .min(1, `Paste the ${noun}.`)
    .max(8192, `That is too long to be a ${noun}.`)
    .refine((v) => !/\s/.test(v), `A ${noun} has no spaces or line breaks.`)
}

export const credentialSchema = pastedSecret('credential')

const baseUrl = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = baseUrlProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
  .transform((v) => v.replace(/\/+$/, ''))

const accountId = z
  .string()
  .trim()
  .max(64)
  .nullable()
  .transform((v) => (v === '' ? null : v))

const connectionFields = {
  provider: z.enum(PROVIDER_IDS, 'Choose a provider.'),
  label,
  client,
  baseUrl,
  accountId,
}

function checkAccountId(
  value: { provider?: ProviderId; accountId?: string | null },
  ctx: z.RefinementCtx,
): void {
  if (!value.provider) return
  const problem = accountIdProblem(value.provider, value.accountId ?? null)
  if (problem) ctx.addIssue({ code: 'custom', path: ['accountId'], message: problem })
}

export const newConnectionSchema = z
  .object({ ...connectionFields, credential: credentialSchema })
  .strict()
  .superRefine(checkAccountId)
export type NewConnection = z.input<typeof newConnectionSchema>

/** An edit: every field but the provider may change; the credential has its own channel. */
export const connectionPatchSchema = z
  .object({
    label: connectionFields.label,
    client: connectionFields.client,
    baseUrl: connectionFields.baseUrl,
    accountId: connectionFields.accountId,
  })
  .partial()
  .strict()
export type ConnectionPatch = z.input<typeof connectionPatchSchema>

export const connectionIdSchema = z.string().uuid('Not a connection id.')

const bounded = (key: keyof typeof SETTING_BOUNDS) =>
  z.number().int().min(SETTING_BOUNDS[key].min).max(SETTING_BOUNDS[key].max)

export const settingsPatchSchema = z
  .object({
    theme: z.enum(THEMES),
    clipboardClearSec: bounded('clipboardClearSec'),
    revealHideSec: bounded('revealHideSec'),
    expiryWarningDays: bounded('expiryWarningDays'),
    workOffline: z.boolean(),
    notifications: z.boolean(),
  })
  .partial()
  .strict()
export type SettingsPatch = z.input<typeof settingsPatchSchema>

/** Zod issues → `{ field: message }`, first message per field; '' for the whole input. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.filter((p) => typeof p !== 'number').join('.') || ''
    out[key] ??= issue.message
  }
  return out
}

/** A vendor's token id: TKN-1234-5678, a 20-character Fynn id, a 32-character Prefactor id… */
export const tokenIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'Not a token id.')

const futureOrNullDate = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), 'Enter a date.')
  .transform((v) => new Date(v).toISOString())
  .nullable()

export const createTokenSchema = z.discriminatedUnion('provider', [
  z
    .object({
      provider: z.literal('mpt'),
      name: z.string().trim().min(1, 'Enter a name.').max(200, 'At most 200 characters.'),
      description: z.string().trim().max(2000, 'At most 2000 characters.').nullable(),
      moduleIds: z.array(z.string().regex(/^MOD-[0-9-]{4,12}$/, 'Not a module id.')).min(1, 'Choose at least one module.').max(100),
    })
    .strict(),
  z
    .object({
      provider: z.literal('fynn'),
      description: z.string().trim().max(255, 'At most 255 characters.').nullable(),
      expiresAt: futureOrNullDate,
    })
    .strict(),
  z
    .object({
      provider: z.literal('prefactor'),
      tokenScope: z.string().trim().regex(/^[a-z_]{1,64}$/, 'Choose a scope.'),
      environmentId: z.string().trim().regex(/^[0-9a-hjkmnp-tv-z]{32}$/, 'A 32-character environment id.').nullable(),
      expiresAt: futureOrNullDate,
    })
    .strict(),
])

export const updateTokenSchema = z
  .object({
    name: z.string().trim().min(1, 'Enter a name.').max(200, 'At most 200 characters.'),
    description: z.string().trim().max(2000, 'At most 2000 characters.').nullable(),
    moduleIds: z.array(z.string().regex(/^MOD-[0-9-]{4,12}$/, 'Not a module id.')).min(1, 'Choose at least one module.').max(100),
  })
  .strict()

export const tokenActionSchema = z.enum(['enable', 'disable', 'suspend', 'activate', 'revoke', 'delete'])

export const tokenSecretSchema = pastedSecret('secret')

export const tokenFilterSchema = z
  .object({
    text: z.string().max(500),
    statuses: z.array(z.enum(TOKEN_STATUSES)).max(10),
    providers: z.array(z.enum(PROVIDER_IDS)).max(10),
    client: z.string().max(80).nullable(),
    connectionId: z.string().uuid().nullable(),
    expiry: z.enum(['any', 'expired', 'within', 'none']),
    expiryDays: z.number().int().min(1).max(3650),
    usage: z.enum(['any', 'never', 'unused']),
    unusedDays: z.number().int().min(1).max(3650),
  })
  .strict()

export const tokenSortSchema = z.object({ key: z.enum(SORT_KEYS), dir: z.union([z.literal(1), z.literal(-1)]) }).strict()
