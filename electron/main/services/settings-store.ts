/** User settings in `settings.json`, owned by main so that every window and the CLI agree. */
import path from 'node:path'
import { z } from 'zod'
import { DEFAULT_SETTINGS, SETTING_BOUNDS, THEMES, type Notice, type Settings } from '../../common/model'
import { settingsPatchSchema, type SettingsPatch } from '../../common/validation'
import { parseInput } from '../app-error'
import { readJsonFile, setAside, writeFileAtomic } from './atomic-file'
import type { Logger } from './logger'

const FILE_VERSION = 1

const bounded = (key: keyof typeof SETTING_BOUNDS) =>
  z.number().int().min(SETTING_BOUNDS[key].min).max(SETTING_BOUNDS[key].max).catch(DEFAULT_SETTINGS[key])

const fileSchema = z.object({
  version: z.literal(FILE_VERSION),
  // Unknown or missing settings fall back to defaults instead of failing the whole file.
  settings: z
    .object({
      theme: z.enum(THEMES).catch(DEFAULT_SETTINGS.theme),
      clipboardClearSec: bounded('clipboardClearSec'),
      revealHideSec: bounded('revealHideSec'),
      expiryWarningDays: bounded('expiryWarningDays'),
      workOffline: z.boolean().catch(false),
      notifications: z.boolean().catch(true),
    })
    .partial(),
})

export class SettingsStore {
  readonly file: string
  private settings: Settings = { ...DEFAULT_SETTINGS }

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.file = path.join(dataDir, 'settings.json')
  }

  async init(): Promise<Notice[]> {
    const result = await readJsonFile(this.file, fileSchema)
    if (result.status === 'ok') {
      this.settings = { ...DEFAULT_SETTINGS, ...result.value.settings }
      return []
    }
    if (result.status === 'missing') return []
    const kept = await setAside(this.file)
    this.log.warn('settings: file set aside', { reason: result.reason, kept })
    return [
      {
        id: `settings-corrupt-${path.basename(kept)}`,
        severity: 'warning',
        message: `Your settings could not be read because ${result.reason}; defaults are in use. The old file was kept as ${path.basename(kept)}.`,
      },
    ]
  }

  get(): Settings {
    return { ...this.settings }
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    const data = parseInput(settingsPatchSchema, patch)
    const next: Settings = { ...this.settings, ...data }
    const body = JSON.stringify({ version: FILE_VERSION, settings: next }, null, 2)
    await writeFileAtomic(this.file, body + '\n')
    this.settings = next
    return this.get()
  }
}
