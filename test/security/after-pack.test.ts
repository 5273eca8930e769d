/** The afterPack hook flips the fuses of a binary laid out like Electron's (sentinel + fuse wire). */
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { createRequire } from 'node:module'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
const afterPack = require('../../build/after-pack.cjs') as ((context: object) => Promise<void>) & { electronBinary: (c: object) => string }
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
// The wire's bytes: '0' off, '1' on (@electron/fuses' FuseState, not exported by the package).
const FuseState = { DISABLE: 0x30, ENABLE: 0x31 } as const

/** Bytes around a fuse wire of version 1 with 9 fuses, all enabled ('1'). */
function fakeElectron(): Buffer {
  return Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from('111111111'), Buffer.alloc(4096, 9)])
}

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fuses-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('afterPack fuses', () => {
  it('turns RunAsNode, NODE_OPTIONS, --inspect and file:// privileges off; ASAR-only and ASAR integrity on', async () => {
    const context = { appOutDir: dir, electronPlatformName: 'linux', arch: 1, packager: { executableName: 'tokendesk', appInfo: { productFilename: 'Tokendesk' } } }
    await writeFile(path.join(dir, 'tokendesk'), fakeElectron())
    await afterPack(context)
    const wire = (await getCurrentFuseWire(path.join(dir, 'tokendesk'))) as Record<number, number>
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE) // untouched
  })

  it('finds the binary on each platform', async () => {
    const packager = { executableName: 'tokendesk', appInfo: { productFilename: 'Tokendesk' } }
    expect(afterPack.electronBinary({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(path.join('/o', 'Tokendesk.exe'))
    expect(afterPack.electronBinary({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(path.join('/o', 'Tokendesk.app'))
    // On macOS the fuses live in the framework inside the .app.
    const framework = path.join(dir, 'Tokendesk.app', 'Contents', 'Frameworks', 'Electron Framework.framework')
    await mkdir(framework, { recursive: true })
    await writeFile(path.join(framework, 'Electron Framework'), fakeElectron())
    await afterPack({ appOutDir: dir, electronPlatformName: 'darwin', arch: 1, packager })
    const wire = (await getCurrentFuseWire(path.join(dir, 'Tokendesk.app'))) as Record<number, number>
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
  })

  it('fails loudly on a binary without fuses rather than shipping it unfused', async () => {
    await writeFile(path.join(dir, 'tokendesk'), Buffer.alloc(100))
    await expect(afterPack({ appOutDir: dir, electronPlatformName: 'linux', arch: 1, packager: { executableName: 'tokendesk', appInfo: { productFilename: 'Tokendesk' } } })).rejects.toThrow(/sentinel/)
  })
})
