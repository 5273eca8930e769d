/** Electron's Notification as a NotificationPort. */
import { Notification } from 'electron'
import type { NotificationPort } from '../services/expiry-notifier'

/**
 * Notifications on screen. Held until closed or clicked: a Notification nobody references may be
 * garbage-collected while it is shown, and its click handler with it.
 */
export const liveNotifications = new Set<Notification>()

export const electronNotifications: NotificationPort = {
  show({ title, body, onClick }) {
    if (!Notification.isSupported()) return
    const notification = new Notification({ title, body, silent: false })
    const release = (): boolean => liveNotifications.delete(notification)
    notification.on('click', () => {
      release()
      onClick()
    })
    notification.on('close', release)
    notification.on('failed', release)
    liveNotifications.add(notification)
    notification.show()
  },
}
