/**
 * The policy file, format 1: what it accepts, and every way it is refused — with the key's path
 * and what it expects, one line a problem — so a misspelt rule never passes silently.
 */
import { describe, expect, it } from 'vitest'
import { parsePolicy, parsePolicyText, RULE_KEYS } from '../../../../electron/common/policy'

const ISSUE_EXAMPLE = `{ "version": 1,
  "rules": { "maxAgeDays": 365, "requireExpiry": true, "maxLifetimeDays": 400,
             "unusedDays": 90, "requireOwner": true, "expiringWithinDays": 30 },
  "clients": { "Acme Corp": { "maxAgeDays": 180, "requireExpiry": false } } }`

const refusal = (json: unknown): string[] => {
  const parsed = parsePolicy(json)
  if (parsed.ok) throw new Error('expected a refusal')
  return parsed.lines
}
const textRefusal = (text: string): string[] => {
  const parsed = parsePolicyText(text)
  if (parsed.ok) throw new Error('expected a refusal')
  return parsed.lines
}

describe('the policy format', () => {
  it('reads the issue’s example as it is', () => {
    const parsed = parsePolicyText(ISSUE_EXAMPLE)
    expect(parsed).toEqual({
      ok: true,
      policy: {
        version: 1,
        rules: { maxAgeDays: 365, requireExpiry: true, maxLifetimeDays: 400, unusedDays: 90, requireOwner: true, expiringWithinDays: 30 },
        clients: { 'Acme Corp': { maxAgeDays: 180, requireExpiry: false } },
      },
    })
  })

  it('makes every rule optional, and rules and clients too', () => {
    expect(parsePolicy({ version: 1 })).toEqual({ ok: true, policy: { version: 1, rules: {}, clients: {} } })
    expect(parsePolicy({ version: 1, rules: { unusedDays: 0 } })).toMatchObject({ ok: true, policy: { rules: { unusedDays: 0 } } })
    // null in a client's entry: no limit for that client.
    expect(parsePolicy({ version: 1, clients: { Acme: { maxAgeDays: null } } })).toMatchObject({ ok: true, policy: { clients: { Acme: { maxAgeDays: null } } } })
    // A byte-order mark (an editor on Windows) is not a problem.
    expect(parsePolicyText('\uFEFF{"version":1}').ok).toBe(true)
  })

  it('refuses a misspelt rule, suggesting the rule meant', () => {
    expect(refusal({ version: 1, rules: { maxAgeDay: 365 } })).toEqual(['rules.maxAgeDay: unknown rule — did you mean maxAgeDays?'])
    expect(refusal({ version: 1, rules: { requireowner: true } })).toEqual(['rules.requireowner: unknown rule — did you mean requireOwner?'])
    expect(refusal({ version: 1, rules: { unsuedDays: 90 } })).toEqual(['rules.unsuedDays: unknown rule — did you mean unusedDays?'])
    expect(refusal({ version: 1, rules: { colour: 'red' } })).toEqual([`rules.colour: unknown rule — the rules are ${RULE_KEYS.join(', ')}`])
  })

  it('refuses an unknown key at the top, and one in a client’s entry', () => {
    expect(refusal({ version: 1, rule: {} })).toEqual(['rule: unknown key — did you mean rules?'])
    expect(refusal({ version: 1, owner: 'me' })).toEqual(['owner: unknown key — a policy has version, rules and clients'])
    expect(refusal({ version: 1, clients: { 'Acme Corp': { maxAgeDays: 180, requireExpiri: false } } })).toEqual([
      'clients.Acme Corp.requireExpiri: unknown rule — did you mean requireExpiry?',
    ])
  })

  it('refuses a wrong type with what the key expects', () => {
    expect(refusal({ version: 1, rules: { maxAgeDays: '365' } })).toEqual(['rules.maxAgeDays: expected a whole number of days ≥ 0'])
    expect(refusal({ version: 1, rules: { maxAgeDays: 36.5 } })).toEqual(['rules.maxAgeDays: expected a whole number of days ≥ 0'])
    expect(refusal({ version: 1, rules: { maxAgeDays: null } })).toEqual(['rules.maxAgeDays: expected a whole number of days ≥ 0'])
    expect(refusal({ version: 1, rules: { requireOwner: 'yes' } })).toEqual(['rules.requireOwner: expected true or false'])
    expect(refusal({ version: 1, clients: { 'Acme Corp': { requireExpiry: 1 } } })).toEqual(['clients.Acme Corp.requireExpiry: expected true or false'])
    expect(refusal({ version: 1, clients: { 'Acme Corp': { unusedDays: 'never' } } })).toEqual([
      'clients.Acme Corp.unusedDays: expected a whole number of days ≥ 0, or null for no limit for this client',
    ])
    expect(refusal({ version: 1, rules: [] })).toEqual(['rules: expected an object of rules, e.g. { "maxAgeDays": 365 }'])
    expect(refusal({ version: 1, clients: { Acme: 180 } })).toEqual(['clients.Acme: expected an object of rules for this client, e.g. { "maxAgeDays": 180 }'])
    expect(refusal({ version: 1, clients: [] })).toEqual(['clients: expected an object of client names, each with its rules'])
    expect(refusal([1])).toEqual(['expected a JSON object: { "version": 1, "rules": { … }, "clients": { … } }'])
  })

  it('refuses a negative number, and one no token could reach', () => {
    expect(refusal({ version: 1, rules: { unusedDays: -1 } })).toEqual(['rules.unusedDays: expected a whole number of days ≥ 0'])
    expect(refusal({ version: 1, clients: { Acme: { expiringWithinDays: -30 } } })).toEqual([
      'clients.Acme.expiringWithinDays: expected a whole number of days ≥ 0, or null for no limit for this client',
    ])
    expect(refusal({ version: 1, rules: { maxLifetimeDays: 1e9 } })).toEqual(['rules.maxLifetimeDays: expected at most 36500 days (100 years)'])
  })

  it('says every problem of a file, one line each', () => {
    expect(refusal({ version: 1, rules: { maxAgeDays: -1, requireOwner: 'no', maxAgeDay: 1 }, clients: { Acme: { x: 1 } } })).toEqual([
      'rules.maxAgeDays: expected a whole number of days ≥ 0',
      'rules.requireOwner: expected true or false',
      'rules.maxAgeDay: unknown rule — did you mean maxAgeDays?',
      `clients.Acme.x: unknown rule — the rules are ${RULE_KEYS.join(', ')}`,
    ])
  })

  it('refuses a missing or wrong version, and a newer one as made by a newer Tokendesk', () => {
    expect(refusal({ rules: {} })).toEqual(['version: missing — a policy starts with "version": 1'])
    expect(refusal({ version: '1' })).toEqual(['version: expected 1'])
    expect(refusal({ version: 0 })).toEqual(['version: expected 1'])
    // A later format may have rules this one does not know: only the version is said.
    expect(refusal({ version: 2, rules: { newRule: true } })).toEqual(['version: made by a newer Tokendesk (policy format 2); this Tokendesk reads format 1'])
  })

  it('refuses text that is not JSON, saying where', () => {
    expect(textRefusal('{ "version": 1,\n  "rules": { "maxAgeDays": 365, }\n}')).toEqual(['not valid JSON: expected double-quoted property name (line 2, column 33)'])
    expect(textRefusal('{ "version": 1')).toEqual(["not valid JSON: expected ',' or '}' after property value (line 1, column 15)"])
    expect(textRefusal('{ "version": ')).toEqual(['not valid JSON: it ends too early'])
    expect(textRefusal('')).toEqual(['not valid JSON: the file is empty'])
    expect(textRefusal('version: 1')[0]).toMatch(/^not valid JSON: unexpected token/)
  })

  it('refuses two entries for the same client in different case, and a __proto__ client', () => {
    expect(refusal({ version: 1, clients: { 'Acme Corp': {}, 'acme corp': { maxAgeDays: 1 } } })).toEqual([
      'clients.acme corp: the same client as "Acme Corp" (client names match in any case)',
    ])
    expect(textRefusal('{"version":1,"clients":{"__proto__":{"maxAgeDays":1}}}')).toEqual(['clients.__proto__: not a client name Tokendesk can match'])
  })

  it('shows a client name’s hidden characters in its path, and an empty one as ""', () => {
    expect(refusal({ version: 1, clients: { 'Acme\u202Egninrom': { requireOwner: 0 } } })).toEqual(['clients.Acme<U+202E>gninrom.requireOwner: expected true or false'])
    expect(refusal({ version: 1, clients: { '': { requireOwner: 0 } } })).toEqual(['clients."".requireOwner: expected true or false'])
  })
})
