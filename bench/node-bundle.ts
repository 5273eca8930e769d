/**
 * A bench entry bundled for plain Node (Vite's SSR build; dependencies stay in node_modules), so
 * it can run as its own process: a fresh heap, its own peak memory.
 */
import path from 'node:path'
import { build } from 'vite'

const cache = new Map<string, Promise<string>>()

/** Path of the built `.mjs` for `entry` (under out/bench/). */
export function nodeBundle(root: string, entry: string): Promise<string> {
  const name = path.basename(entry, '.ts')
  let built = cache.get(entry)
  if (!built) {
    built = build({
      configFile: false,
      logLevel: 'silent',
      root,
      build: { ssr: entry, outDir: path.join(root, 'out/bench'), emptyOutDir: false, minify: false, rollupOptions: { output: { format: 'es', entryFileNames: `${name}.mjs` } } },
    }).then(() => path.join(root, 'out/bench', `${name}.mjs`))
    cache.set(entry, built)
  }
  return built
}
