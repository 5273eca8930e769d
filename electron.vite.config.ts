import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import { NONCE_PLACEHOLDER } from './electron/main/csp'

const alias = {
  '@': resolve(__dirname, 'renderer/src'),
  '@common': resolve(__dirname, 'electron/common'),
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // ESM-only packages are bundled so the CommonJS output loads everywhere.
      externalizeDeps: { exclude: ['p-limit', 'yocto-queue', 'csv-stringify', 'csv-parse', 'string-width', 'get-east-asian-width', 'strip-ansi', 'ansi-regex'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/shell/index.ts'),
          cli: resolve(__dirname, 'electron/main/cli/index.ts'),
          sandbox: resolve(__dirname, 'electron/main/sandbox/cli.ts'),
        },
        output: { banner: (chunk) => (chunk.name === 'cli' || chunk.name === 'sandbox' ? '#!/usr/bin/env node' : '') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    resolve: { alias },
    plugins: [vue()],
    // Vite marks its tags and a <meta property="csp-nonce"> with this; each load replaces it.
    html: { cspNonce: NONCE_PLACEHOLDER },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves this off; the start-up bundle is a budget (BENCHMARKS.md).
      minify: process.env.TD_NO_MINIFY ? false : true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
})
