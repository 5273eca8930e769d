/**
 * User settings in `settings.json`, owned by main so that every window and the CLI agree. A
 * change is read-merge-write under the data folder's lock: the patch goes onto the file as it is
 * now, so a setting another process changed meanwhile is kept.
 */
import path from 'node:path'
import { z } from 'zod'
import { DEFAULT_SETTINGS, SETTING_BOUNDS, THEMES, type Notice, type Settings } from '../../common/model'
import { leadDaysFromWarningDays } from '../../common/expiry-lead-times'
import { leadDaysSchema, settingsPatchSchema, type SettingsPatch } from '../../common/validation'
import { parseInput } from '../app-error'
import { Emitter } from './emitter'
import { readJsonFile, setAside, writeFileAtomic } from './atomic-file'
import { DataLock } from './data-lock'
import type { Logger } from './logger'

const FILE_VERSION = 1

const bounded = (key: keyof typeof SETTING_BOUNDS) =>
  z.number().int().min(SETTING_BOUNDS[key].min).max(SETTING_BOUNDS[key].max).catch(DEFAULT_SETTINGS[key])

const fileSchema = z.object({
  version: z.literal(FILE_VERSION),
  // Unknown or missing settings fall back to defaults instead of failing the whole file.
  settings: z.preprocess(
    migrate,
    z
      .object({
        theme: z.enum(THEMES).catch(DEFAULT_SETTINGS.theme),
        clipboardClearSec: bounded('clipboardClearSec'),
        revealHideSec: bounded('revealHideSec'),
        expiryLeadDays: leadDaysSchema.catch([...DEFAULT_SETTINGS.expiryLeadDays]),
        workOffline: z.boolean().catch(false),
        notifications: z.boolean().catch(true),
        lockIdleMinutes: bounded('lockIdleMinutes'),
        rotationMaxAgeDays: bounded('rotationMaxAgeDays'),
        unlockBeforeReveal: z.boolean().catch(false),
      })
      .partial(),
  ),
})

/** Settings written by an older Tokendesk: the one expiry warning window becomes lead times. */
function migrate(settings: unknown): unknown {
  if (typeof settings !== 'object' || settings === null || !('expiryWarningDays' in settings) || 'expiryLeadDays' in settings) return settings
  const { expiryWarningDays, ...rest } = settings as Record<string, unknown>
  return { ...rest, expiryLeadDays: leadDaysFromWarningDays(expiryWarningDays) }
}

export class SettingsStore {
  readonly file: string
  private settings: Settings = { ...DEFAULT_SETTINGS }
  private readonly changed = new Emitter<Settings>()
  /** The settings changed: an update here, or a change another process made (`reload`). */
  readonly onChanged = this.changed.event
  private readonly lock: DataLock

  constructor(
    dataDir: string,
    private readonly log: Logger,
    lock?: DataLock,
    /** Tells the user about a file set aside after start-up. */
    private readonly post?: (notice: Notice) => void,
  ) {
    this.file = path.join(dataDir, 'settings.json')
    this.lock = lock ?? new DataLock(dataDir, { log })
  }

  async init(): Promise<Notice[]> {
    const result = await readJsonFile(this.file, fileSchema)
    if (result.status === 'ok') {
      this.settings = { ...DEFAULT_SETTINGS, ...result.value.settings }
      return []
    }
    if (result.status === 'missing') return []
    const notices: Notice[] = []
    this.settings = await this.lock.run(() => this.readForChange((n) => notices.push(n)))
    return notices
  }

  get(): Settings {
    return { ...this.settings, expiryLeadDays: [...this.settings.expiryLeadDays] }
  }

  /** Take in a change made by another process. True when a setting changed. */
  async reload(): Promise<boolean> {
    const result = await readJsonFile(this.file, fileSchema)
    if (result.status === 'corrupt') return false
    const next = result.status === 'ok' ? { ...DEFAULT_SETTINGS, ...result.value.settings } : { ...DEFAULT_SETTINGS }
    if (JSON.stringify(next) === JSON.stringify(this.settings)) return false
    this.settings = next
    this.changed.fire(this.get())
    return true
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    const data = parseInput(settingsPatchSchema, patch)
    return this.lock.run(async () => {
      const next: Settings = { ...(await this.readForChange((n) => this.post?.(n))), ...data }
      const body = JSON.stringify({ version: FILE_VERSION, settings: next }, null, 2)
      await writeFileAtomic(this.file, body + '\n')
      this.settings = next
      this.changed.fire(this.get())
      return this.get()
    })
  }

  /** The settings on disk now (inside the lock); a file that cannot be read is set aside. */
  private async readForChange(report: (notice: Notice) => void): Promise<Settings> {
    const result = await readJsonFile(this.file, fileSchema)
    if (result.status === 'ok') return { ...DEFAULT_SETTINGS, ...result.value.settings }
    if (result.status === 'missing') return { ...DEFAULT_SETTINGS }
    const kept = await setAside(this.file)
    if (!kept) return this.readForChange(report) // another process set it aside a moment ago
    this.log.warn('settings: file set aside', { reason: result.reason, kept })
    report({
      id: `settings-corrupt-${path.basename(kept)}`,
      severity: 'warning',
      message: `Your settings could not be read because ${result.reason}; defaults are in use. The old file was kept as ${path.basename(kept)}.`,
    })
    return { ...DEFAULT_SETTINGS }
  }
}
