// Lint, including the layer rule (ARCHITECTURE.md, "Layering"): it fails the build.
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'

const forbid = (...patterns) => [
  'error',
  { patterns: patterns.map(([regex, message]) => ({ regex, message })) },
]

const NODE_ONLY = [
  ['^(electron|keytar|axios)$', 'Only electron/main may use Electron, keytar or axios.'],
  ['^node:', 'Node built-ins belong in electron/main.'],
  ['^(fs|path|os|child_process|crypto|http|https|net)$', 'Node built-ins belong in electron/main.'],
]

const MAIN_PATTERNS = [
  ['(^|/)renderer(/|$)', 'electron/main must not import the renderer.'],
  ['^@/', 'electron/main must not import the renderer.'],
  ['^keytar$', 'Only services/keytar-secret-store.ts imports keytar.'],
]
const ELECTRON_ONLY_IN_SHELL = [['^electron(-log/main)?(/|$)', 'Only electron/main/shell/ imports Electron; give the service a port instead.']]

const COMMON_PURE = [
  ['^@/', 'electron/common must not import the renderer.'],
  ['^(vue|pinia|vue-router|primevue)(/|$)', 'electron/common is framework-free.'],
  ...NODE_ONLY,
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  // TypeScript already checks names; `no-undef` only misfires on DOM globals in .vue files.
  { files: ['**/*.ts', '**/*.vue'], rules: { 'no-undef': 'off' } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/no-v-html': 'error',
    },
  },
  // Layer: electron/common imports nothing of ours but itself, and nothing process-specific.
  {
    files: ['electron/common/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(['^\\.\\./', 'electron/common imports only electron/common (./…).'], ...COMMON_PURE) },
  },
  // Its sub-folders (vendors/) may reach common itself, one level up, and nothing beyond.
  {
    files: ['electron/common/*/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(['^\\.\\./\\.\\./', 'electron/common imports only electron/common.'], ...COMMON_PURE) },
  },
  // Layer: the renderer reaches main only through window.tokendesk (renderer/src/api.ts).
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    rules: {
      'no-restricted-imports': forbid(
        ['electron/(main|preload)', 'The renderer imports only electron/common (@common/…).'],
        ['^(\\.\\./)+electron/', 'Use the @common alias for electron/common.'],
        ...NODE_ONLY,
      ),
      'no-restricted-globals': ['error', { name: 'tokendesk', message: 'Use renderer/src/api.ts.' }],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'tokendesk', message: 'Use renderer/src/api.ts.' },
      ],
    },
  },
  { files: ['renderer/src/api.ts'], rules: { 'no-restricted-properties': 'off' } },
  // Layer: main never imports the renderer; raw IPC and keytar each live in one file; Electron
  // itself only in electron/main/shell/ (everything else in main runs under plain Node).
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(...MAIN_PATTERNS, ...ELECTRON_ONLY_IN_SHELL),
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]",
          message: 'Use the typed IPC layer (electron/main/ipc, electron/preload/build-bridge.ts).',
        },
      ],
    },
  },
  {
    files: ['electron/main/shell/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(...MAIN_PATTERNS) },
  },
  {
    files: ['electron/main/services/keytar-secret-store.ts'],
    rules: { 'no-restricted-imports': forbid(...MAIN_PATTERNS.filter(([re]) => re !== '^keytar$'), ...ELECTRON_ONLY_IN_SHELL) },
  },
  {
    files: ['electron/main/shell/ipc-register.ts', 'electron/preload/index.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['build/**/*.mjs', 'build/**/*.cjs', '*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
)
