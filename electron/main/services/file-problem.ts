/**
 * The operating system refused a file or folder (no permission, not a directory, read-only, disk
 * full …): found anywhere in an error's cause chain, and told as the path plus the system's own
 * reason, so a person can fix it. Never a stack.
 */
import util from 'node:util'

const FILE_CODES = new Set([
  'EACCES', 'EPERM', 'ENOTDIR', 'EISDIR', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOENT', 'EEXIST',
  'ELOOP', 'ENAMETOOLONG', 'EMFILE', 'ENFILE', 'EBUSY', 'EIO', 'EXDEV', 'ETXTBSY', 'EFBIG',
])

/** The operating system's error behind `error`, if a file or folder operation failed. */
export function fileSystemError(error: unknown): NodeJS.ErrnoException | null {
  let current: unknown = error
  for (let depth = 0; current && depth < 6; depth++) {
    const e = current as NodeJS.ErrnoException
    if (typeof e.code === 'string' && FILE_CODES.has(e.code) && typeof e.path === 'string') return e
    current = (current as { cause?: unknown }).cause
  }
  return null
}

/** "permission denied (EACCES)": the system's words, then its code. */
export function osReason(error: NodeJS.ErrnoException): string {
  const describe = (util as { getSystemErrorMessage?: (errno: number) => string }).getSystemErrorMessage
  // Node's own message reads "EACCES: permission denied, open '…'" where the helper is missing.
  const text = (typeof error.errno === 'number' && describe ? describe(error.errno) : null) ?? new RegExp(`^${error.code}: ([^,]+),`).exec(error.message)?.[1]
  return text ? `${text} (${error.code})` : String(error.code)
}

/** One sentence naming the path and the reason; `subject` says what the path is to the user. */
export function fileProblemMessage(error: NodeJS.ErrnoException, subject?: { path: string; name: string }): string {
  // A write goes through `<file>.tmp-<pid>-<hex>`: name the file the user knows.
  const where = (error.path ?? '?').replace(/\.tmp-\d+-[0-9a-f]+$/, '')
  if (subject && where !== subject.path && isInside(where, subject.path)) {
    return `The ${subject.name} ${subject.path} cannot be used: ${osReason(error)} at ${where}.`
  }
  return subject && where === subject.path
    ? `The ${subject.name} ${subject.path} cannot be used: ${osReason(error)}.`
    : `Tokendesk cannot use ${where}: ${osReason(error)}.`
}

function isInside(file: string, dir: string): boolean {
  const d = dir.endsWith('/') || dir.endsWith('\\') ? dir : `${dir}${dir.includes('\\') ? '\\' : '/'}`
  return file.startsWith(d)
}
