/** An error a service throws on purpose: it already knows its envelope. */
import type { ErrorEnvelope, ErrorKind } from '../common/errors'
import type { z } from 'zod'
import { plainIssue } from '../common/plain-issues'
import { fieldErrors } from '../common/validation'

export class AppError extends Error {
  readonly kind: ErrorKind
  readonly fields?: Record<string, string>
  readonly retryAfterSec?: number

  constructor(
    kind: ErrorKind,
    message: string,
    extra: { fields?: Record<string, string>; retryAfterSec?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: extra.cause })
    this.name = 'AppError'
    this.kind = kind
    this.fields = extra.fields
    this.retryAfterSec = extra.retryAfterSec
  }

  toEnvelope(): ErrorEnvelope {
    const envelope: ErrorEnvelope = { kind: this.kind, message: this.message }
    if (this.fields) envelope.fields = { ...this.fields }
    if (this.retryAfterSec !== undefined) envelope.retryAfterSec = this.retryAfterSec
    return envelope
  }
}

/** Anything thrown → an envelope. Unknown errors become a generic message, never a stack. */
export function toEnvelope(error: unknown): ErrorEnvelope {
  if (error instanceof AppError) return error.toEnvelope()
  return {
    kind: 'internal',
    message: 'Something went wrong inside Tokendesk. Nothing was changed; details are in the log.',
  }
}

/** Validate service input; a failure is a `validation` AppError with per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value, { error: plainIssue })
  if (result.success) return result.data
  const fields = fieldErrors(result.error)
  throw new AppError('validation', Object.values(fields)[0] ?? 'The input was not valid.', { fields })
}
