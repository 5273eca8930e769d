/**
 * What the user must hear about: problems found at start-up, and ones found later (a snapshot
 * that could not be saved, a file set aside mid-session). The window asks for the list at start
 * and is sent each new one (`app:notice`); the CLI prints them on stderr.
 */
import type { Notice } from '../../common/model'
import { Emitter } from './emitter'

export class NoticeBoard {
  /** Every notice not withdrawn, oldest first. */
  readonly notices: Notice[] = []
  private readonly posted = new Emitter<Notice>()
  /** A notice was posted (each new one goes to the window as `app:notice`). */
  readonly onNotice = this.posted.event

  /** Add a notice (one with the id of a notice already posted replaces it) and tell listeners. */
  post(notice: Notice): void {
    const index = this.notices.findIndex((n) => n.id === notice.id)
    if (index >= 0) this.notices.splice(index, 1)
    this.notices.push(notice)
    this.posted.fire(notice)
  }

  /** The user dealt with it: it is no longer shown. */
  withdraw(matches: (notice: Notice) => boolean): void {
    for (let i = this.notices.length - 1; i >= 0; i--) if (matches(this.notices[i]!)) this.notices.splice(i, 1)
  }
}
