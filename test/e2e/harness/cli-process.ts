/** The built `tokendesk` CLI as a real process (out/main/cli.js), in the test keyring. */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { ROOT } from './app-harness'

export const CLI = path.join(ROOT, 'out/main/cli.js')

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** `cwd`: the caller's directory (relative paths are theirs); default the test's. */
export function runCli(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; dataDir: string; cwd?: string }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, TOKENDESK_DATA_DIR: options.dataDir, ...options.env },
      cwd: options.cwd,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}
