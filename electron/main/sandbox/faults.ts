/**
 * Fault injection per route: the failure modes the adapters must survive. `hang` accepts the
 * request and never answers (a silent vendor; with `made`, one that acted on it first); `trickle` answers 200 and then sends its body a
 * byte at a time; `oversize` streams a huge body; `status` with a long `retryAfter` is a vendor
 * asking to wait an hour.
 */
import type { VendorName } from './model'

export const FAULT_KINDS = ['status', 'hang', 'reset', 'malformed', 'drift', 'redirect', 'trickle', 'oversize'] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

export interface Fault {
  kind: FaultKind
  /** For `status`: the HTTP status to answer with (e.g. 429, 503). */
  status?: number
  /** For `status`: a Retry-After header value in seconds. */
  retryAfter?: number
  /** For `trickle`: one byte of the body every so many ms (default 100), for as long as the client listens. */
  intervalMs?: number
  /** For `oversize`: the size of the (well-formed JSON) body, in MB (default 50). */
  sizeMB?: number
  /** For `hang`: the request is carried out first (the token made, say), then its answer never comes. */
  made?: boolean
  /** How many requests it hits before it clears itself; default: all. */
  times?: number
}

export type RouteName =
  | 'list'
  | 'get'
  | 'create'
  | 'update'
  | 'delete'
  | 'enable'
  | 'disable'
  | 'suspend'
  | 'activate'
  | 'revoke'

export type RouteKey = `${VendorName}:${RouteName}`

export class FaultTable {
  private readonly faults = new Map<RouteKey, Fault>()

  set(route: RouteKey, fault: Fault): void {
    this.faults.set(route, { ...fault })
  }

  clear(route?: RouteKey): void {
    if (route) this.faults.delete(route)
    else this.faults.clear()
  }

  /** The fault for this request, counting it down. */
  take(route: RouteKey): Fault | null {
    const fault = this.faults.get(route)
    if (!fault) return null
    if (fault.times !== undefined) {
      fault.times -= 1
      if (fault.times <= 0) this.faults.delete(route)
    }
    return fault
  }
}
