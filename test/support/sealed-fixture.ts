/** A fresh folder, a sealed-files service over an in-memory keychain, and one file path in it — per test. */
import path from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { SealedFiles } from '../../electron/main/services/sealed-file'
import { MemorySecretStore } from '../fakes/memory-secret-store'
import { makeTempDir, removeDir } from './temp-dir'

export interface SealedFixture {
  dir: string
  /** `x.sealed` in `dir`. */
  file: string
  secrets: MemorySecretStore
  sealed: SealedFiles
}

/** Registers beforeEach/afterEach; the returned object is refilled before every test. */
export function useSealedFiles(): SealedFixture {
  const fx = {} as SealedFixture
  beforeEach(async () => {
    fx.dir = await makeTempDir()
    fx.file = path.join(fx.dir, 'x.sealed')
    fx.secrets = new MemorySecretStore()
    fx.sealed = new SealedFiles(fx.secrets)
  })
  afterEach(() => removeDir(fx.dir))
  return fx
}
