/** The built `tokendesk` CLI as a real process (out/main/cli.js), in the test keyring. */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { PROVIDER_IDS, type ProviderId } from '../../../electron/common/providers'
import type { Sandbox } from '../../../electron/main/sandbox/server'
import type { SecretStore } from '../../../electron/main/services/secret-store'
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

/** One connection per vendor, labelled by its id, added through the CLI; the connections' ids by vendor. */
export async function addVendorConnections(sandbox: Sandbox, dataDir: string, extra: string[] = []): Promise<Record<ProviderId, string>> {
  const ids = {} as Record<ProviderId, string>
  for (const provider of PROVIDER_IDS) {
    const account = provider === 'mpt' ? ['--account-id', sandbox.data.mpt[0]!.accountId] : []
    const run = await runCli(['connections', 'add', '--provider', provider, '--label', provider, ...extra, '--base-url', sandbox.urls[provider], ...account], {
      input: `${sandbox.data[provider][0]!.credential}\n`,
      dataDir,
    })
    if (run.code !== 0) throw new Error(`connections add ${provider} exited ${run.code}: ${run.stderr}`)
    ids[provider] = run.stdout.trim()
  }
  return ids
}

/** Removes from the keychain every entry of these connections (credentials and token secrets). */
export async function forgetConnections(keychain: SecretStore, ids: Partial<Record<ProviderId, string>>): Promise<void> {
  const prefixes = Object.values(ids)
  for (const account of await keychain.list()) if (prefixes.some((id) => account.startsWith(id))) await keychain.delete(account)
}
