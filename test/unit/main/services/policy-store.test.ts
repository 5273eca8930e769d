/**
 * The policy file (services/policy-store.ts): missing is no policy, an invalid file is the admin's
 * and is kept exactly as it is (its problems are the state), a save is validated and written
 * under the data folder's lock, a --policy file is read-only, and a change another process or an
 * editor makes is noticed (reload, and the data-folder watch).
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createServices } from '../../../../electron/main/services'
import { DataLock } from '../../../../electron/main/services/data-lock'
import { silentLogger } from '../../../../electron/main/services/logger'
import { POLICY_FILE, PolicyInvalidError, PolicyStore, type PolicyState } from '../../../../electron/main/services/policy-store'
import { MemorySecretStore } from '../../../fakes/memory-secret-store'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

const GOOD = '{ "version": 1,\n  "rules": { "maxAgeDays": 365 } }\n'
const BAD = '{ "version": 1, "rules": { "maxAgeDay": 365, "requireOwner": "yes" } }'

describe('PolicyStore', () => {
  let dir: string
  let file: string
  const store = (options: { file?: string } = {}) => new PolicyStore(dir, { lock: new DataLock(dir), log: silentLogger, ...options })
  beforeEach(async () => {
    dir = await makeTempDir()
    file = path.join(dir, POLICY_FILE)
  })
  afterEach(() => removeDir(dir))

  it('has no policy when policy.json is missing', async () => {
    const s = store()
    expect(await s.init()).toEqual({ status: 'none', file, readOnly: false })
    expect(s.policy()).toBeNull()
    expect(s.require()).toBeNull()
  })

  it('reads a valid file', async () => {
    await writeFile(file, GOOD)
    const s = store()
    expect(await s.init()).toMatchObject({ status: 'ok', policy: { version: 1, rules: { maxAgeDays: 365 }, clients: {} }, text: GOOD })
  })

  it('keeps an invalid file exactly as it is, and says each of its problems', async () => {
    await writeFile(file, BAD)
    const s = store()
    expect(await s.init()).toEqual({
      status: 'invalid', file, readOnly: false, text: BAD,
      lines: ['rules.requireOwner: expected true or false', 'rules.maxAgeDay: unknown rule — did you mean maxAgeDays?'],
    })
    expect(s.policy()).toBeNull()
    expect(await readFile(file, 'utf8')).toBe(BAD)
    expect(await readdir(dir)).toEqual([POLICY_FILE]) // not renamed, nothing set aside
    let thrown: unknown
    try {
      s.require()
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(PolicyInvalidError)
    expect(thrown).toMatchObject({
      kind: 'validation',
      message: `The policy ${file} is not valid; nothing was checked.`,
      fields: { 'rules.requireOwner': 'expected true or false', 'rules.maxAgeDay': 'unknown rule — did you mean maxAgeDays?' },
      lines: ['rules.requireOwner: expected true or false', 'rules.maxAgeDay: unknown rule — did you mean maxAgeDays?'],
    })
  })

  it('says why a file that is not JSON, too big, or a folder cannot be a policy', async () => {
    await writeFile(file, '{ "version": 1, }')
    expect(await store().init()).toMatchObject({ status: 'invalid', lines: ['not valid JSON: expected double-quoted property name (line 1, column 17)'] })
    await writeFile(file, ' '.repeat(1_000_001))
    expect(await store().init()).toMatchObject({ status: 'invalid', lines: ['the file has 1,000,001 bytes; a policy has at most 1,000,000'], text: null })
    const folder = path.join(dir, 'folder')
    await mkdir(folder)
    expect(await store({ file: folder }).init()).toMatchObject({ status: 'invalid', lines: ['it is a folder, not a file'] })
  })

  it('saves a valid policy as written, and refuses an invalid one without touching the file', async () => {
    await writeFile(file, BAD)
    const s = store()
    await s.init()
    const seen: PolicyState[] = []
    s.onChanged((state) => seen.push(state))
    await expect(s.save('{ "version": 1, "rules": { "unusedDays": -5 } }')).rejects.toMatchObject({ kind: 'validation', fields: { 'rules.unusedDays': 'expected a whole number of days ≥ 0' } })
    expect(await readFile(file, 'utf8')).toBe(BAD)
    expect(seen).toEqual([])
    // The admin fixes it in Settings: their text, as they wrote it.
    expect(await s.save(GOOD)).toMatchObject({ status: 'ok', policy: { rules: { maxAgeDays: 365 } } })
    expect(await readFile(file, 'utf8')).toBe(GOOD)
    expect(seen.map((x) => x.status)).toEqual(['ok'])
    // An object is written as JSON.
    await s.save({ version: 1, rules: { requireOwner: true } })
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, rules: { requireOwner: true }, clients: {} })
    expect((await readdir(dir)).filter((n) => n !== POLICY_FILE && n !== 'tokendesk.lock')).toEqual([]) // no temp file left
  })

  it('writes under the data folder’s lock: a save waits while another process holds it', async () => {
    const s = store()
    await s.init()
    const other = new DataLock(dir) // another process's lock on the same folder
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let inside!: () => void
    const entered = new Promise<void>((resolve) => (inside = resolve))
    const holding = other.run(async () => {
      inside()
      await held
    })
    await entered
    let saved = false
    const saving = s.save(GOOD).then(() => (saved = true))
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(saved).toBe(false)
    await expect(readFile(file, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' })
    release()
    await holding
    await saving
    expect(await readFile(file, 'utf8')).toBe(GOOD)
  })

  it('refuses to save over a change made since the editor opened the file', async () => {
    const s = store()
    await s.init()
    await writeFile(file, GOOD) // an editor, or another window
    await expect(s.save('{ "version": 1 }', { basedOn: null })).rejects.toMatchObject({ kind: 'conflict' })
    expect(await readFile(file, 'utf8')).toBe(GOOD)
    await s.save('{ "version": 1 }', { basedOn: GOOD })
    expect(await readFile(file, 'utf8')).toBe('{ "version": 1 }\n')
  })

  it('a remove based on text the file no longer has is a conflict: the file changed elsewhere stays', async () => {
    const s = store()
    await s.init()
    await s.save(GOOD)
    await writeFile(file, '{ "version": 1, "rules": { "unusedDays": 60 } }\n') // another process
    await expect(s.remove({ basedOn: GOOD })).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('it was not removed') })
    expect(await readFile(file, 'utf8')).toContain('unusedDays')
    expect(await s.remove({ basedOn: '{ "version": 1, "rules": { "unusedDays": 60 } }\n' })).toMatchObject({ status: 'none' })
    await expect(readFile(file, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' })
    expect(await s.remove({ basedOn: GOOD })).toMatchObject({ status: 'none' }) // already gone: nothing to lose
  })

  it('reads a --policy file but never writes it, and a missing one is an error, not "no policy"', async () => {
    const given = path.join(dir, 'ci-policy.json')
    await writeFile(given, GOOD)
    const s = store({ file: given })
    expect(await s.init()).toMatchObject({ status: 'ok', readOnly: true, file: given })
    await expect(s.save('{ "version": 1 }')).rejects.toMatchObject({ kind: 'conflict' })
    await expect(s.remove()).rejects.toMatchObject({ kind: 'conflict' })
    expect(await readFile(given, 'utf8')).toBe(GOOD)
    const missing = store({ file: path.join(dir, 'nope.json') })
    expect(await missing.init()).toMatchObject({ status: 'invalid', lines: ['the file does not exist'] })
    expect(() => missing.require()).toThrow(PolicyInvalidError)
    expect(() => missing.require()).toThrow(expect.objectContaining({ fields: { policy: 'the file does not exist' } }))
  })

  it('takes in a change another process made, and only a real one', async () => {
    const here = store()
    await here.init()
    const seen: string[] = []
    here.onChanged((state) => seen.push(state.status))
    const there = store()
    await there.init()
    await there.save(GOOD)
    expect(await here.reload()).toBe(true)
    expect(here.policy()).toMatchObject({ rules: { maxAgeDays: 365 } })
    expect(await here.reload()).toBe(false)
    await writeFile(file, BAD)
    expect(await here.reload()).toBe(true)
    await there.remove()
    expect(await here.reload()).toBe(true)
    expect(seen).toEqual(['ok', 'invalid', 'none'])
  })
})

describe('the policy in the services', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(() => removeDir(dir))

  it('notices an editor rewriting policy.json in place, says an invalid one until it is fixed', async () => {
    const services = await createServices({ dataDir: dir, secrets: new MemorySecretStore(), log: silentLogger })
    await services.watch.start()
    try {
      const file = path.join(dir, POLICY_FILE)
      await writeFile(file, BAD) // in place, as many editors save
      await vi.waitFor(() => expect(services.policy.state().status).toBe('invalid'), { timeout: 5000, interval: 20 })
      expect(services.notices.find((n) => n.id === 'policy-invalid')?.message).toBe(
        `The policy ${file} is not valid, so no token is checked against it: rules.requireOwner: expected true or false (and 1 more).`,
      )
      await writeFile(file, GOOD)
      await vi.waitFor(() => expect(services.policy.policy()).toMatchObject({ rules: { maxAgeDays: 365 } }), { timeout: 5000, interval: 20 })
      expect(services.notices.some((n) => n.id === 'policy-invalid')).toBe(false)
    } finally {
      services.watch.stop()
    }
  })

  it('says an invalid policy.json at start, and uses --policy instead of it when given', async () => {
    await writeFile(path.join(dir, POLICY_FILE), BAD)
    const app = await createServices({ dataDir: dir, secrets: new MemorySecretStore(), log: silentLogger })
    expect(app.notices.map((n) => n.id)).toContain('policy-invalid')
    const given = path.join(dir, 'ci.json')
    await writeFile(given, GOOD)
    const cli = await createServices({ dataDir: dir, secrets: new MemorySecretStore(), log: silentLogger, policyFile: given })
    expect(cli.policy.state()).toMatchObject({ status: 'ok', readOnly: true, file: given })
    expect(cli.notices.map((n) => n.id)).not.toContain('policy-invalid')
  })
})
