/**
 * The logging seam. Everything passes through `redact()` before it is written, so that an
 * Authorization header or a secret field can never reach a log line.
 */
export interface Logger {
  info(message: string, data?: Record<string, unknown>): void
  warn(message: string, data?: Record<string, unknown>): void
  error(message: string, data?: Record<string, unknown>): void
}

const SECRET_KEYS = /^(authorization|credential|secret|token|api_?token|api_?key|password)$/i
// A scheme word followed by something token-shaped (8+ chars), so prose like "basic Basic …" still redacts.
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=:-]{8,}/gi

export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]'
  if (typeof value === 'string') return value.replace(BEARER, '$1 [redacted]')
  if (value instanceof Error) {
    // Message only: stacks stay out of user-facing logs, and causes may hold request config.
    return { name: value.name, message: redactValue(value.message, depth + 1) }
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1))
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value)) {
      out[key] = SECRET_KEYS.test(key) ? '[redacted]' : redactValue(v, depth + 1)
    }
    return out
  }
  return value
}

export function redact(data: Record<string, unknown>): Record<string, unknown> {
  return redactValue(data, 0) as Record<string, unknown>
}

export type LogSink = (level: 'info' | 'warn' | 'error', line: string) => void

export function createLogger(sink: LogSink): Logger {
  const write =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, data?: Record<string, unknown>): void => {
      const safe = redactValue(message, 0) as string
      sink(level, data ? `${safe} ${JSON.stringify(redact(data))}` : safe)
    }
  return { info: write('info'), warn: write('warn'), error: write('error') }
}

export const consoleLogger: Logger = createLogger((level, line) => {
  const stamp = new Date().toISOString()
  // eslint-disable-next-line no-console
  console[level](`${stamp} [${level}] ${line}`)
})

export const silentLogger: Logger = createLogger(() => {})

/** The parts of an electron-log instance we use (main process, or `electron-log/node` in the CLI and tests). */
export interface ElectronLogLike {
  info(...params: unknown[]): void
  warn(...params: unknown[]): void
  error(...params: unknown[]): void
  hooks: Array<(message: { data: unknown[] }, transport?: unknown) => { data: unknown[] } | false>
}

/**
 * Our logger over electron-log: redaction runs before anything is handed to it, and again as an
 * electron-log hook, so a call that bypasses `createLogger` is redacted too.
 */
export function loggerOverElectronLog(log: ElectronLogLike): Logger {
  log.hooks.push((message) => ({ ...message, data: message.data.map((d) => redactValue(d)) }))
  return createLogger((level, line) => log[level](line))
}
