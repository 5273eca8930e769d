/**
 * Fetch the first page, learn the total, then fetch the rest in parallel (the per-host limiter
 * keeps it polite). All pages or an error: one failed page aborts the others and fails the list.
 *
 * Adapters map a page's vendor tokens to Tokens in `items`, as the page arrives: the parsed page
 * is garbage once mapped, and only the Tokens are held until the list is complete (not a second,
 * vendor-shaped copy of the whole inventory).
 */
import { AppError } from '../app-error'
import type { PageProgress } from './provider'

export interface PagedFetch<P, T> {
  /** Page by zero-based index. */
  fetchPage(index: number, signal: AbortSignal): Promise<P>
  /** Number of pages, learnt from the first page. */
  pageCount(first: P): number
  items(page: P): T[]
  /** Identity for de-duplication when the collection shifts between pages. */
  idOf(item: T): string
  signal?: AbortSignal
  onProgress?: (p: PageProgress) => void
  /** Refuse absurd totals from a broken vendor rather than fire thousands of requests. */
  maxPages?: number
  /**
   * Extra work to run beside the remaining pages once the first page has succeeded (so a
   * failing vendor gets no extra requests); aborted with them if a page fails.
   */
  alongside?: (signal: AbortSignal) => Promise<void>
}

export async function fetchAllPages<P, T>(spec: PagedFetch<P, T>): Promise<T[]> {
  const controller = new AbortController()
  const onOuterAbort = (): void => controller.abort()
  spec.signal?.addEventListener('abort', onOuterAbort, { once: true })
  try {
    const first = await spec.fetchPage(0, controller.signal)
    const total = Math.max(1, spec.pageCount(first))
    const maxPages = spec.maxPages ?? 2000
    if (!Number.isFinite(total) || total > maxPages) {
      throw new AppError('unexpected_response', `The vendor reported ${total} pages; Tokendesk stops at ${maxPages}.`)
    }
    const byId = new Map<string, T>()
    let pagesDone = 1
    const add = (page: P): void => {
      for (const item of spec.items(page)) byId.set(spec.idOf(item), item)
    }
    add(first)
    spec.onProgress?.({ pagesDone, pagesTotal: total, tokens: byId.size })
    const extra = spec.alongside?.(controller.signal)
    const rest: Array<Promise<void>> = Array.from({ length: total - 1 }, (_, i) =>
      spec.fetchPage(i + 1, controller.signal).then((page) => {
        add(page)
        pagesDone += 1
        spec.onProgress?.({ pagesDone, pagesTotal: total, tokens: byId.size })
      }),
    )
    if (extra) rest.push(extra)
    try {
      await Promise.all(rest)
    } catch (error) {
      controller.abort()
      await Promise.allSettled(rest)
      throw error
    }
    return [...byId.values()]
  } finally {
    spec.signal?.removeEventListener('abort', onOuterAbort)
  }
}

