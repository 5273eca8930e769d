/**
 * Whether descriptor N is one the caller passed to this process (`--secret-fd 3 3>file`), so a
 * secret written to it reaches the caller and nothing else.
 *
 * Node opens descriptors of its own (libuv's epoll, io_uring and eventfds, its signal and wake-up
 * pipes, /dev/null…); a number the shell never opened may be one of them, and writing a secret
 * there loses it (a live token nobody has) — closing one aborts Node. FD_CLOEXEC cannot tell them
 * apart: Node marks the inherited descriptors close-on-exec itself at start-up (strace shows
 * `fcntl(3, F_SETFD, FD_CLOEXEC)` before any script runs). So a descriptor is taken only if:
 * - it was open when Tokendesk's code started (`OPEN_AT_START`): the keychain's D-Bus socket and
 *   the vendors' sockets come later and are never candidates;
 * - it is a regular file, pipe or socket (Node's epoll, io_uring and eventfds are anonymous
 *   inodes of no such type; a device such as /dev/null would take the secret and keep it nowhere);
 * - a pipe of which this process does not hold another end (libuv's pipes are its own: both ends
 *   here);
 * - open for writing (Linux: `/proc/self/fdinfo/N`; Node's /dev/null is read-only), not a
 *   terminal, and not standard output or error under another number.
 * Linux lists descriptors in /proc/self/fd, macOS in /dev/fd; where neither exists the start-up
 * check is skipped. On macOS fdinfo is missing, so a write-only check is left to the write itself.
 * On Windows numbered descriptors are not passed this way at all, so --secret-fd is refused there.
 */
import { fstatSync, readdirSync, readFileSync, type Stats } from 'node:fs'
import { isatty } from 'node:tty'

const O_ACCMODE = 0o3
const O_RDONLY = 0

/** Flags of an open descriptor from /proc, or null where /proc cannot say. */
function procFlags(fd: number, procSelf: string): number | null {
  try {
    const line = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`${procSelf}/fdinfo/${fd}`, 'utf8'))
    return line ? parseInt(line[1]!, 8) : null
  } catch {
    return null
  }
}

const kindOf = (s: Stats): string => (s.isDirectory() ? 'a folder' : s.isSymbolicLink() ? 'a link' : s.isBlockDevice() ? 'a block device' : 'not a file, pipe, socket or device')

const sameFile = (a: Stats, b: Stats | null): boolean => !!b && a.dev === b.dev && a.ino === b.ino

const statOf = (fd: number): Stats | null => {
  try {
    return fstatSync(fd)
  } catch {
    return null
  }
}

export interface FdProblem {
  /** Why the descriptor is refused, as a sentence. */
  why: string
  /** The descriptor was never passed to this process (not open, or Node's own): what npm run does. */
  notPassed: boolean
}

/** The descriptors open in this process now, or null where the system cannot list them. */
export function openDescriptors(platform: NodeJS.Platform = process.platform): Set<number> | null {
  for (const dir of platform === 'linux' ? ['/proc/self/fd'] : platform === 'win32' ? [] : ['/dev/fd']) {
    try {
      // The listing's own descriptor is closed again by now: only those still open count.
      return new Set(readdirSync(dir).map(Number).filter((fd) => Number.isInteger(fd) && statOf(fd) !== null))
    } catch {
      // not there: try the next way
    }
  }
  return null
}

/** Open when this module was first loaded: before the CLI opened anything of its own. */
export const OPEN_AT_START = openDescriptors()

/**
 * Whether both ends of this pipe are in this process: libuv's wake-up and signal pipes. With
 * /proc, that is a read end and a write end of one pipe (a shell may leak a second copy of the
 * same end, e.g. bash's process substitution: that is still the caller's); without it, any second
 * descriptor on the same pipe counts.
 */
function selfPipe(fd: number, stats: Stats, candidates: Iterable<number>, access: (fd: number) => number | null): boolean {
  const mine = access(fd)
  for (const other of candidates) {
    if (other <= 2 || other === fd || !sameFile(stats, statOf(other))) continue
    const theirs = access(other)
    if (mine === null || theirs === null || (mine === O_RDONLY) !== (theirs === O_RDONLY)) return true
  }
  return false
}

const notPassed = (fd: number): FdProblem => ({ why: `Descriptor ${fd} was not passed to Tokendesk (it is one Node.js opened for itself): open it for Tokendesk, e.g. ${fd}>secret.txt.`, notPassed: true })

/** Null when the secret may be written to `fd`; else why not. `atStart`, `procSelf`: for tests. */
export function passedDescriptorProblem(fd: number, options: { platform?: NodeJS.Platform; atStart?: Set<number> | null; procSelf?: string } = {}): FdProblem | null {
  const { platform = process.platform, atStart = OPEN_AT_START, procSelf = '/proc/self' } = options
  if (platform === 'win32') return { why: 'On Windows a descriptor cannot be passed this way; use --secret-out FILE.', notPassed: false }
  const stats = statOf(fd)
  if (!stats) return { why: `Descriptor ${fd} is not open in this process: open it for Tokendesk, e.g. ${fd}>secret.txt.`, notPassed: true }
  if (atStart && !atStart.has(fd)) return notPassed(fd)
  // No file type at all: an anonymous inode (epoll, io_uring, eventfd) — Node's.
  if ((stats.mode & 0o170000) === 0) return notPassed(fd)
  if (!(stats.isFile() || stats.isFIFO() || stats.isSocket() || stats.isCharacterDevice())) return { why: `Descriptor ${fd} is ${kindOf(stats)}.`, notPassed: false }
  const access = (n: number): number | null => {
    const flags = platform === 'linux' ? procFlags(n, procSelf) : null
    return flags === null ? null : flags & O_ACCMODE
  }
  if (stats.isFIFO() && selfPipe(fd, stats, atStart ?? openDescriptors(platform) ?? [], access)) return notPassed(fd)
  if (access(fd) === O_RDONLY) return { why: `Descriptor ${fd} is open for reading only; open it for writing (${fd}>file).`, notPassed: false }
  if (isatty(fd)) return { why: `Descriptor ${fd} is a terminal; a secret is never shown on a screen.`, notPassed: false }
  // /dev/null, /dev/zero, /dev/kmsg…: the write "succeeds" and the secret is kept nowhere (or logged).
  if (stats.isCharacterDevice()) return { why: `Descriptor ${fd} is a device (such as /dev/null), which keeps no secret: open it on a file or a pipe (${fd}>file).`, notPassed: false }
  if (sameFile(stats, statOf(1))) return { why: `Descriptor ${fd} is standard output under another number; a secret never goes there.`, notPassed: false }
  if (sameFile(stats, statOf(2))) return { why: `Descriptor ${fd} is standard error under another number; a secret never goes there.`, notPassed: false }
  return null
}
