import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../../electron/common/model'
import { silentLogger } from '../../../../electron/main/services/logger'
import { SettingsStore } from '../../../../electron/main/services/settings-store'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

describe('SettingsStore', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(() => removeDir(dir))

  it('defaults to the system theme and persists a change', async () => {
    const store = new SettingsStore(dir, silentLogger)
    await store.init()
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    await store.update({ theme: 'dark', clipboardClearSec: 45 })
    const again = new SettingsStore(dir, silentLogger)
    await again.init()
    expect(again.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', clipboardClearSec: 45 })
  })

  it('falls back per setting when one value is out of range', async () => {
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ version: 1, settings: { theme: 'dark', revealHideSec: 99999 } }))
    const store = new SettingsStore(dir, silentLogger)
    expect(await store.init()).toEqual([])
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' })
    await expect(store.update({ clipboardClearSec: 1 })).rejects.toMatchObject({ kind: 'validation' })
  })

  it('turns an old expiry warning window into lead times instead of dropping it, and writes them on the next change', async () => {
    const file = path.join(dir, 'settings.json')
    const lead = async (old: unknown) => {
      await writeFile(file, JSON.stringify({ version: 1, settings: { theme: 'dark', expiryWarningDays: old } }))
      const store = new SettingsStore(dir, silentLogger)
      await store.init()
      expect(store.get().theme).toBe('dark')
      return store.get().expiryLeadDays
    }
    expect(await lead(14)).toEqual([14, 7, 1])
    expect(await lead(45)).toEqual([45, 30, 7, 1])
    expect(await lead(90)).toEqual([90, 60, 30, 7, 1])
    expect(await lead(3)).toEqual([3, 1])
    expect(await lead(7)).toEqual(DEFAULT_SETTINGS.expiryLeadDays)
    expect(await lead('soon')).toEqual(DEFAULT_SETTINGS.expiryLeadDays)
    // A file that already has lead times keeps them, whatever an old key says.
    await writeFile(file, JSON.stringify({ version: 1, settings: { expiryWarningDays: 14, expiryLeadDays: [20, 2] } }))
    const store = new SettingsStore(dir, silentLogger)
    await store.init()
    expect(store.get().expiryLeadDays).toEqual([20, 2])
    await writeFile(file, JSON.stringify({ version: 1, settings: { expiryWarningDays: 14 } }))
    await store.update({ theme: 'light' })
    expect(JSON.parse(await readFile(file, 'utf8')).settings).toMatchObject({ theme: 'light', expiryLeadDays: [14, 7, 1] })
    expect(JSON.parse(await readFile(file, 'utf8')).settings).not.toHaveProperty('expiryWarningDays')
  })

  it('refuses an unknown theme', async () => {
    const store = new SettingsStore(dir, silentLogger)
    await store.init()
    await expect(store.update({ theme: 'sepia' as never })).rejects.toMatchObject({ kind: 'validation' })
    expect(store.get().theme).toBe('system')
  })

  it('sets a corrupt file aside and starts from defaults', async () => {
    await writeFile(path.join(dir, 'settings.json'), 'nope{')
    const store = new SettingsStore(dir, silentLogger)
    const notices = await store.init()
    expect(notices).toHaveLength(1)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect((await readdir(dir))[0]).toMatch(/^settings\.json\.corrupt-/)
  })
})
