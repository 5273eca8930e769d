/** The log file itself: secrets never reach it, however they are logged. */
import log from 'electron-log/node'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loggerOverElectronLog, type ElectronLogLike } from '../../../../electron/main/services/logger'
import { makeTempDir, removeDir } from '../../../support/temp-dir'

let dir: string
let file: string
beforeAll(async () => {
  dir = await makeTempDir()
  file = path.join(dir, 'main.log')
  log.transports.file.resolvePathFn = () => file
  log.transports.console.level = false
})
afterAll(() => removeDir(dir))

const SECRETS = ['idt:TKN-1111-2222:canary-log-secret', 'eyJhbGciOi.canary.jwt', 'pf_canary_token_value']

describe('log file redaction', () => {
  it('keeps Authorization headers and secret fields out of the file', async () => {
    const logger = loggerOverElectronLog(log as unknown as ElectronLogLike)
    logger.warn(`request failed with Authorization: Bearer ${SECRETS[1]}`, {
      config: { headers: { Authorization: `Bearer ${SECRETS[0]}` } },
      credential: SECRETS[0],
      token: SECRETS[2],
      nested: { secret: SECRETS[2], note: `Basic ${SECRETS[1]}` },
    })
    // Even a direct electron-log call (bypassing our logger) goes through the redaction hook.
    log.error('direct', { apiKey: SECRETS[2], password: SECRETS[0] })
    await new Promise((r) => setTimeout(r, 100))
    const text = await readFile(file, 'utf8')
    expect(text).toContain('request failed')
    expect(text).toContain('[redacted]')
    for (const s of SECRETS) expect(text).not.toContain(s)
  })
})
