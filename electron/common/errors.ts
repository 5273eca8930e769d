/**
 * The serialisable error envelope: the only shape in which a failure crosses IPC.
 * It carries a kind the UI can act on and a message a person can read; never a stack
 * trace and never a secret.
 */

export const ERROR_KINDS = [
  // Input and local state
  'validation',
  'conflict',
  'not_found',
  'keychain_unavailable',
  'corrupt_data',
  /** The operating system refused a file or folder (permissions, not a directory, disk full). */
  'file_access',
  'forbidden_sender',
  /** The app is locked: secrets are not handed out until it is unlocked. */
  'locked',
  'internal',
  // Vendor calls
  'auth',
  'permission',
  'rate_limited',
  'unavailable',
  'timeout',
  'offline',
  'tls',
  'unexpected_response',
  'cancelled',
] as const

export type ErrorKind = (typeof ERROR_KINDS)[number]

const VENDOR_KINDS: ReadonlySet<ErrorKind> = new Set(['auth', 'permission', 'rate_limited', 'unavailable', 'timeout', 'offline', 'tls', 'unexpected_response'])

/** The vendor's answer (or its silence), as opposed to a problem with the input or this computer. */
export function isVendorKind(kind: ErrorKind): boolean {
  return VENDOR_KINDS.has(kind)
}

export interface ErrorEnvelope {
  kind: ErrorKind
  /** One or two sentences for a person: what happened and what to do. */
  message: string
  /** Field name → message, for forms (validation errors). */
  fields?: Record<string, string>
  /** Seconds until a retry makes sense (rate limits). */
  retryAfterSec?: number
}

/** What every invoke channel resolves to: the value, or the envelope. Never a rejection. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorEnvelope }

