/** The guards put on every web contents (window.ts), over the Electron fake. */
import { describe, expect, it, vi } from 'vitest'
import { shell } from '../../../fakes/electron'
import { hardenWebContents } from '../../../../electron/main/shell/window'

function fakeContents() {
  // Electron ≥ 25 passes one details event ({ url, preventDefault, … }); the url argument is deprecated.
  const listeners = new Map<string, (details: { url: string; preventDefault: () => void }) => void>()
  let openHandler: ((d: { url: string }) => { action: string }) | null = null
  let permissionHandler: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null
  let permissionCheck: (() => boolean) | null = null
  const contents = {
    on: (event: string, fn: (details: { url: string; preventDefault: () => void }) => void) => listeners.set(event, fn),
    setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
    session: {
      setPermissionRequestHandler: (fn: typeof permissionHandler) => (permissionHandler = fn),
      setPermissionCheckHandler: (fn: typeof permissionCheck) => (permissionCheck = fn),
    },
  }
  hardenWebContents(contents as never)
  const navigate = (event: string, url: string) => {
    const preventDefault = vi.fn()
    listeners.get(event)!({ url, preventDefault })
    return preventDefault.mock.calls.length > 0
  }
  return { navigate, open: (url: string) => openHandler!({ url }), permission: (p: string) => new Promise<boolean>((r) => permissionHandler!(null, p, r)), check: () => permissionCheck!() }
}

describe('hardened web contents', () => {
  it('blocks navigation and redirects away from the app', () => {
    const c = fakeContents()
    expect(c.navigate('will-navigate', 'https://evil.example/')).toBe(true)
    expect(c.navigate('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(c.navigate('will-redirect', 'https://evil.example/')).toBe(true)
    expect(c.navigate('will-navigate', 'app://tokendesk/index.html#/settings')).toBe(false)
    expect(c.navigate('will-redirect', 'app://tokendesk/index.html')).toBe(false)
    expect(c.navigate('will-attach-webview', 'about:blank')).toBe(true)
  })

  it('never opens a new window; only allowlisted https portals go to the system browser', async () => {
    const open = vi.spyOn(shell, 'openExternal')
    const c = fakeContents()
    expect(c.open('https://evil.example/')).toEqual({ action: 'deny' })
    expect(c.open('javascript:alert(1)')).toEqual({ action: 'deny' })
    expect(c.open('https://platform.softwareone.com/settings/api-tokens')).toEqual({ action: 'deny' })
    await new Promise((r) => setTimeout(r, 0))
    expect(open.mock.calls).toEqual([['https://platform.softwareone.com/settings/api-tokens']])
  })

  it('refuses every permission request and check', async () => {
    const c = fakeContents()
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) expect(await c.permission(p)).toBe(false)
    expect(c.check()).toBe(false)
  })
})
