import { describe, expect, it } from 'vitest'
import { createLogger, redact } from '../../../../electron/main/services/logger'

describe('logger redaction', () => {
  it('removes Authorization headers and secret fields before anything is written', () => {
    const lines: string[] = []
    const log = createLogger((_l, line) => lines.push(line))
    log.warn('request failed: Authorization: Bearer abc.def.ghi', {
      headers: { Authorization: 'Bearer abc.def.ghi', accept: 'json' },
      credential: 'idt:TKN-1:xyz',
      nested: [{ token: 'tok_123', apiToken: 'zzz', note: 'basic Basic dXNlcjpwYXNz here' }],
      error: new Error('failed with Bearer abc.def.ghi'),
    })
    const out = lines.join('\n')
    for (const secret of ['abc.def.ghi', 'idt:TKN-1:xyz', 'tok_123', 'zzz', 'dXNlcjpwYXNz']) {
      expect(out).not.toContain(secret)
    }
    expect(out).toContain('accept')
    expect(out).toContain('[redacted]')
  })

  it('keeps harmless data intact', () => {
    expect(redact({ channel: 'connections:list', count: 3 })).toEqual({ channel: 'connections:list', count: 3 })
  })
})
