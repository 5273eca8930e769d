/** The layer rule must fail the build: lint sample files placed in each layer. */
import { ESLint } from 'eslint'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../../..')
const eslint = new ESLint({ cwd: root })

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message)
}

describe('layer rule (eslint)', () => {
  it('keeps the renderer away from main, preload, node and window.tokendesk', async () => {
    const file = 'renderer/src/views/Sample.ts'
    expect(await ruleIds(file, "import { x } from '../../electron/main/services/connection-store'\nexport { x }\n")).toContain('no-restricted-imports')
    expect(await ruleIds(file, "import fs from 'node:fs'\nexport { fs }\n")).toContain('no-restricted-imports')
    expect(await ruleIds(file, "import { ipcRenderer } from 'electron'\nexport { ipcRenderer }\n")).toContain('no-restricted-imports')
    expect(await ruleIds(file, 'export const b = window.tokendesk\n')).toContain('no-restricted-properties')
    expect(await ruleIds(file, "import type { Connection } from '@common/model'\nexport type C = Connection\n")).toEqual([])
  })

  it('keeps electron/common free of our other layers and of process-specific modules', async () => {
    const file = 'electron/common/sample.ts'
    expect(await ruleIds(file, "import { x } from '../main/app-error'\nexport { x }\n")).toContain('no-restricted-imports')
    expect(await ruleIds(file, "import { app } from 'electron'\nexport { app }\n")).toContain('no-restricted-imports')
    expect(await ruleIds(file, "import { ref } from 'vue'\nexport { ref }\n")).toContain('no-restricted-imports')
    expect(await ruleIds(file, "import { PROVIDERS } from './providers'\nexport { PROVIDERS }\n")).toEqual([])
    const vendor = 'electron/common/vendors/sample.ts'
    expect(await ruleIds(vendor, "import { x } from '../../main/app-error'\nexport { x }\n")).toContain('no-restricted-imports')
    expect(await ruleIds(vendor, "import fs from 'node:fs'\nexport { fs }\n")).toContain('no-restricted-imports')
    expect(await ruleIds(vendor, "import { TOKEN_STATUSES } from '../tokens'\nexport { TOKEN_STATUSES }\n")).toEqual([])
  })

  it('keeps Electron inside electron/main/shell/', async () => {
    expect(await ruleIds('electron/main/services/other.ts', "import { app } from 'electron'\nexport { app }\n")).toContain('no-restricted-imports')
    expect(await ruleIds('electron/main/other.ts', "import type { WebContents } from 'electron'\nexport type W = WebContents\n")).toContain('no-restricted-imports')
    expect(await ruleIds('electron/main/services/keytar-secret-store.ts', "import { safeStorage } from 'electron'\nexport { safeStorage }\n")).toContain('no-restricted-imports')
    expect(await ruleIds('electron/main/ipc/other.ts', "import log from 'electron-log/main'\nexport { log }\n")).toContain('no-restricted-imports')
    expect(await ruleIds('electron/main/shell/other.ts', "import { app } from 'electron'\nexport { app }\n")).toEqual([])
    expect(await ruleIds('electron/main/shell/other.ts', "import { x } from '../../../renderer/src/api'\nexport { x }\n")).toContain('no-restricted-imports')
    expect(await ruleIds('electron/preload/other.ts', "import { contextBridge } from 'electron'\nexport { contextBridge }\n")).toEqual([])
  })

  it('keeps keytar and raw IPC in their one file each', async () => {
    expect(await ruleIds('electron/main/services/other.ts', "import keytar from 'keytar'\nexport { keytar }\n")).toContain('no-restricted-imports')
    expect(await ruleIds('electron/main/other.ts', "import { ipcMain } from 'electron'\nexport { ipcMain }\n")).toContain('no-restricted-syntax')
    expect(await ruleIds('electron/main/services/keytar-secret-store.ts', "import keytar from 'keytar'\nexport { keytar }\n")).toEqual([])
    expect(await ruleIds('electron/main/other.ts', "import { x } from '../../renderer/src/api'\nexport { x }\n")).toContain('no-restricted-imports')
  })
})
