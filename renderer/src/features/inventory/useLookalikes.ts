/**
 * Tokens whose names look like another token's but differ underneath (see lookalike.ts), kept per
 * inventory. Computed in a worker, off the window's thread. Where no worker starts, on this thread
 * in the browser's idle time only (requestIdleCallback, within each idle period's deadline), and
 * never while the user is scrolling, typing or clicking.
 */
import type { Token } from '@common/tokens'
import { onScopeDispose, shallowRef, watch, type Ref } from 'vue'
import type { Budget } from '@/lookalike'
import { afterNextPaint } from '@/stores/sliced-work'

/** How long after the last scroll, key or pointer press the work may resume (ms). */
export const QUIET_MS = 400
/** How long the inventory stays unchanged before the check starts (ms). */
export const SETTLE_MS = 300
const INPUT_EVENTS = ['scroll', 'wheel', 'keydown', 'pointerdown', 'touchmove'] as const

let lastInput = Number.NEGATIVE_INFINITY
let listening = false
function listenForInput(): void {
  if (listening) return
  listening = true
  // Capture on the window: scroll events of the grid's scroller do not bubble, but pass here.
  for (const type of INPUT_EVENTS) window.addEventListener(type, () => (lastInput = performance.now()), { capture: true, passive: true })
}

const busy = (): boolean => performance.now() - lastInput < QUIET_MS

/**
 * Idle time, and only while the user is not interacting. Measured with 50,000 tokens: the check
 * ran in the idle moments between scrolled frames for ~20 s after the start, and scrolling dropped
 * 50–60 % of frames in that time against 0–7 % without it (BENCHMARKS.md).
 */
export function idleBudget(isCurrent: () => boolean): Budget {
  listenForInput()
  let deadline: IdleDeadline | null = null
  const idle = (go: (d: IdleDeadline) => void): void => {
    if (window.requestIdleCallback) window.requestIdleCallback(go)
    else setTimeout(() => go({ didTimeout: false, timeRemaining: () => 8 }), 50)
  }
  return {
    expired: () => !deadline || deadline.timeRemaining() < 2 || busy(),
    next: () =>
      new Promise((resolve, reject) => {
        const go = (d: IdleDeadline): void => {
          if (!isCurrent()) return reject(new Error('superseded'))
          // Idle, but the user scrolled or typed a moment ago: more may follow; wait for quiet.
          if (busy()) return void setTimeout(() => idle(go), QUIET_MS - (performance.now() - lastInput))
          deadline = d
          resolve()
        }
        idle(go)
      }),
  }
}

/** What the check looks at: each token's key and name, as two arrays (the cheapest shape to copy to a worker). */
interface Names {
  keys: string[]
  names: Array<string | null>
}

const namesOf = (list: readonly Token[]): Names => ({ keys: list.map((t) => t.key), names: list.map((t) => t.name) })

/** Whether the tokens have these keys and names, compared in place (no copy of 50,000 keys and names to compare). */
function sameNames(a: Names, list: readonly Token[]): boolean {
  if (a.keys.length !== list.length) return false
  for (let i = 0; i < list.length; i++) {
    const t = list[i]!
    if (a.keys[i] !== t.key || a.names[i] !== t.name) return false
  }
  return true
}

/** The check in a worker; rejects where a worker cannot start (the caller then runs it here). */
function inWorker(names: Names, onStart: (worker: Worker) => void): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    if (typeof Worker === 'undefined') return reject(new Error('no workers here'))
    const worker = new Worker(new URL('./lookalike.worker.ts', import.meta.url), { type: 'module' })
    onStart(worker)
    worker.onmessage = (event: MessageEvent<Array<[string, string]>>) => {
      worker.terminate()
      resolve(new Map(event.data))
    }
    worker.onerror = (event) => {
      event.preventDefault()
      worker.terminate()
      reject(new Error('the lookalike worker failed'))
    }
    worker.postMessage(names)
  })
}

export function useLookalikes(tokens: Ref<readonly Token[]>) {
  const flagged = shallowRef<ReadonlyMap<string, string>>(new Map())
  let run = 0
  let settling = 0
  let worker: Worker | null = null
  /** The names of the check running or last run: a new inventory with the same names (a label change, a refresh that changed no name) needs none. */
  let checking: Names | null = null
  onScopeDispose(() => worker?.terminate())
  listenForInput()
  watch(
    tokens,
    async (list) => {
      const wait = ++settling
      // A refresh replaces the inventory a connection at a time, a bulk change a slice at a time:
      // look once it has been still a moment, in a task of its own — not a copy of 50,000 keys
      // and names (nor a comparison of them) in the same task as the grid's update, each step.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
      // And not while the user scrolls or types (the copy for the worker is tens of ms with
      // 50,000 tokens), nor in the frame of another large change.
      while (busy()) await new Promise((resolve) => setTimeout(resolve, QUIET_MS - (performance.now() - lastInput)))
      await afterNextPaint()
      if (wait !== settling) return
      // The same names as the check running or done: its answer stands.
      if (checking && sameNames(checking, list)) return
      const names = namesOf(list)
      checking = names
      const mine = ++run
      worker?.terminate() // superseded by the new inventory
      let found = await inWorker(names, (w) => (worker = w)).catch(() => null)
      if (mine !== run) return
      if (!found) {
        const { findLookalikes } = await import('@/lookalike')
        found = await findLookalikes(list, idleBudget(() => mine === run)).catch(() => null)
      }
      if (mine !== run) return
      if (found) flagged.value = found
      else checking = null // failed: the same names are checked again next time
    },
    { immediate: true },
  )
  return flagged
}
