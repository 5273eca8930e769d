/**
 * A large change applied a slice at a time, each in a task of its own after the page has painted
 * (a bulk Set owner on 50,000 tokens re-labels, re-sorts and re-counts), so that no frame holds
 * all of it. A newer change first applies what is left of the older one (`flush`), so the newest wins.
 */

/** The rows a change applies in one task, at most. */
export const SLICE_ROWS = 5_000

/** How long a slice waits for a frame that does not come (a hidden window paints nothing). */
const NO_FRAME_MS = 100

/**
 * Slices of every change (the inventory's and the metadata's re-label the same bulk change), one
 * per frame: each in a task after the next frame. Chained timers alone are not enough: Chromium ran
 * slice after slice for up to ~100 ms before it painted, and two stores' slices, each after its own
 * frame, met in the same one. A slice answers false when it had nothing left to do (its change was
 * flushed), and the next one runs in its place.
 */
const queue: Array<() => boolean> = []
let pumping = false

function pump(): void {
  pumping = true
  let started = false
  const go = (): void => {
    if (started) return
    started = true
    clearTimeout(fallback)
    setTimeout(runOne, 0)
  }
  const fallback = setTimeout(go, NO_FRAME_MS)
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(go)
}

function runOne(): void {
  try {
    while (queue.length && !queue.shift()!()) {
      // flushed: nothing done, the next slice takes this frame
    }
  } finally {
    // A slice that threw does not stop the others.
    if (queue.length) pump()
    else pumping = false
  }
}

function afterPaint(slice: () => boolean): void {
  queue.push(slice)
  if (!pumping) pump()
}

/**
 * A task after the next frame, in turn with the slices: for work that a large message starts (a
 * refreshed connection's 4,000 rows re-sorted), so that taking the message in and the work are
 * never one frame, nor the work and another store's slice.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => afterPaint(() => (resolve(), true)))
}

export class SlicedWork {
  private steps: Array<() => void> = []
  /** Bumped by `flush`: a slice scheduled before it does not run (its step was applied then). */
  private generation = 0

  /** What is pending now, then `steps` one a task, each after a frame. */
  later(steps: ReadonlyArray<() => void>): void {
    this.flush()
    this.steps = [...steps]
    if (this.steps.length) this.schedule()
  }

  /** What is left, now. */
  flush(): void {
    this.generation++
    const left = this.steps
    this.steps = []
    for (const step of left) step()
  }

  private schedule(): void {
    const mine = this.generation
    afterPaint(() => {
      if (mine !== this.generation) return false
      this.steps.shift()?.()
      if (this.steps.length) this.schedule()
      return true
    })
  }
}
