/** What each fake vendor implements for the sandbox server. */
import type { RouteName } from './faults'
import type { SandboxRequest, SandboxResponse } from './http-kit'
import type { SandboxAccount, VendorName } from './model'

export interface RouteMatch {
  name: RouteName
  handle(): SandboxResponse
}

export interface VendorApi<T> {
  vendor: VendorName
  /** Path prefix of the base URL (e.g. `/public` for MPT). */
  basePath: string
  errorBody(status: number, message: string, code?: string): unknown
  /** Match a request for an authenticated account; null → 404. */
  route(req: SandboxRequest, account: SandboxAccount<T>): RouteMatch | null
  /** The same answer with a field renamed or retyped, as when a vendor changes its schema. */
  drift(route: RouteName, body: unknown): unknown
  /** A token's secret, and whether it opens its account now (the sandbox's `tokenAuth`). */
  credentialOf(record: T): { secret: string; live: boolean }
}
