/**
 * The admin's policy: `policy.json` in the data folder, or a file given with `--policy FILE`
 * (read-only). A missing `policy.json` is no policy (no findings); a missing `--policy` file is an
 * error. A file that does not validate is the admin's: it is never renamed or overwritten by a
 * read — its problems, one line each (common/policy), are the state, which the window shows in
 * Settings and the CLI as exit 2 (`PolicyInvalidError`, a validation error). `save` replaces the
 * whole document, validated, atomically and under the data folder's lock; `reload` takes in a
 * change another process or an editor made (DataFolderWatch), and `onChanged` tells of both.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { parsePolicy, parsePolicyText, pathText, problemLines, type Policy, type PolicyProblem } from '../../common/policy'
import { AppError } from '../app-error'
import { writeFileAtomic } from './atomic-file'
import type { DataLock } from './data-lock'
import { Emitter } from './emitter'
import { osReason } from './file-problem'
import type { Logger } from './logger'

export const POLICY_FILE = 'policy.json'

/** A policy is a few lines: a bigger file is not one (and is not read whole). */
export const POLICY_MAX_BYTES = 1_000_000

export type PolicyState =
  /** No `policy.json`: nothing is checked. */
  | { status: 'none'; file: string; readOnly: boolean }
  | { status: 'ok'; file: string; readOnly: boolean; policy: Policy; text: string }
  /** The file does not validate (or cannot be read): nothing is checked until it is fixed. `text`: as it is, for the editor. */
  | { status: 'invalid'; file: string; readOnly: boolean; lines: string[]; text: string | null }

/**
 * A policy that does not validate: a validation error (the CLI's exit 2) whose fields are its
 * problems by path — `rules.maxAgeDay` → `unknown rule — did you mean maxAgeDays?` — and whose
 * `lines` are the same as one line each.
 */
export class PolicyInvalidError extends AppError {
  readonly lines: string[]
  constructor(
    readonly file: string,
    problems: readonly PolicyProblem[],
  ) {
    const lines = problemLines(problems)
    const fields: Record<string, string> = {}
    problems.forEach((p, i) => {
      const key = p.path.length ? pathText(p.path) : 'policy'
      fields[key] ??= p.path.length ? lines[i]!.slice(key.length + 2) : lines[i]!
    })
    super('validation', `The policy ${file} is not valid; nothing was checked.`, { fields })
    this.name = 'PolicyInvalidError'
    this.lines = lines
  }
}

type Read = { status: 'missing' } | { status: 'text'; text: string } | { status: 'unreadable'; line: string }

export class PolicyStore {
  readonly file: string
  /** Given with --policy: read, never written. */
  readonly readOnly: boolean
  private current: PolicyState
  /** Why the current file does not validate (with `current.status === 'invalid'`). */
  private problems: PolicyProblem[] = []
  private readonly changed = new Emitter<PolicyState>()
  /** The policy changed: a save here, or a change another process or an editor made (`reload`). */
  readonly onChanged = this.changed.event

  constructor(
    dataDir: string,
    private readonly deps: { lock: DataLock; log: Logger; /** `--policy FILE`. */ file?: string },
  ) {
    this.readOnly = deps.file !== undefined
    this.file = deps.file !== undefined ? path.resolve(deps.file) : path.join(dataDir, POLICY_FILE)
    this.current = { status: 'none', file: this.file, readOnly: this.readOnly }
  }

  async init(): Promise<PolicyState> {
    ;[this.current, this.problems] = await this.readState()
    if (this.current.status === 'invalid') this.deps.log.warn('policy: the file does not validate', { file: this.file, problems: this.current.lines.length })
    return this.state()
  }

  state(): PolicyState {
    return { ...this.current }
  }

  /** The policy in force; null when there is none or it does not validate. */
  policy(): Policy | null {
    return this.current.status === 'ok' ? this.current.policy : null
  }

  /** The policy in force, or the error a policy that does not validate is (the CLI's exit 2). */
  require(): Policy | null {
    const s = this.current
    if (s.status === 'invalid') throw new PolicyInvalidError(this.file, this.problems)
    return s.status === 'ok' ? s.policy : null
  }

  /** Take in a change another process or an editor made. True when the state changed. */
  async reload(): Promise<boolean> {
    const [next, problems] = await this.readState()
    if (sameState(next, this.current)) return false
    this.current = next
    this.problems = problems
    this.changed.fire(this.state())
    return true
  }

  /**
   * Replace the policy with `input` — the file's text as the admin wrote it (kept as written), or
   * a policy object — once it validates; under the lock, atomically. `basedOn`: the text the
   * editor started from (null: no file); if the file changed since, nothing is written.
   */
  async save(input: string | unknown, options: { basedOn?: string | null } = {}): Promise<PolicyState> {
    if (this.readOnly) throw new AppError('conflict', `The policy ${this.file} was given with --policy; Tokendesk does not change it.`)
    const parsed = typeof input === 'string' ? parsePolicyText(input) : parsePolicy(input)
    if (!parsed.ok) throw new PolicyInvalidError(this.file, parsed.problems)
    const text = typeof input === 'string' ? (input.endsWith('\n') ? input : `${input}\n`) : `${JSON.stringify(parsed.policy, null, 2)}\n`
    if (Buffer.byteLength(text) > POLICY_MAX_BYTES) throw new AppError('validation', `A policy has at most ${POLICY_MAX_BYTES.toLocaleString('en')} bytes.`)
    return this.deps.lock.run(async () => {
      if (options.basedOn !== undefined) {
        const now = await this.read()
        const onDisk = now.status === 'text' ? now.text : now.status === 'missing' ? null : undefined
        if (onDisk !== options.basedOn) throw new AppError('conflict', `The policy ${this.file} was changed elsewhere since it was opened; nothing was saved. Open it again to see the change.`)
      }
      await writeFileAtomic(this.file, text)
      this.current = { status: 'ok', file: this.file, readOnly: false, policy: parsed.policy, text }
      this.problems = []
      this.changed.fire(this.state())
      return this.state()
    })
  }

  /**
   * No policy any more: the file is removed (under the lock). `basedOn`: the text the editor
   * showed; a file that has other text now was changed elsewhere, and is not removed unseen (one
   * already gone, or unreadable, is no change to lose).
   */
  async remove(options: { basedOn?: string | null } = {}): Promise<PolicyState> {
    if (this.readOnly) throw new AppError('conflict', `The policy ${this.file} was given with --policy; Tokendesk does not change it.`)
    return this.deps.lock.run(async () => {
      if (options.basedOn !== undefined) {
        const now = await this.read()
        if (now.status === 'text' && now.text !== options.basedOn) {
          throw new AppError('conflict', `The policy ${this.file} was changed elsewhere since it was opened; it was not removed.`)
        }
      }
      await fs.rm(this.file, { force: true })
      const was = this.current.status
      this.current = { status: 'none', file: this.file, readOnly: false }
      this.problems = []
      if (was !== 'none') this.changed.fire(this.state())
      return this.state()
    })
  }

  private async readState(): Promise<[PolicyState, PolicyProblem[]]> {
    const base = { file: this.file, readOnly: this.readOnly }
    const read = await this.read()
    const unreadable = (line: string): [PolicyState, PolicyProblem[]] => [{ ...base, status: 'invalid', lines: [line], text: null }, [{ path: [], message: line }]]
    // The admin named this file: its absence is a mistake to say, not "no policy".
    if (read.status === 'missing') return this.readOnly ? unreadable('the file does not exist') : [{ ...base, status: 'none' }, []]
    if (read.status === 'unreadable') return unreadable(read.line)
    const parsed = parsePolicyText(read.text)
    return parsed.ok ? [{ ...base, status: 'ok', policy: parsed.policy, text: read.text }, []] : [{ ...base, status: 'invalid', lines: parsed.lines, text: read.text }, parsed.problems]
  }

  private async read(): Promise<Read> {
    let handle: fs.FileHandle
    try {
      handle = await fs.open(this.file, 'r')
    } catch (error) {
      const e = error as NodeJS.ErrnoException
      if (e.code === 'ENOENT') return { status: 'missing' }
      return { status: 'unreadable', line: `the file cannot be read: ${osReason(e)}` }
    }
    try {
      const stat = await handle.stat()
      if (stat.isDirectory()) return { status: 'unreadable', line: 'it is a folder, not a file' }
      if (!stat.isFile()) return { status: 'unreadable', line: 'it is not a regular file' }
      if (stat.size > POLICY_MAX_BYTES) return { status: 'unreadable', line: `the file has ${stat.size.toLocaleString('en')} bytes; a policy has at most ${POLICY_MAX_BYTES.toLocaleString('en')}` }
      return { status: 'text', text: await handle.readFile('utf8') }
    } catch (error) {
      return { status: 'unreadable', line: `the file cannot be read: ${osReason(error as NodeJS.ErrnoException)}` }
    } finally {
      await handle.close()
    }
  }
}

function sameState(a: PolicyState, b: PolicyState): boolean {
  if (a.status !== b.status) return false
  if (a.status === 'ok' && b.status === 'ok') return a.text === b.text
  if (a.status === 'invalid' && b.status === 'invalid') return a.text === b.text && a.lines.join('\n') === b.lines.join('\n')
  return true
}
