/** The owner filter in the URL: `owner=` repeats, one value per owner; "No owner" stays its own key. */
import { describe, expect, it } from 'vitest'
import { filterFor } from '../../../electron/common/insights'
import { filterFromQuery, inventoryRoute, queryFromFilter } from '../../../electron/common/query-url'
import { DEFAULT_SORT, EMPTY_FILTER } from '../../../electron/common/token-query'

describe('owners in the URL', () => {
  it('reads a repeated owner= as several owners, each once in any case, and skips empty ones', () => {
    expect(filterFromQuery({ owner: ['Ana', 'Platform & Ops'] }).owners).toEqual(['Ana', 'Platform & Ops'])
    expect(filterFromQuery({ owner: 'Ana' }).owners).toEqual(['Ana'])
    expect(filterFromQuery({ owner: ['Ana', 'ana', ' ', null, ''] }).owners).toEqual(['Ana'])
    expect(filterFromQuery({}).owners).toEqual([])
  })

  it('round-trips several owners through the route query and the route string', () => {
    const filter = { ...EMPTY_FILTER, owners: ['Ana', 'Platform & Ops'], noOwner: true }
    const query = queryFromFilter(filter, DEFAULT_SORT)
    expect(query).toEqual({ owner: ['Ana', 'Platform & Ops'], noowner: '1' })
    expect(filterFromQuery(query)).toEqual(filter)
    const route = inventoryRoute({ owners: ['Ana', 'Platform & Ops'] })
    expect(route).toBe('/inventory?owner=Ana&owner=Platform+%26+Ops')
    const params = new URLSearchParams(route.split('?')[1])
    expect(filterFromQuery({ owner: params.getAll('owner') }).owners).toEqual(['Ana', 'Platform & Ops'])
  })

  it('keeps Insights’ “No owner” link: noowner=1 and no owner key', () => {
    const query = queryFromFilter({ ...EMPTY_FILTER, ...filterFor({ kind: 'noOwner' }).filter }, DEFAULT_SORT)
    expect(query).toEqual({ noowner: '1' })
    expect(filterFromQuery(query)).toEqual({ ...EMPTY_FILTER, noOwner: true })
  })
})
