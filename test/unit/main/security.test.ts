import { describe, expect, it } from 'vitest'
import {
  APP_ORIGIN,
  isAllowedExternalUrl,
  isAllowedNavigation,
  windowOpenDecision,
} from '../../../electron/main/security'

describe('navigation guard', () => {
  it('allows only the app itself', () => {
    expect(isAllowedNavigation('app://tokendesk/index.html#/settings', [APP_ORIGIN])).toBe(true)
    expect(isAllowedNavigation('https://evil.example/', [APP_ORIGIN])).toBe(false)
    expect(isAllowedNavigation('file:///etc/passwd', [APP_ORIGIN])).toBe(false)
    expect(isAllowedNavigation('app://tokendesk.evil/', [APP_ORIGIN])).toBe(false)
    expect(isAllowedNavigation('not a url', [APP_ORIGIN])).toBe(false)
    expect(isAllowedNavigation('http://localhost:5173/#/x', [APP_ORIGIN, 'http://localhost:5173/'])).toBe(true)
  })
})

describe('external links and new windows', () => {
  it('opens only https vendor portals from the allowlist, and never a new window', () => {
    expect(isAllowedExternalUrl('https://platform.softwareone.com/settings/api-tokens')).toBe(true)
    expect(isAllowedExternalUrl('https://app.prefactorai.com/')).toBe(true)
    expect(isAllowedExternalUrl('http://platform.softwareone.com/')).toBe(false)
    expect(isAllowedExternalUrl('https://platform.softwareone.com.evil.io/')).toBe(false)
    expect(isAllowedExternalUrl('https://evil.io/?platform.softwareone.com')).toBe(false)
    expect(isAllowedExternalUrl('https://user@platform.softwareone.com/')).toBe(false)
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false)
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false)
    expect(windowOpenDecision('https://evil.io/')).toEqual({ action: 'deny', openExternally: false })
    expect(windowOpenDecision('https://app.prefactorai.com/x')).toEqual({ action: 'deny', openExternally: true })
  })
})
