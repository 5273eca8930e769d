import { afterEach, describe, expect, it } from 'vitest'
import { PROVIDER_IDS } from '../../../../electron/common/providers'
import { ADAPTERS } from '../../../../electron/main/providers/registry'
import { startSandbox, type Sandbox } from '../../../../electron/main/sandbox/server'
import { exactData } from '../../../support/sandbox-data'
import { contextFor } from '../../../support/sandbox-fixture'

let sandbox: Sandbox | null = null
afterEach(async () => {
  await sandbox?.stop()
  sandbox = null
})

describe.each(PROVIDER_IDS)('%s paging', (provider) => {
  it.each([0, 1, 100, 101, 1000])('lists exactly %i tokens with one request per page', async (count) => {
    sandbox = await startSandbox({ data: exactData(count) })
    const progress: number[] = []
    const tokens = await ADAPTERS[provider].list(contextFor(sandbox, provider), (p) => progress.push(p.pagesDone))
    expect(tokens).toHaveLength(count)
    expect(new Set(tokens.map((t) => t.id)).size).toBe(count)
    const ids = new Set((sandbox.data[provider][0]!.tokens as Array<{ id: string }>).map((t) => t.id))
    expect(tokens.every((t) => ids.has(t.id))).toBe(true)
    const pages = Math.max(1, Math.ceil(count / 100))
    // MPT also asks which token is its own credential (one more list call).
    expect(sandbox.stats().byRoute[`${provider}:list`]).toBe(pages + (provider === 'mpt' ? 1 : 0))
    expect(progress.at(-1)).toBe(pages)
  })
})
