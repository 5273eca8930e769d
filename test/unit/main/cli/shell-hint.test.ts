import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { connectionArg, shellWord } from '../../../../electron/main/cli/context'

/** What a POSIX shell makes of a pasted word: the argument the command would get. */
const asShellReads = (word: string): string => execFileSync('sh', ['-c', `printf '%s' ${word}`], { encoding: 'utf8' })

describe('the commands the CLI tells the user to run', () => {
  it('quote a label so the shell passes it unchanged: $( ), backticks, quotes, spaces', () => {
    for (const label of ['Production', 'Acme EU', 'it’s $(touch /tmp/pwned) `id`', "O'Brien's \"prod\"", 'a;b|c&d', '$HOME']) {
      expect(asShellReads(shellWord(label))).toBe(label)
      expect(asShellReads(connectionArg({ id: 'c-1', label }))).toBe(label)
    }
    expect(shellWord('Production')).toBe('Production')
  })

  it('name a connection whose label has hidden or control characters by its id (the shown text could not be pasted)', () => {
    expect(connectionArg({ id: 'c-1', label: 'Evil\u202ELabel' })).toBe('c-1')
    expect(connectionArg({ id: 'c-1', label: 'Red\u001b[31m' })).toBe('c-1')
    expect(connectionArg({ id: 'c-1', label: 'Zero\u200Bwidth' })).toBe('c-1')
  })
})
