import { describe, expect, it } from 'vitest'
import { accountIdProblem, baseUrlProblem, fieldErrors, newConnectionSchema } from '../../../electron/common/validation'

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
