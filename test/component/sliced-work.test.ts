/**
 * A large change's slices: one a task, each after the page has painted — chained timers alone let
 * Chromium run slice after slice for ~100 ms before a frame — and on without frames (a hidden window).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SlicedWork } from '@/stores/sliced-work'

const task = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

describe('sliced work', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('runs one slice after each frame, in a task of its own', async () => {
    const frames: Array<() => void> = []
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb))
    const done: number[] = []
    new SlicedWork().later([1, 2, 3].map((n) => () => void done.push(n)))
    await task()
    await task()
    expect(done).toEqual([]) // no frame yet: nothing, however many tasks go by
    frames.shift()!()
    expect(done).toEqual([]) // not in the frame's own callback
    await task()
    expect(done).toEqual([1])
    await task()
    expect(done).toEqual([1]) // the next one waits for the next frame
    frames.shift()!()
    await task()
    expect(done).toEqual([1, 2])
    frames.shift()!()
    await task()
    expect(done).toEqual([1, 2, 3])
    expect(frames).toEqual([]) // nothing left to wait for
  })

  it('gives two changes under way one slice a frame between them, not one each', async () => {
    const frames: Array<() => void> = []
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb))
    const done: string[] = []
    new SlicedWork().later(['a1', 'a2'].map((n) => () => void done.push(n)))
    new SlicedWork().later(['b1', 'b2'].map((n) => () => void done.push(n)))
    const frame = async (): Promise<void> => {
      for (const cb of frames.splice(0)) cb()
      await task()
    }
    await frame()
    expect(done).toEqual(['a1'])
    await frame()
    expect(done).toEqual(['a1', 'b1'])
    await frame()
    await frame()
    expect(done).toEqual(['a1', 'b1', 'a2', 'b2'])
  })

  it('goes on without frames, and a flush applies what is left at once', async () => {
    vi.stubGlobal('requestAnimationFrame', () => 0) // a hidden window: no frame comes
    const done: number[] = []
    const work = new SlicedWork()
    work.later([1, 2, 3].map((n) => () => void done.push(n)))
    await vi.waitFor(() => expect(done).toEqual([1]), { interval: 5 })
    work.flush()
    expect(done).toEqual([1, 2, 3])
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(done).toEqual([1, 2, 3]) // nothing runs twice
  })
})
