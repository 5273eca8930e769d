/**
 * Input rules shared by the connection form (renderer) and the IPC layer (main), so that a
 * field error shown in the form is the same one main would return.
 */
import { z } from 'zod'
import { PROVIDER_IDS, PROVIDERS, VENDORS, type CreateTokenInput, type ProviderId, type UpdateTokenInput } from './providers'
import { fieldsSchema } from './vendors/descriptor'
import { LEAD_DAYS_BOUNDS, normaliseLeadDays } from './expiry-lead-times'
import { SETTING_BOUNDS, THEMES } from './model'
import { nameItems } from './plain-issues'
import { FINDINGS_FILTERS, SORT_KEYS, type FindingsFilter } from './token-query'
import { TOKEN_STATUSES } from './tokens'
import { hiddenCharacters } from './visible-text'

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

export function accountIdProblem(provider: ProviderId, value: string | null): string | null {
  const rule = PROVIDERS[provider].accountId
  if (value === null || value === '') return rule?.required ? 'Enter the account id.' : null
  if (!rule) return `${PROVIDERS[provider].name} has no account id.`
  return rule.pattern.test(value) ? null : `Expected ${rule.example}.`
}

/**
 * Why a name the user types (a connection's label, a client) cannot be kept: it holds a character
 * that shows as nothing or changes the text around it (a bidi override, a zero-width space, a
 * control character), so the same-looking name could be two names, or one that reads backwards.
 * Said with each character's code point, name and place, as the field's note says it. Ends are
 * trimmed first (a pasted line break or space at either end is dropped, as in every form).
 */
export function hiddenTextProblem(noun: string, value: string): string | null {
  const found = hiddenCharacters(value)
  if (found.length === 0) return null
  const shown = found.slice(0, 3).map((h) => `${h.label} ${h.name} at character ${h.position}`)
  const more = found.length > 3 ? `, and ${found.length - 3} more` : ''
  return found.length === 1
    ? `The ${noun} contains a hidden character (${shown[0]}); type it again without it.`
    : `The ${noun} contains ${found.length} hidden characters (${shown.join(', ')}${more}); type it again without them.`
}

/** A name the user types: trimmed, of at most 80 characters, with no hidden character in it. */
function typedName(noun: string) {
  return z
    .string()
    .trim()
    .max(80, `Keep the ${noun} under 80 characters.`)
    .superRefine((value, ctx) => {
      const problem = hiddenTextProblem(noun, value)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
}

const label = typedName('label').refine((v) => v.length > 0, 'Enter a label.')
const client = typedName('client name')
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

/** Expiry lead times: 1–6 whole days of 1–365, stored unique and largest first. */
export const leadDaysSchema = z
  .array(z.number().int().min(LEAD_DAYS_BOUNDS.min).max(LEAD_DAYS_BOUNDS.max))
  .min(1, 'Keep at least one lead time.')
  .max(LEAD_DAYS_BOUNDS.count, `At most ${LEAD_DAYS_BOUNDS.count} lead times.`)
  .transform(normaliseLeadDays)

export const settingsPatchSchema = z
  .object({
    theme: z.enum(THEMES),
    clipboardClearSec: bounded('clipboardClearSec'),
    revealHideSec: bounded('revealHideSec'),
    expiryLeadDays: leadDaysSchema,
    workOffline: z.boolean(),
    notifications: z.boolean(),
    lockIdleMinutes: bounded('lockIdleMinutes'),
    rotationMaxAgeDays: bounded('rotationMaxAgeDays'),
    unlockBeforeReveal: z.boolean(),
  })
  .partial()
  .strict()
export type SettingsPatch = z.input<typeof settingsPatchSchema>

/**
 * Zod issues → `{ field: message }`, first message per field; '' for the whole input. Parse with
 * `{ error: plainIssue }` (plain-issues.ts) so that no message is zod's own text.
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.filter((p) => typeof p !== 'number').join('.') || ''
    out[key] ??= issue.message
  }
  return out
}

/** A vendor's token id: TKN-1234-5678, a 20-character id, a 32-character id… */
export const tokenIdSchema = nameItems(z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'Not a token id.'), 'token', 'tokens', true)

/** The most tokens one bulk owner / tag edit takes: past the 200,000 the app is measured with (50,000 "select all" must pass). */
export const MAX_BULK_TOKENS = 250_000
/**
 * A selection across connections as it travels (`TokenSelection`): per connection its token ids.
 * 50,000 keys each with its connection id were 2 MB to copy across.
 */
export const tokenSelectionSchema = z
  .array(nameItems(z.object({ connectionId: connectionIdSchema, tokenIds: z.array(tokenIdSchema).min(1) }).strict(), 'token', 'tokens', true))
  .min(1)
  .max(10_000)
  .superRefine((groups, ctx) => {
    if (groups.reduce((n, g) => n + g.tokenIds.length, 0) > MAX_BULK_TOKENS)
      ctx.addIssue({ code: 'custom', message: `Too many tokens: at most ${MAX_BULK_TOKENS.toLocaleString('en-US')} tokens at once.`, params: { plain: true } })
  })

const creatable = VENDORS.filter((v) => v.create)
/** A new token: the fields of its vendor's create form (vendors/<vendor>.ts), tagged with the vendor. */
export const createTokenSchema = z.discriminatedUnion(
  'provider',
  creatable.map((v) => fieldsSchema(v.create!).extend({ provider: z.literal(v.id) })) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<CreateTokenInput>

/** The create form of one vendor, for the form itself. */
export function createSchemaFor(provider: ProviderId): z.ZodType {
  const fields = PROVIDERS[provider].create
  return fields ? fieldsSchema(fields).extend({ provider: z.literal(provider) }) : z.never()
}

const editSchemas = VENDORS.filter((v) => v.edit).map((v) => fieldsSchema(v.edit!))
/** An edit: the fields of an editable vendor's edit form (main checks it against the token's vendor). */
export const updateTokenSchema = (editSchemas.length === 1 ? editSchemas[0]! : z.union(editSchemas)) as unknown as z.ZodType<UpdateTokenInput>

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
    olderThanDays: z.number().int().min(1).max(3650).nullable().optional(),
    owners: z.array(z.string().max(200)).max(100),
    noOwner: z.boolean(),
    tag: z.string().max(200).nullable(),
    findings: z.enum(FINDINGS_FILTERS as [FindingsFilter, ...FindingsFilter[]]).nullable().optional(),
  })
  .strict()

export const tokenSortSchema = z.object({ key: z.enum(SORT_KEYS), dir: z.union([z.literal(1), z.literal(-1)]) }).strict()
