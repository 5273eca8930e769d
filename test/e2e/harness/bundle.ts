/** Bundles bridge-entry.ts into one script for `addInitScript`, with Vite (already a dependency). */
import path from 'node:path'
import { build, type Rolldown } from 'vite'

let cached: Promise<string> | null = null

export function bridgeScript(): Promise<string> {
  cached ??= (async () => {
    const result = await build({
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        minify: false,
        lib: { entry: path.join(import.meta.dirname, 'bridge-entry.ts'), formats: ['iife'], name: 'TokendeskHarness' },
      },
    })
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[]
    const chunk = outputs[0]?.output.find((o) => o.type === 'chunk')
    if (!chunk || chunk.type !== 'chunk') throw new Error('bridge bundle produced no chunk')
    return chunk.code
  })()
  return cached
}
