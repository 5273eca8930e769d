import { describe, expect, it, vi } from 'vitest'
import type { ProviderId } from '../../../electron/common/providers'
import { SearchTexts, searchText } from '../../../electron/common/search-texts'
import { DEFAULT_SORT, EMPTY_FILTER, SORT_KEYS, TokenFilterer, TokenSorter, filterTokens, firstSorted, sortTokens, type TokenFilter } from '../../../electron/common/token-query'
import { toTokenRow, type TokenMeta, type TokenRow } from '../../../electron/common/token-meta'
import type { Token } from '../../../electron/common/tokens'

const NOW = Date.parse('2026-11-23T12:00:00.000Z')
const DAY = 86_400_000
const at = (days: number) => new Date(NOW + days * DAY).toISOString()

function t(id: string, provider: ProviderId, patch: Partial<Token> = {}): Token {
  return {
    key: `c-${provider}/${id}`, connectionId: `c-${provider}`, provider, id, name: id, description: null, status: 'active',
    createdAt: at(-200), createdBy: null, updatedAt: null, lastUsedAt: at(-1), expiresAt: null, scope: [], isOwnCredential: false, vendor: {},
    ...patch,
  }
}

const meta = (patch: Partial<TokenMeta>): TokenMeta => ({ owner: null, notes: null, tags: [], displayName: null, updatedAt: at(-1), ...patch })

const TOKENS: Token[] = [
  t('expired', 'prefactor', { expiresAt: at(-2) }),
  t('today', 'prefactor', { expiresAt: at(0.5) }),
  t('in7', 'prefactor', { expiresAt: at(7) }),
  t('in30', 'fynn', { expiresAt: at(30), lastUsedAt: null, description: 'Quarterly Export' }),
  t('never', 'mpt', { lastUsedAt: null, status: 'disabled', createdBy: { id: 'USR-1', name: 'Ana Ruiz' } }),
  t('stale', 'mpt', { lastUsedAt: at(-120) }),
  t('fresh', 'mpt', { lastUsedAt: at(-3), status: 'deleted' }),
]
const connections = new Map([
  ['c-mpt', { label: 'Prod', client: 'Acme' }],
  ['c-fynn', { label: 'Billing', client: 'Globex' }],
  ['c-prefactor', { label: 'Agents', client: 'Globex' }],
])
const ids = (f: Partial<TokenFilter>) => filterTokens(TOKENS, { ...EMPTY_FILTER, ...f }, { now: NOW, connections, textOf: new SearchTexts().of }).map((x) => x.id)

describe('filterTokens', () => {
  it('searches name, id, description and creator, case-insensitively', () => {
    expect(ids({ text: 'quarterly' })).toEqual(['in30'])
    expect(ids({ text: 'ana ruiz' })).toEqual(['never'])
    expect(ids({ text: 'USR-1' })).toEqual(['never'])
    expect(ids({ text: '   ' })).toHaveLength(TOKENS.length)
  })

  it('filters by status, provider, client and connection', () => {
    expect(ids({ statuses: ['disabled', 'deleted'] })).toEqual(['never', 'fresh'])
    expect(ids({ providers: ['fynn'] })).toEqual(['in30'])
    expect(ids({ client: 'Globex' })).toEqual(['expired', 'today', 'in7', 'in30'])
    expect(ids({ connectionId: 'c-mpt' })).toEqual(['never', 'stale', 'fresh'])
  })

  it('filters by expiry: expired, within N days (today included), none', () => {
    expect(ids({ expiry: 'expired' })).toEqual(['expired'])
    expect(ids({ expiry: 'within', expiryDays: 7 })).toEqual(['today', 'in7'])
    expect(ids({ expiry: 'within', expiryDays: 30 })).toEqual(['today', 'in7', 'in30'])
    expect(ids({ expiry: 'none' })).toEqual(['never', 'stale', 'fresh'])
  })

  it('tells never used from not reported (Fynn does not report use)', () => {
    expect(ids({ usage: 'never' })).toEqual(['never'])
    expect(ids({ usage: 'unused', unusedDays: 90 })).toEqual(['never', 'stale'])
  })
})

describe('the user’s metadata in the query', () => {
  const rows = [
    toTokenRow(t('owned', 'mpt'), meta({ owner: 'Platform Team', tags: ['prod', 'CI'], notes: 'Nightly deploy from GitHub Actions' })),
    toTokenRow(t('other', 'mpt', { name: null }), meta({ owner: 'Data team', tags: ['prod'], displayName: 'Warehouse loader' })),
    toTokenRow(t('nobody', 'fynn'), meta({ tags: ['legacy'] })),
    toTokenRow(t('bare', 'prefactor', { name: null }), null),
  ]
  const of = (f: Partial<TokenFilter>) => filterTokens(rows, { ...EMPTY_FILTER, ...f }, { now: NOW, connections, textOf: new SearchTexts().of }).map((x) => x.id)

  it('searches owner, tags, notes and display name', () => {
    expect(of({ text: 'platform' })).toEqual(['owned'])
    expect(of({ text: 'ci' })).toEqual(['owned'])
    expect(of({ text: 'github actions' })).toEqual(['owned'])
    expect(of({ text: 'warehouse' })).toEqual(['other'])
    expect(of({ text: 'legacy' })).toEqual(['nobody'])
  })

  it('filters by owner and tag (whole value, any case) and by "no owner"', () => {
    expect(of({ owners: ['platform team'] })).toEqual(['owned'])
    expect(of({ owners: ['Platform'] })).toEqual([])
    expect(of({ noOwner: true })).toEqual(['nobody', 'bare'])
    expect(of({ tag: 'PROD' })).toEqual(['owned', 'other'])
    expect(of({ tag: 'prod', owners: ['Data team'] })).toEqual(['other'])
    expect(of({ tag: 'pro' })).toEqual([])
  })

  it('filters by several owners at once (any of them, any case), and by owners or nobody', () => {
    expect(of({ owners: ['DATA TEAM', 'platform team'] })).toEqual(['owned', 'other'])
    expect(of({ owners: ['data team', 'Data Team '] })).toEqual(['other'])
    expect(of({ owners: ['data team'], noOwner: true })).toEqual(['other', 'nobody', 'bare'])
    expect(of({ owners: ['', '  '] })).toEqual(['owned', 'other', 'nobody', 'bare'])
  })

  it('gives the filterer the same rows as filterTokens with these filters on', () => {
    const filterer = new TokenFilterer<TokenRow>()
    const ctx = { now: NOW, connections, textOf: new SearchTexts().of }
    for (const f of [{ noOwner: true }, { noOwner: true, text: 'leg' }, { tag: 'prod', text: 'w' }, { owners: ['data team'] }, { owners: ['Data team', 'PLATFORM TEAM'], noOwner: true }]) {
      const filter = { ...EMPTY_FILTER, ...f }
      expect(filterer.run(rows, filter, ctx, 1).map((x) => x.id), JSON.stringify(f)).toEqual(filterTokens(rows, filter, ctx).map((x) => x.id))
    }
  })

  it('sorts by owner (none last) and an unnamed token by its display name', () => {
    expect(sortTokens(rows, { key: 'owner', dir: 1 }, connections).map((x) => x.id)).toEqual(['other', 'owned', 'nobody', 'bare'])
    expect(sortTokens(rows, { key: 'name', dir: 1 }, connections).map((x) => x.id)).toEqual(['nobody', 'owned', 'other', 'bare'])
  })
})

describe('sortTokens', () => {
  it('sorts by dates with missing values last, either way', () => {
    const asc = sortTokens(TOKENS, { key: 'expiresAt', dir: 1 }, connections).map((x) => x.id)
    expect(asc.slice(0, 4)).toEqual(['expired', 'today', 'in7', 'in30'])
    const desc = sortTokens(TOKENS, { key: 'expiresAt', dir: -1 }, connections).map((x) => x.id)
    expect(desc.slice(0, 4)).toEqual(['in30', 'in7', 'today', 'expired'])
  })

  it('sorts by connection (client, then label) and by status order', () => {
    expect(sortTokens(TOKENS, { key: 'connection', dir: 1 }, connections).map((x) => x.connectionId)[0]).toBe('c-mpt')
    expect(sortTokens(TOKENS, { key: 'status', dir: 1 }, connections).map((x) => x.status).slice(-2)).toEqual(['disabled', 'deleted'])
  })

  it('puts empty values last in both directions: no name (or a blank one), no creator, no scope', () => {
    const list = [t('b', 'mpt', { name: 'Bravo' }), t('none', 'prefactor', { name: null }), t('blank', 'mpt', { name: '   ' }), t('a', 'mpt', { name: 'alpha', createdBy: { id: 'U', name: 'Zoe' }, scope: ['Billing'] })]
    for (const dir of [1, -1] as const) {
      const byName = sortTokens(list, { key: 'name', dir }, connections).map((x) => x.id)
      expect(byName.slice(2).sort()).toEqual(['blank', 'none'])
      expect(sortTokens(list, { key: 'createdBy', dir }, connections)[0]!.id).toBe('a')
      expect(sortTokens(list, { key: 'scope', dir }, connections)[0]!.id).toBe('a')
    }
    expect(sortTokens(list, { key: 'name', dir: -1 }, connections).map((x) => x.id).slice(0, 2)).toEqual(['b', 'a'])
  })

  it('sorts by client, and by default newest first', () => {
    expect(sortTokens(TOKENS, { key: 'client', dir: -1 }, connections)[0]!.connectionId).not.toBe('c-mpt')
    const made = [t('old', 'mpt', { createdAt: at(-9) }), t('new', 'mpt', { createdAt: at(-1) })]
    expect(sortTokens(made, DEFAULT_SORT, connections).map((x) => x.id)).toEqual(['new', 'old'])
  })

  it('handles 50,000 tokens', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => t(`id${i}`, 'mpt', { name: `token ${(i * 7919) % 50_000}` }))
    const sorted = sortTokens(many, { key: 'name', dir: 1 }, connections)
    expect(sorted[0]!.name).toBe('token 0')
    expect(sorted).toHaveLength(50_000)
  })
})

describe('firstSorted', () => {
  // Ties on every key (the same name and id in other connections too), empty values, blank names.
  const mixed = Array.from({ length: 400 }, (_, i) =>
    t(`id${i % 100}`, (['mpt', 'fynn', 'prefactor'] as const)[i % 3]!, {
      name: i % 11 === 0 ? null : i % 13 === 0 ? '  ' : `token ${i % 25}`,
      createdAt: at(-((i * 5) % 17)),
      lastUsedAt: i % 4 ? at(-((i * 3) % 9)) : null,
      expiresAt: i % 5 ? null : at((i % 29) - 10),
      status: (['active', 'disabled', 'deleted', 'unknown'] as const)[i % 4]!,
      createdBy: i % 6 ? { id: `USR-${i % 4}`, name: i % 12 ? `Person ${i % 3}` : null } : null,
      scope: i % 7 ? [`scope ${i % 2}`] : [],
    }),
  )

  it('gives the first rows of the full sort, in its order, for every key and direction', () => {
    for (const key of SORT_KEYS) {
      for (const dir of [1, -1] as const) {
        const full = sortTokens(mixed, { key, dir }, connections)
        for (const limit of [1, 7, 100, 400, 1000]) {
          expect(firstSorted(mixed, { key, dir }, connections, limit), `${key} ${dir} ${limit}`).toEqual(full.slice(0, limit))
        }
      }
    }
    expect(firstSorted(mixed, DEFAULT_SORT, connections, 0)).toEqual([])
  })
})

describe('TokenFilterer', () => {
  it('gives the same rows as filterTokens, typing forward and back, with other filters on', () => {
    const filterer = new TokenFilterer()
    const ctx = { now: NOW, connections, textOf: new SearchTexts().of }
    for (const f of [
      { text: '' },
      { text: 'n' },
      { text: 'ne' },
      { text: 'nev' },
      { text: 'ne' },
      { text: 'e', statuses: ['active' as const] },
      { text: 'st', client: 'Acme' },
      { text: '', expiry: 'within' as const, expiryDays: 30 },
    ]) {
      const filter = { ...EMPTY_FILTER, ...f }
      expect(filterer.run(TOKENS, filter, ctx, 1).map((x) => x.id), JSON.stringify(f)).toEqual(filterTokens(TOKENS, filter, ctx).map((x) => x.id))
    }
  })

  it('gives the same rows as a plain search for any text: letters, digits, separators, accents, symbols, in any case', () => {
    // The filterer passes over rows by the characters they hold (a bit mask); the plain search
    // (filterTokens) reads every string. Any disagreement is a row lost or a row too many.
    const rows = Array.from({ length: 400 }, (_, i) =>
      t(i % 2 ? `TKN-${i}-5165` : `T${i}`, 'mpt', { name: [`Zoë ${i}`, `ci_deploy-${i % 7}`, `Çağrı@host/${i}`, `plain ${i}`, `#${i} · ✓ 日本`][i % 5]!, description: i % 3 ? `desc ${i % 11}` : null }),
    )
    const ctx = { now: NOW, connections, textOf: new SearchTexts().of }
    // Every character the masks know, one by one (each its own bit, 31 the sign bit), then others.
    const known = [...'abcdefghijklmnopqrstuvwxyz0123456789 -_.@/']
    const queries = [...known, '5165', '3693-5', 'z', 'Z', 'ë', 'o', 'zo', 'zoë', '1', '12', '-', '_', 'ci_d', '@', '/', '@host/', 'ç', 'ğ', '#', '·', '✓', '日本', ' ', 'plain 3', 'desc 1', 'q', 'e 1', 'x9']
    const filterer = new TokenFilterer()
    // In order (typing forward narrows the last matches) and in reverse (each a fresh search).
    for (const text of [...queries, ...queries.toReversed(), 'p', 'pl', 'pla', 'plai', 'plain', 'plain ', 'plain 1', 'plain 19']) {
      const filter = { ...EMPTY_FILTER, text }
      expect(filterer.run(rows, filter, ctx, 1).map((x) => x.id), text).toEqual(filterTokens(rows, filter, ctx).map((x) => x.id))
    }
  })
})

describe('TokenSorter', () => {
  // Three connections' lists, replaced one at a time as a refresh of many does (new objects).
  const list = (connection: number, round: number) =>
    Array.from({ length: 300 }, (_, i) =>
      t(`id${(i * 7 + round) % 120}`, (['mpt', 'fynn', 'prefactor'] as const)[connection]!, {
        key: `c${connection}/${i}`,
        connectionId: `c${connection}`,
        name: i % 11 === 0 ? null : `token ${(i + round) % 25}`,
        createdAt: i % 9 ? at(-((i * 5 + round) % 17)) : null,
        expiresAt: i % 5 ? null : at((i % 29) - 10),
        status: (['active', 'disabled', 'deleted', 'unknown'] as const)[(i + round) % 4]!,
      }),
    )

  it('gives the full sort’s order while the lists change one at a time, for every key and direction', () => {
    for (const key of SORT_KEYS) {
      for (const dir of [1, -1] as const) {
        const sort = { key, dir }
        const sorter = new TokenSorter()
        const lists = [list(0, 0), list(1, 0), list(2, 0)]
        for (let step = 0; step < 7; step++) {
          if (step) lists[step % 3] = list(step % 3, step)
          if (step === 4) lists[1] = lists[1]!.slice(0, 120) // tokens gone
          const tokens = lists.flat()
          expect(sorter.sort([...lists], sort, connections), `${key} ${dir} step ${step}`).toEqual(sortTokens(tokens, sort, connections))
        }
      }
    }
  })

  it('gives the full sort’s order when a change makes new objects of the same tokens (a bulk owner change, a refresh with nothing new)', () => {
    const relabel = (rows: ReturnType<typeof list>, round: number) => rows.map((x, i) => (i % 2 ? { ...x, owner: `owner ${(i + round) % 7}`, tags: [`t${round}`] } : { ...x }))
    for (const key of SORT_KEYS) {
      for (const dir of [1, -1] as const) {
        const sort = { key, dir }
        const sorter = new TokenSorter()
        const lists = [list(0, 0), list(1, 0), list(2, 0)]
        for (let step = 0; step < 6; step++) {
          if (step) lists[step % 3] = relabel(lists[step % 3]!, step)
          const tokens = lists.flat()
          expect(sorter.sort([...lists], sort, connections), `${key} ${dir} step ${step}`).toEqual(sortTokens(tokens, sort, connections))
        }
      }
    }
  })

  it('gives the full sort’s order when label edits (rows that keep their places) and refreshes (rows that move) alternate', () => {
    for (const key of SORT_KEYS) {
      for (const dir of [1, -1] as const) {
        const sort = { key, dir }
        const sorter = new TokenSorter()
        const lists = [list(0, 0), list(1, 0), list(2, 0)]
        for (let step = 0; step < 9; step++) {
          const c = step % 3
          if (step % 2) lists[c] = lists[c]!.map((x, i) => (i % 3 ? x : { ...x, notes: `n${step}`, tags: [`t${step}`] })) // keeps every sort key
          else if (step) lists[c] = list(c, step)
          if (step === 5) lists[0] = lists[0]!.map((x, i) => (i === 4 ? { ...x, name: 'renamed' } : { ...x })) // one row moves
          expect(sorter.sort([...lists], sort, connections), `${key} ${dir} step ${step}`).toEqual(sortTokens(lists.flat(), sort, connections))
        }
      }
    }
  })

  it('gives the full sort’s order for one list of everything changed a few tokens at a time', () => {
    for (const key of SORT_KEYS) {
      const sort = { key, dir: 1 as const }
      const sorter = new TokenSorter()
      let all = [list(0, 0), list(1, 0)].flat()
      for (let step = 0; step < 4; step++) {
        if (step) all = all.map((x, i) => (i % (step + 2) ? x : { ...x, owner: `o${step}`, name: i % 3 ? x.name : `renamed ${i}` }))
        expect(sorter.sort([all], sort, connections), `${key} step ${step}`).toEqual(sortTokens(all, sort, connections))
      }
    }
  })

  it('puts a new object that sorts as the one it replaces in its place, without sorting the new objects again', () => {
    const sorter = new TokenSorter()
    const byName = { key: 'name' as const, dir: 1 as const }
    const lists = [list(0, 0), list(1, 0), list(2, 0)]
    sorter.sort([...lists], byName, connections)
    lists[1] = lists[1]!.map((x) => ({ ...x, owner: 'New owner' })) // 300 new objects, the same names
    let compares = 0
    const Collator = Intl.Collator
    const spy = vi.spyOn(Intl, 'Collator').mockImplementation(function (...args: ConstructorParameters<typeof Intl.Collator>) {
      const c = new Collator(...args)
      return { compare: (a: string, b: string) => (compares++, c.compare(a, b)) }
    } as unknown as typeof Intl.Collator)
    try {
      const tokens = lists.flat()
      expect(sorter.sort([...lists], byName, connections)).toEqual(sortTokens(tokens, byName, connections))
      compares = 0
      const again = [lists[0]!, lists[1]!.map((x) => ({ ...x, owner: 'Newer owner' })), lists[2]!]
      const sorted = sorter.sort(again, byName, connections)
      // Two comparisons each (its name, then the tie-break) against a sort of 300 and a merge into 900: thousands.
      expect(compares).toBeLessThanOrEqual(2 * 300)
      expect(sorted).toEqual(sortTokens(again.flat(), byName, connections))
      // Nothing changed: the same rows, not even looked at.
      const rows = sorter.sort(again, byName, connections)
      compares = 0
      expect(sorter.sort([...again], byName, connections)).toBe(rows)
      expect(compares).toBe(0)
    } finally {
      spy.mockRestore()
    }
  })

  it('under the findings sort, a new findings lookup re-sorts the tokens it keeps (the findings changed, not the tokens)', () => {
    const sort = { key: 'findings' as const, dir: 1 as const }
    const sorter = new TokenSorter()
    const tokens = [list(0, 0), list(1, 0)].flat()
    for (let round = 0; round < 4; round++) {
      const masks = new Map(tokens.filter((_, i) => (i + round) % 3 === 0).map((x, i) => [x.key, 1 + ((i + round) % 5)]))
      const findingsOf = (key: string): number => masks.get(key) ?? 0
      expect(sorter.sort([tokens], sort, connections, findingsOf), `round ${round}`).toEqual(sortTokens(tokens, sort, connections, findingsOf))
    }
  })

  it('works out the sort key of the new tokens only, not of the whole inventory again', () => {
    const sorter = new TokenSorter()
    const lists = [list(0, 0), list(1, 0), list(2, 0)]
    sorter.sort([...lists], DEFAULT_SORT, connections) // createdAt: a Date.parse per token
    lists[1] = list(1, 1)
    const parse = vi.spyOn(Date, 'parse')
    try {
      sorter.sort([...lists], DEFAULT_SORT, connections)
      expect(parse.mock.calls.length).toBeLessThanOrEqual(300)
    } finally {
      parse.mockRestore()
    }
  })
})

describe('SearchTexts', () => {
  it('makes the search text of a token object once, and a new object’s again', () => {
    const texts = new SearchTexts()
    const first = TOKENS.map(texts.of)
    expect(first).toEqual(TOKENS.map(searchText))
    expect(TOKENS.map(texts.of).every((text, i) => text === first[i])).toBe(true)
    const relabelled = { ...TOKENS[0]!, owner: 'Quarterly owner' }
    expect(texts.of(relabelled)).toContain('quarterly owner')
  })

  it('makes texts ahead of a search while there is time, and says where it stopped', () => {
    const texts = new SearchTexts()
    let asks = 0
    const many = Array.from({ length: 1000 }, (_, i) => ({ ...TOKENS[i % TOKENS.length]!, key: `k${i}` }))
    const stopped = texts.warm(many, 0, () => ++asks <= 2)
    expect(stopped).toBe(512)
    expect(texts.warm(many, stopped, () => true)).toBe(1000)
  })
})

describe('TokenFilterer over a changing inventory', () => {
  it('looks the search texts up only when there is something to search (not at each step of a refresh)', () => {
    let asked = 0
    const textOf = (t: (typeof TOKENS)[number]) => (asked++, searchText(t))
    const filterer = new TokenFilterer()
    for (let step = 0; step < 3; step++) filterer.run([...TOKENS], EMPTY_FILTER, { now: NOW, textOf, connections }, `step ${step}`)
    expect(asked).toBe(0)
    expect(filterer.run([...TOKENS], { ...EMPTY_FILTER, text: 'quarterly' }, { now: NOW, textOf, connections }, 'step 2').map((x) => x.id)).toEqual(['in30'])
    expect(asked).toBe(TOKENS.length)
  })
})
