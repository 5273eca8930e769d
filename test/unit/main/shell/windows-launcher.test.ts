/**
 * The Windows console launcher (build/win/tokendesk.cmd). cmd.exe is not here to run it: this checks
 * what can be read — that it runs the exe electron-builder makes, passes every argument, returns the
 * exe's exit code, is a valid batch file (CRLF), and is shipped as bin\tokendesk.cmd. Its behaviour
 * in cmd and PowerShell is unproven on this machine (ARCHITECTURE.md, "What the smokes cannot prove").
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'

const ROOT = path.join(import.meta.dirname, '../../../..')

describe('the Windows tokendesk.cmd', () => {
  it('runs the app’s exe with every argument and exits with its code; without arguments starts the app and returns', async () => {
    const text = await readFile(path.join(ROOT, 'build/win/tokendesk.cmd'), 'utf8')
    const { productName } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { productName: string }
    // Batch files are read line by line with CRLF; a bare LF confuses cmd's parser around blocks.
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    const lines = text.split('\r\n').filter((l) => l && !l.startsWith('::'))
    expect(lines[0]).toBe('@echo off')
    // electron-builder names the exe after productName; bin\ is one folder below it.
    expect(lines).toContain(`"%~dp0..\\${productName}.exe" %*`)
    expect(lines.at(-1)).toBe('exit /b %ERRORLEVEL%')
    expect(lines).toContain(`  start "" "%~dp0..\\${productName}.exe"`)
  })

  it('is shipped beside the exe as bin\\tokendesk.cmd', async () => {
    const config = parseYaml(await readFile(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as { win: { extraFiles: Array<{ from: string; to: string }> } }
    expect(config.win.extraFiles).toContainEqual({ from: 'build/win/tokendesk.cmd', to: 'bin/tokendesk.cmd' })
  })
})
