/** The vendors' own published examples (test/fixtures/seeds) parse with our schemas. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fynnListSchema } from '../../../../electron/main/providers/fynn/schemas'
import { mapFynnToken } from '../../../../electron/main/providers/fynn'
import { mapMptToken } from '../../../../electron/main/providers/mpt/mapper'
import { mptListSchema } from '../../../../electron/main/providers/mpt/schemas'
import { prefactorErrorMessage, prefactorListSchema } from '../../../../electron/main/providers/prefactor/schemas'
import { mapPrefactorToken } from '../../../../electron/main/providers/prefactor'

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../fixtures/seeds', name), 'utf8'))

describe('seed example payloads', () => {
  it.each(['mpt-list-000.json', 'mpt-list-001.json'])('MPT %s parses and maps', (name) => {
    const parsed = mptListSchema.parse(fixture(name))
    expect(parsed.data).toHaveLength(1)
    const token = mapMptToken('c1', parsed.data[0]!)
    expect(token).toMatchObject({ id: 'text', name: 'text', status: 'unknown', createdAt: expect.stringMatching(/^20\d\d-/), createdBy: { id: 'text', name: 'text' } })
    expect(token.scope).toEqual(['text'])
    expect(JSON.stringify(token)).not.toMatch(/"token"/)
  })

  it('Fynn 002 parses and maps (offset dates become UTC)', () => {
    const parsed = fynnListSchema.parse(fixture('fynn-list-002.json'))
    expect(parsed.meta.pagination.lastPage).toBe(123)
    expect(mapFynnToken('c1', parsed.data[0]!)).toMatchObject({ id: 'A1B2C3D4E5F6G7H8I9J0', name: 'My API token', expiresAt: '2021-01-01T00:00:00.000Z' })
  })

  it('Prefactor 003 parses and maps; its error shape is read', () => {
    const parsed = prefactorListSchema.parse(fixture('prefactor-list-003.json'))
    expect(parsed.pagination.item_count).toBe(200)
    expect(mapPrefactorToken('c1', parsed.summaries[0]!)).toMatchObject({ id: '013xrzp12g3nqk8n7f8f9jbg8d18q7tm', status: 'active', scope: ['account'] })
    expect(prefactorErrorMessage(fixture('prefactor-error-003.json'))).toBe('bad_request')
  })
})
