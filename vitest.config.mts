import vue from '@vitejs/plugin-vue'
import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

const alias = {
  '@': resolve(import.meta.dirname, 'renderer/src'),
  '@common': resolve(import.meta.dirname, 'electron/common'),
}

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { ...alias, electron: resolve(import.meta.dirname, 'test/fakes/electron.ts') } },
        // 30 s, not vitest's 5: the property tests (fast-check) are CPU-bound and take 2 s alone but
        // over 6 s on a shared 2-core runner; a hung test still fails, only a slow machine no longer does.
        test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        test: {
          name: 'keychain',
          environment: 'node',
          include: ['test/keychain/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'bench',
          environment: 'node',
          include: ['bench/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'security',
          environment: 'node',
          include: ['test/security/**/*.test.ts'],
          testTimeout: 150_000,
        },
      },
      {
        plugins: [vue()],
        resolve: { alias },
        test: {
          name: 'component',
          environment: 'happy-dom',
          include: ['test/component/**/*.test.ts'],
          setupFiles: ['test/component/setup.ts'],
          // As for unit: a mounted component with PrimeVue took over 5 s on a loaded 2-core runner.
          testTimeout: 30_000,
        },
      },
      // The launch and packaging smokes: the real `npm start` and electron-builder, over a
      // stand-in Electron release served from a loopback mirror (test/launch/stand-in).
      {
        test: {
          name: 'launch',
          environment: 'node',
          include: ['test/launch/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 150_000,
        },
      },
      {
        test: {
          name: 'package',
          environment: 'node',
          include: ['test/package/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 200_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
