import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NONCE_PLACEHOLDER } from '../../../electron/main/csp'
import { serveRendererFile } from '../../../electron/main/renderer-files'
import { makeTempDir, removeDir } from '../../support/temp-dir'

describe('serveRendererFile', () => {
  let root: string
  beforeAll(async () => {
    root = await makeTempDir()
    await mkdir(path.join(root, 'assets'))
    await writeFile(
      path.join(root, 'index.html'),
      `<meta property="csp-nonce" nonce="${NONCE_PLACEHOLDER}"><script type="module" src="./assets/a.js" nonce="${NONCE_PLACEHOLDER}"></script>`,
    )
    await writeFile(path.join(root, 'assets', 'a.js'), 'console.log(1)')
    await writeFile(path.join(path.dirname(root), 'outside.txt'), 'secret')
  })
  afterAll(() => removeDir(root))

  it('serves index.html with a strict CSP and a fresh nonce per load', async () => {
    const first = await serveRendererFile(root, '/')
    const second = await serveRendererFile(root, '/index.html')
    const csp = first.headers['content-security-policy']!
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("default-src 'none'")
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/)
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!
    expect(first.body.toString()).toContain(`nonce="${nonce}"`)
    expect(first.body.toString()).not.toContain(NONCE_PLACEHOLDER)
    expect(second.headers['content-security-policy']).not.toContain(nonce)
  })

  it('serves assets with their type and refuses paths outside the root', async () => {
    const js = await serveRendererFile(root, '/assets/a.js')
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toMatch(/javascript/)
    expect(js.headers['content-security-policy']).toBeUndefined()
    for (const p of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/../../outside.txt', '/missing.js']) {
      expect((await serveRendererFile(root, p)).status, p).toBe(404)
    }
  })
})
