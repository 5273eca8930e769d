/**
 * --secret-fd's check on real descriptors of this process: a file opened for writing passes;
 * one opened for reading, a folder, a device such as /dev/null, both ends of one pipe (what
 * libuv's own pipes look like), one that was not open when the CLI started, and an unopened
 * number are refused.
 */
import { execFileSync } from 'node:child_process'
import { closeSync, constants, openSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDescriptors, passedDescriptorProblem } from '../../../../electron/main/cli/fd-check'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

let dir: string
const opened: number[] = []
const open = (file: string, flags: string | number): number => {
  const fd = openSync(file, flags)
  opened.push(fd)
  return fd
}
beforeAll(async () => {
  dir = await makeTempDir('tokendesk-fd-')
})
afterAll(async () => {
  for (const fd of opened) closeSync(fd)
  await removeDir(dir)
})

describe.runIf(os.platform() === 'linux')('passedDescriptorProblem', () => {
  it('takes a descriptor open for writing that was there at start-up', () => {
    const fd = open(path.join(dir, 'out'), 'w')
    expect(passedDescriptorProblem(fd, { atStart: openDescriptors() })).toBeNull()
  })

  it('refuses one opened after start-up (the keychain’s socket, a vendor’s) as not passed', () => {
    const before = openDescriptors()!
    const fd = open(path.join(dir, 'later'), 'w')
    expect(passedDescriptorProblem(fd, { atStart: before })).toMatchObject({ notPassed: true, why: expect.stringMatching(/was not passed to Tokendesk/) })
  })

  it('refuses a read-only descriptor, a folder, and a number that is not open', () => {
    expect(passedDescriptorProblem(open(path.join(os.tmpdir(), '.'), 'r'), { atStart: null })?.why).toMatch(/is a folder/)
    expect(passedDescriptorProblem(open(__filename, 'r'), { atStart: null })?.why).toMatch(/open for reading only/)
    expect(passedDescriptorProblem(9999, { atStart: null })).toMatchObject({ notPassed: true, why: expect.stringMatching(/is not open/) })
  })

  it('refuses a device such as /dev/null: the write would succeed and the secret be kept nowhere', () => {
    for (const device of ['/dev/null', '/dev/zero']) {
      expect(passedDescriptorProblem(open(device, 'w'), { atStart: null })?.why).toMatch(/is a device \(such as \/dev\/null\), which keeps no secret/)
    }
  })

  it('refuses either end of a pipe whose other end is here too (what libuv’s own pipes are)', () => {
    const fifo = path.join(dir, 'fifo')
    execFileSync('mkfifo', [fifo])
    const readEnd = open(fifo, constants.O_RDONLY | constants.O_NONBLOCK)
    const writeEnd = open(fifo, 'w')
    const atStart = openDescriptors()
    expect(passedDescriptorProblem(writeEnd, { atStart })).toMatchObject({ notPassed: true })
    expect(passedDescriptorProblem(readEnd, { atStart })).toMatchObject({ notPassed: true })
  })

  it('refuses everything on Windows (use --secret-out)', () => {
    expect(passedDescriptorProblem(1, { platform: 'win32' })?.why).toMatch(/--secret-out/)
  })
})
