/** Electron's Notification behind the port (electron-notifications.ts), over the fake. */
import { beforeEach, describe, expect, it } from 'vitest'
import { Notification, resetFake } from '../../../fakes/electron'
import { electronNotifications, liveNotifications } from '../../../../electron/main/shell/notifications'

beforeEach(() => {
  resetFake()
  liveNotifications.clear()
})

describe('electron notifications', () => {
  it('keeps each notification referenced while it is on screen, so its click handler survives GC', () => {
    const clicks: string[] = []
    electronNotifications.show({ title: 'a', body: 'A', onClick: () => void clicks.push('a') })
    electronNotifications.show({ title: 'b', body: 'B', onClick: () => void clicks.push('b') })
    const [a, b] = Notification.shown
    expect([...liveNotifications]).toEqual([a, b])

    b!.close()
    expect([...liveNotifications]).toEqual([a])
    a!.click()
    expect(clicks).toEqual(['a'])
    expect(liveNotifications.size).toBe(0)
  })
})
