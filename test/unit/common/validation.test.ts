import { describe, expect, it } from 'vitest'
import { accountIdProblem, baseUrlProblem, connectionPatchSchema, fieldErrors, newConnectionSchema } from '../../../electron/common/validation'

describe('baseUrlProblem', () => {
  it.each([
    'https://api.platform.softwareone.com/public',
    'https://coreapi.io',
    'http://localhost:8080',
    'http://127.0.0.1:4010/api',
    'http://127.8.9.10',
    'http://[::1]:9000',
  ])('accepts %s', (url) => expect(baseUrlProblem(url)).toBeNull())

  it.each([
    ['http://api.example.com', /https/],
    ['http://localhost.evil.com', /https/],
    ['http://127.0.0.1.nip.io', /https/],
    ['ftp://example.com', /https/],
    ['javascript:alert(1)', /https/],
    ['example.com', /full URL/],
    ['', /full URL/],
    ['https://user:pw@example.com', /user name or password/],
    ['https://example.com/?token=abc', /query/],
  ])('rejects %s', (url, message) => expect(baseUrlProblem(url)).toMatch(message))
})

describe('accountIdProblem', () => {
  it('checks each vendor’s id shape', () => {
    expect(accountIdProblem('mpt', 'ACC-1234-5678')).toBeNull()
    expect(accountIdProblem('mpt', 'acc-1')).toMatch(/ACC-1234-5678/)
    expect(accountIdProblem('prefactor', '013xrzp12g3nqk8ngskn1wtxgka5b0nf')).toBeNull()
    expect(accountIdProblem('prefactor', '013XRZP')).toMatch(/32-character/)
    expect(accountIdProblem('fynn', 'anything')).toMatch(/no account id/)
    expect(accountIdProblem('fynn', null)).toBeNull()
  })
})

describe('newConnectionSchema', () => {
  it('trims, strips a trailing slash and turns an empty account id into null', () => {
    const parsed = newConnectionSchema.parse({
      provider: 'prefactor',
      label: '  Agents  ',
      client: ' Acme ',
      baseUrl: 'https://app.prefactorai.com/',
      accountId: '',
      credential: ' tok_123 ',
    })
    expect(parsed).toEqual({
      provider: 'prefactor',
      label: 'Agents',
      client: 'Acme',
      baseUrl: 'https://app.prefactorai.com',
      accountId: null,
      credential: 'tok_123',
    })
  })

  it('refuses a label or client with a hidden character, naming it and where it is', () => {
    const base = { provider: 'fynn', label: 'Billing', client: 'Globex', baseUrl: 'https://coreapi.io', accountId: null, credential: 'abc' }
    const errorsOf = (patch: object) => {
      const result = newConnectionSchema.safeParse({ ...base, ...patch })
      return result.success ? {} : fieldErrors(result.error)
    }
    expect(errorsOf({ label: 'Prod\u202Egnp.exe' })).toEqual({
      label: 'The label contains a hidden character (U+202E RIGHT-TO-LEFT OVERRIDE at character 5); type it again without it.',
    })
    expect(errorsOf({ client: 'Ac\u200Bme\u0007' }).client).toBe(
      'The client name contains 2 hidden characters (U+200B ZERO WIDTH SPACE at character 3, U+0007 BELL at character 6); type it again without them.',
    )
    for (const hidden of ['\u2066', '\u200D', '\u00AD', '\uFEFF', '\u3164', '\u001B[31m', '\t', 'a\nb', '\u2028']) {
      expect(errorsOf({ label: `x${hidden}y` }).label, JSON.stringify(hidden)).toMatch(/^The label contains (a|\d+) hidden character/)
    }
    // The same rule on an edit (the window's Edit and the IPC patch), and only on what the patch holds.
    const patch = connectionPatchSchema.safeParse({ label: 'Ok', client: '\u202Dx' })
    expect(patch.success ? {} : fieldErrors(patch.error)).toEqual({ client: expect.stringContaining('U+202D LEFT-TO-RIGHT OVERRIDE') })
    expect(connectionPatchSchema.safeParse({ baseUrl: 'https://coreapi.io' }).success).toBe(true)
    // Ends are trimmed before the check (a pasted line break); visible letters of any script stay.
    expect(newConnectionSchema.parse({ ...base, label: 'Production\n', client: 'שלום Acme' })).toMatchObject({ label: 'Production', client: 'שלום Acme' })
  })

  it('refuses unknown fields and unknown providers', () => {
    const result = newConnectionSchema.safeParse({
      provider: 'github',
      label: 'x',
      client: '',
      baseUrl: 'https://x.io',
      accountId: null,
      credential: 'abc',
      extra: 1,
    })
    expect(result.success).toBe(false)
    if (!result.success) expect(Object.keys(fieldErrors(result.error))).toEqual(expect.arrayContaining(['provider']))
  })
})
