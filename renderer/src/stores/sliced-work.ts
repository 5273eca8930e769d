/**
 * A large change applied a slice at a time, a task each (setTimeout 0) after the task it arrived
 * in, so that no frame holds all of it (a bulk Set owner on 50,000 tokens re-labels, re-sorts and
 * re-counts). A newer change first applies what is left of the older one (`flush`), so the newest wins.
 */

/** The rows a change applies in one task, at most. */
export const SLICE_ROWS = 5_000

export class SlicedWork {
  private steps: Array<() => void> = []
  private timer: ReturnType<typeof setTimeout> | null = null

  /** What is pending now, then `steps` one a task from the next task on. */
  later(steps: ReadonlyArray<() => void>): void {
    this.flush()
    this.steps = [...steps]
    if (this.steps.length) this.timer = setTimeout(this.next, 0)
  }

  /** What is left, now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const left = this.steps
    this.steps = []
    for (const step of left) step()
  }

  private next = (): void => {
    this.timer = null
    this.steps.shift()?.()
    if (this.steps.length) this.timer = setTimeout(this.next, 0)
  }
}
