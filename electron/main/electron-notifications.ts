/** Electron's Notification as a NotificationPort. */
import { Notification } from 'electron'
import type { NotificationPort } from './services/expiry-notifier'

export const electronNotifications: NotificationPort = {
  show({ title, body, onClick }) {
    if (!Notification.isSupported()) return
    const notification = new Notification({ title, body, silent: false })
    notification.on('click', onClick)
    notification.show()
  },
}
