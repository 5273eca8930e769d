/** Secret canaries: after a scenario, none of the secrets it used may be found anywhere it left things. */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { filesContaining } from '../../support/temp-dir'
import type { AppHarness } from './app-harness'

export async function expectNoSecrets(secrets: string[], where: { app: AppHarness; page?: Page; dirs: string[] }): Promise<void> {
  const canaries = secrets.filter((s) => s.length >= 8)
  expect(canaries.length, 'no canaries to look for').toBeGreaterThan(0)
  for (const dir of where.dirs) expect(await filesContaining(dir, canaries), `files under ${dir}`).toEqual([])
  const log = where.app.logLines.join('\n')
  for (const s of canaries) expect(log.includes(s), 'a secret in the log').toBe(false)
  if (where.page) {
    const storage = await where.page.evaluate(async () => ({
      web: JSON.stringify({ ...localStorage, ...sessionStorage }),
      indexedDb: (await indexedDB.databases()).map((d) => d.name),
      cookies: document.cookie,
    }))
    expect(storage.indexedDb).toEqual([])
    expect(storage.cookies).toBe('')
    for (const s of canaries) expect(storage.web.includes(s), 'a secret in renderer storage').toBe(false)
  }
}

/** Responses to the page that carried one of these values (a credential must never come back). */
export function responsesContaining(app: AppHarness, values: string[]): string[] {
  return app.calls.filter((c) => values.some((v) => c.response.includes(v))).map((c) => c.channel)
}
