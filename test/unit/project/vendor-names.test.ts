/**
 * Each vendor is described in one place: outside its adapter folder (electron/main/providers/<id>/)
 * and its descriptor (electron/common/vendors/<id>.ts), no source file names a vendor — no id, no
 * name, not in a comment. The two registries hold one line per vendor; the sandbox is the fake
 * vendors themselves (their wire formats and seed), so it names them by nature.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROVIDER_IDS, PROVIDERS } from '../../../electron/common/providers'

const root = path.resolve(__dirname, '../../..')
const REGISTRIES = ['electron/common/providers.ts', 'electron/main/providers/registry.ts']
const SANDBOX = 'electron/main/sandbox/'

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true })
  return entries
    .filter((e) => e.isFile() && /\.(ts|vue|css|html)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
}

/** Every way a vendor is named: its id and its names, as whole words, any case. */
const namesOf = (id: (typeof PROVIDER_IDS)[number]): RegExp => {
  const p = PROVIDERS[id]
  const words = [...new Set([id, p.name, p.shortName, p.choiceName])].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`\\b(${words.join('|')})\\b`, 'i')
}

/** Where a file may name this vendor. */
const mayName = (file: string, id: string): boolean =>
  file.startsWith(`electron/main/providers/${id}/`) || file === `electron/common/vendors/${id}.ts` || REGISTRIES.includes(file) || file.startsWith(SANDBOX)

describe('vendor names', () => {
  it('appear only in the vendor’s own folder and descriptor (and the registries)', async () => {
    const files = [...(await sources('electron')), ...(await sources('renderer'))]
    expect(files.length).toBeGreaterThan(100)
    const found: string[] = []
    for (const file of files) {
      const text = await readFile(path.join(root, file), 'utf8')
      for (const id of PROVIDER_IDS) {
        const hit = namesOf(id).exec(text)
        if (hit && !mayName(file, id)) found.push(`${file}: “${hit[0]}”`)
      }
    }
    expect(found).toEqual([])
  })

  it('would catch a vendor named elsewhere', () => {
    expect(namesOf('prefactor').test('if (t.provider === "prefactor")')).toBe(true)
    expect(namesOf('mpt').test('// MPT modules')).toBe(true)
    expect(mayName('renderer/src/features/token/TokenDetails.vue', 'mpt')).toBe(false)
    expect(mayName('electron/main/providers/fynn/index.ts', 'mpt')).toBe(false)
  })
})
