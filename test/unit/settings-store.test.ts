import { readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../electron/common/model'
import { silentLogger } from '../../electron/main/services/logger'
import { SettingsStore } from '../../electron/main/services/settings-store'
import { makeTempDir, removeDir } from '../support/temp-dir'

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
