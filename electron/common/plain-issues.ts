/**
 * zod's own messages in the words Tokendesk speaks to users. A schema's hand-written message
 * ("Keep the label under 80 characters.") always wins; this map only replaces zod's defaults
 * ("Too big: expected array to have <=50000 items", "Invalid input: expected string, received
 * number"), which otherwise reach a user through an IPC call or a file refused. Passed per parse
 * (`safeParse(value, { error: plainIssue })`): the field is named in plain words, a limit is
 * said with its unit ("at most 250,000 tokens at once"), and never a schema path like `args[0].keys`.
 */
import type { z } from 'zod'

type Issue = z.core.$ZodRawIssue

interface Noun {
  one: string
  many: string
  /** A list of these is a selection acted on in one go: its limit is "at once". */
  selection: boolean
}
/** What the items of a list are called: one schema, one noun ("token", "tokens"). */
const NOUNS = new WeakMap<object, Noun>()

/**
 * Name the items a list of this schema holds: "Too many modules: at most 100 modules.", or for a
 * selection (`selection`) "Too many tokens: at most 1,000 tokens at once."
 */
export function nameItems<S extends z.ZodType>(schema: S, one: string, many: string, selection = false): S {
  NOUNS.set(schema, { one, many, selection })
  return schema
}

/** Fields by their key, as a sentence names them; any other key is split into words. */
const FIELDS: Record<string, string> = {
  label: 'the label',
  client: 'the client name',
  baseUrl: 'the base URL',
  accountId: 'the account id',
  credential: 'the credential',
  provider: 'the provider',
  owner: 'the owner',
  notes: 'the notes',
  tags: 'the tags',
  addTags: 'the tags to add',
  removeTags: 'the tags to remove',
  displayName: 'the display name',
  expiresAt: 'the expiry date',
  clipboardClearSec: 'the time before the clipboard is cleared (seconds)',
  revealHideSec: 'the time before a shown secret is hidden (seconds)',
  lockIdleMinutes: 'the idle time before Tokendesk locks (minutes)',
  rotationMaxAgeDays: 'the age at which a token is due for rotation (days)',
  expiryLeadDays: 'the expiry lead times',
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'a set of fields',
  record: 'a set of fields',
  date: 'a date',
  null: 'empty',
}

const count = (n: number | bigint): string => Number(n).toLocaleString('en-US')
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
const words = (key: string): string => `the ${key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase()}`
/** A key from the input, short and without control characters (it may be anything). */
const shownKey = (key: string): string => `“${key.replace(/[\p{C}]/gu, '?').slice(0, 40)}${key.length > 40 ? '…' : ''}”`

/** The field the issue is about, in words; null for a value with no name (a position in a call). */
function fieldOf(issue: Issue): string | null {
  const key = [...(issue.path ?? [])].reverse().find((p): p is string => typeof p === 'string')
  return key === undefined ? null : (FIELDS[key] ?? words(key))
}

/** The noun for a list's items when its item schema was named (`nameItems`). */
function itemsOf(issue: Issue): Noun | null {
  const element = (issue as { schema?: { _zod?: { def?: { element?: object } } } }).schema?._zod?.def?.element
  return (element && NOUNS.get(element)) || null
}

/** The plain sentence for one of zod's issues (never its default text, never its path). */
export function plainIssue(issue: Issue): string {
  const field = fieldOf(issue)
  const subject = capital(field ?? 'a value in this request')
  const origin = (issue as { origin?: string }).origin
  // A call's arguments are a tuple: too few or too many of them is the request's shape, not a list.
  const tuple = (issue.inst as { _zod?: { def?: { type?: string } } } | undefined)?._zod?.def?.type === 'tuple'
  if (tuple && (issue.code === 'too_small' || issue.code === 'too_big')) return `${field ? `${subject} has` : 'This request has'} ${issue.code === 'too_small' ? 'too few' : 'too many'} values.`
  switch (issue.code) {
    case 'too_big': {
      const max = count(issue.maximum)
      if (origin === 'array' || origin === 'set') {
        const items = itemsOf(issue)
        if (items) return `Too many ${items.many}: at most ${max} ${items.many}${items.selection ? ' at once' : ''}.`
        return `Too many entries in ${field ?? 'a list in this request'}: at most ${max}.`
      }
      if (origin === 'string') return `${subject} is too long: at most ${max} characters.`
      return `${subject} must be at most ${max}.`
    }
    case 'too_small': {
      const min = Number(issue.minimum)
      if (origin === 'array' || origin === 'set') {
        const items = itemsOf(issue)
        if (items) return min <= 1 ? `Choose at least one ${items.one}.` : `Choose at least ${count(min)} ${items.many}.`
        return min <= 1 ? `${subject} is empty.` : `Too few entries in ${field ?? 'a list in this request'}: at least ${count(min)}.`
      }
      if (origin === 'string') return min <= 1 ? `${subject} is empty.` : `${subject} is too short: at least ${count(min)} characters.`
      return `${subject} must be at least ${count(min)}.`
    }
    case 'invalid_type': {
      if (issue.input === undefined) return `${subject} is missing.`
      return `${subject} must be ${EXPECTED[issue.expected] ?? 'something else'}.`
    }
    case 'invalid_value': {
      const values = issue.values.slice(0, 8).map((v) => (typeof v === 'string' ? `“${v}”` : String(v)))
      return issue.values.length === 1 ? `${subject} must be ${values[0]}.` : `${subject} must be one of ${values.join(', ')}${issue.values.length > 8 ? ', …' : ''}.`
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.slice(0, 5).map(shownKey).join(', ')
      return `${field ? `${subject} has` : 'This has'} ${issue.keys.length === 1 ? 'a field' : 'fields'} Tokendesk does not know: ${keys}.`
    }
    case 'invalid_format':
      return issue.format === 'url' ? `${subject} must be a full web address.` : `${subject} is not in the expected form.`
    case 'not_multiple_of':
      return `${subject} must be a multiple of ${count(Number(issue.divisor))}.`
    case 'custom':
      // A check of ours that words its own sentence (e.g. a selection's total size).
      return (issue.params as { plain?: boolean } | undefined)?.plain && typeof issue.message === 'string' ? issue.message : `${subject} is not valid.`
    default:
      return `${subject} is not valid.`
  }
}
