/** MPT payloads (test/fixtures/seeds/mpt-list-000/001.json). Shapes follow the published examples. */
import { z } from 'zod'
import { compiledPage } from '../compiled-page'
import { dateField, orNull, stringField, utcDate } from '../schema-helpers'

const person = z.object({ id: stringField, name: stringField }).nullish()
const auditEntry = z.object({ at: dateField, by: person }).nullish()

type Person = z.output<typeof person>
type AuditEntry = z.output<typeof auditEntry>
const normalPerson = (p: Person) => (p ? { id: orNull(p.id), name: orNull(p.name) } : null)
const normalEntry = (e: AuditEntry) => (e ? { at: utcDate(e.at), by: normalPerson(e.by) } : null)

const mptTokenFields = z.object({
  id: z.string().min(1),
  href: stringField,
  name: z.string(),
  description: stringField,
  icon: z.unknown().optional(),
  status: z.string(),
  lastAccessAt: dateField,
  /** The secret: MPT returns it on GET. Read only by readSecret, never kept in a Token. */
  token: z.string().nullish(),
  account: z.object({ id: z.string(), name: stringField }).nullish(),
  modules: z.array(z.object({ id: z.string(), name: stringField })).nullish(),
  audit: z.object({ created: auditEntry, updated: auditEntry }).nullish(),
})

/** The one transform per token (schema-helpers.ts): absent → null, dates in UTC. */
function normalMptToken(t: z.output<typeof mptTokenFields>) {
  return {
    id: t.id,
    href: orNull(t.href),
    name: t.name,
    description: orNull(t.description),
    icon: t.icon,
    status: t.status,
    lastAccessAt: utcDate(t.lastAccessAt),
    token: t.token,
    account: t.account && { id: t.account.id, name: orNull(t.account.name) },
    modules: (t.modules ?? []).map((m) => ({ id: m.id, name: orNull(m.name) })),
    audit: t.audit ? { created: normalEntry(t.audit.created), updated: normalEntry(t.audit.updated) } : null,
  }
}

export const mptTokenSchema = mptTokenFields.transform(normalMptToken)
export type MptToken = z.output<typeof mptTokenSchema>

export const mptListSchema = z.object({
  $meta: z
    .object({
      pagination: z
        .object({ offset: z.number().int().nonnegative(), limit: z.number().int(), total: z.number().int().nonnegative() })
        .partial()
        .nullish(),
      omitted: z.array(z.string()).nullish(),
    })
    .nullish(),
  data: z.array(mptTokenSchema),
})
export type MptList = z.output<typeof mptListSchema>
/** A list page, checked by the compiled rules (compiled-page.ts). */
export const mptListPage = compiledPage(mptListSchema, (page) => ({ $meta: page.$meta, data: page.data.map(normalMptToken) }))

/** RFC 7807-style error: `title`/`detail`, and `errors` as a map or a list of `{ message }`. */
export function mptErrorMessage(body: unknown): string | null {
  const parsed = z
    .object({
      title: z.string().nullish(),
      detail: z.string().nullish(),
      errors: z
        .union([
          z.record(z.string(), z.union([z.array(z.string()), z.string()])),
          z.array(z.object({ message: z.string() }).passthrough()),
        ])
        .nullish(),
    })
    .safeParse(body)
  if (!parsed.success) return null
  const { title, detail, errors } = parsed.data
  const details: string[] = []
  if (Array.isArray(errors)) details.push(...errors.map((e) => e.message))
  else if (errors) {
    for (const [field, messages] of Object.entries(errors)) {
      details.push(`${field}: ${Array.isArray(messages) ? messages.join(' ') : messages}`)
    }
  }
  const head = [title, detail].filter(Boolean).join(' — ')
  const text = [head, details.join('; ')].filter(Boolean).join(': ')
  return text || null
}
