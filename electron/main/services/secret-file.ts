/**
 * A secret written to a file the user named (`--secret-out FILE`) goes first to a temp beside it
 * (`<file>.tmp-<pid>-<random>`, 0600) and is hard-linked to FILE only once written whole and
 * synced: FILE never exists empty or half-written, even when the process is killed, and the link
 * never replaces a file that appeared meanwhile. After a stop, `stoppedWriteLeft` removes the
 * temps of processes that are gone and says what FILE holds, for the rotation's note.
 */
import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, linkSync, lstatSync, openSync, readdirSync, rmSync, unlinkSync, writeSync } from 'node:fs'
import path from 'node:path'
import { processAlive, TEMP_NAME } from './atomic-file'

export const secretTempOf = (file: string): string => `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`

/** Filesystems without hard links (FAT, exFAT, some network shares): FILE is then written in place. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'])

/**
 * The temp, written and synced, becomes FILE: linked (refused with EEXIST if FILE appeared), then
 * the temp removed. Where links are not supported FILE is created exclusively and written.
 */
export function publishSecretFile(temp: string, file: string, bytes: Buffer): void {
  try {
    linkSync(temp, file)
  } catch (error) {
    if (!NO_LINKS.has((error as NodeJS.ErrnoException).code ?? '')) throw error
    const fd = openSync(file, 'wx', 0o600)
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done)
      fsyncSync(fd)
    } catch (again) {
      closeSync(fd)
      rmSync(file, { force: true })
      throw again
    }
    closeSync(fd)
  }
  unlinkSync(temp)
}

/**
 * What FILE holds after the command that was to write a secret to it stopped: nothing ('absent'),
 * an empty file ('empty', as an older Tokendesk left when killed) or something ('written'). The
 * temps beside it of processes that are gone are removed: one that holds a secret holds a
 * successor's that the rotation removes, or says is lost.
 */
export function stoppedWriteLeft(file: string): 'absent' | 'empty' | 'written' {
  const dir = path.dirname(file)
  const prefix = `${path.basename(file)}.tmp-`
  let names: string[] = []
  try {
    names = readdirSync(dir)
  } catch {
    // an unreadable folder: nothing to sweep
  }
  for (const name of names) {
    const pid = Number(TEMP_NAME.exec(name)?.[1] ?? NaN)
    if (name.startsWith(prefix) && Number.isInteger(pid) && !processAlive(pid)) rmSync(path.join(dir, name), { force: true })
  }
  try {
    return lstatSync(file).size === 0 ? 'empty' : 'written'
  } catch {
    return 'absent'
  }
}
