import { afterEach, describe, expect, it, vi } from 'vitest'
import { findLookalikes, skeleton } from '@/lookalike'
import type { Token } from '@common/tokens'
import { effectScope, shallowRef } from 'vue'
import { idleBudget, QUIET_MS, SETTLE_MS, useLookalikes } from '@/features/inventory/useLookalikes'

const t = (key: string, name: string | null) => ({ key, name })

describe('lookalike names', () => {
  it('reduces names to what they look like', () => {
    expect(skeleton('Audit\u200Bscript')).toBe(skeleton('Auditscript'))
    expect(skeleton('P\u0430ypal')).toBe(skeleton('Paypal')) // Cyrillic а
    expect(skeleton('Billing\u00A0export')).toBe(skeleton('Billing export'))
    expect(skeleton('Audit script – GitHub')).not.toBe(skeleton('Audit script – GitLab'))
  })

  it('flags names that look the same but differ, and not identical or different ones', async () => {
    const flagged = await findLookalikes([
      t('a', 'Audit\u200Bscript'),
      t('b', 'Auditscript'),
      t('c', 'Auditscript'),
      t('d', 'Nightly sync'),
      t('e', 'Nightly sync'),
      t('f', null),
      t('g', 'Deploy \u202Eexe'),
    ])
    expect([...flagged.keys()].sort()).toEqual(['a', 'b', 'c'])
    expect(flagged.get('a')).toBe('Auditscript')
    expect(flagged.get('b')).toBe('Audit\u200Bscript')
  })

  it('handles 50,000 names, giving the thread back whenever its budget runs out', async () => {
    const many = Array.from({ length: 50_000 }, (_, i) => t(`k${i}`, `Audit script – GitHub Actions ${i}`))
    let pauses = 0
    let used = 0
    const budget = { expired: () => ++used % 1000 === 0, next: async () => void pauses++ }
    expect((await findLookalikes(many, budget)).size).toBe(0)
    expect(pauses).toBe(50)
  })
})

describe('the lookalike check’s time budget', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('gives the thread back while the user scrolls or types, and resumes once they stop', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] })
    // An idle period that always has time left: only the user's input can stop the work.
    vi.stubGlobal('requestIdleCallback', (cb: IdleRequestCallback) => setTimeout(() => cb({ didTimeout: false, timeRemaining: () => 50 }), 1))
    const budget = idleBudget(() => true)
    await vi.advanceTimersByTimeAsync(QUIET_MS)
    const first = budget.next()
    await vi.advanceTimersByTimeAsync(5)
    await first
    expect(budget.expired()).toBe(false)

    // A scroll in the grid (scroll events do not bubble: the budget listens in the capture phase).
    const scroller = document.createElement('div')
    document.body.append(scroller)
    scroller.dispatchEvent(new Event('scroll'))
    expect(budget.expired()).toBe(true)
    let resumed = false
    void budget.next().then(() => (resumed = true))
    await vi.advanceTimersByTimeAsync(QUIET_MS / 2)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' })) // still typing: the wait starts over
    await vi.advanceTimersByTimeAsync(QUIET_MS - 10)
    expect(resumed).toBe(false)
    await vi.advanceTimersByTimeAsync(20)
    expect(resumed).toBe(true)
    expect(budget.expired()).toBe(false)
    scroller.remove()
  })
})

describe('useLookalikes', () => {
  afterEach(() => vi.unstubAllGlobals())
  const row = (key: string, name: string, owner?: string) => ({ key, name, owner }) as unknown as Token

  it('does not check again an inventory whose keys and names are the ones checked (a label change, a refresh that renamed nothing)', async () => {
    const tokens = shallowRef<readonly Token[]>([row('a', 'Audit\u200Bscript'), row('b', 'Auditscript'), row('c', 'Nightly sync')])
    const scope = effectScope()
    const flagged = scope.run(() => useLookalikes(tokens))!
    try {
      await vi.waitFor(() => expect([...flagged.value.keys()].sort()).toEqual(['a', 'b']), { timeout: 5000 })
      const first = flagged.value
      // 50,000 new row objects after a bulk owner change: the same names.
      tokens.value = tokens.value.map((t) => ({ ...t, owner: 'Platform team' }))
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 700))
      expect(flagged.value).toBe(first)
      // A name that changed is checked.
      tokens.value = [row('a', 'Audit\u200Bscript'), row('b', 'Nightly sync'), row('c', 'Nightly\u00A0sync')]
      await vi.waitFor(() => expect([...flagged.value.keys()].sort()).toEqual(['b', 'c']), { timeout: 5000 })
    } finally {
      scope.stop()
    }
  })

  it('copies the names to its worker only once the user has stopped scrolling', async () => {
    const posted: number[] = []
    class AnsweringWorker {
      onmessage: ((event: { data: unknown }) => void) | null = null
      onerror: unknown = null
      postMessage(): void {
        posted.push(performance.now())
        setTimeout(() => this.onmessage?.({ data: [] }), 0)
      }
      terminate(): void {}
    }
    vi.stubGlobal('Worker', AnsweringWorker)
    const scope = effectScope()
    scope.run(() => useLookalikes(shallowRef<readonly Token[]>([row('a', 'Audit script'), row('b', 'Nightly sync')])))
    try {
      // A wheel step every 100 ms for well past the settling time.
      const wheels: number[] = []
      for (const until = performance.now() + SETTLE_MS + 900; performance.now() < until; await new Promise((resolve) => setTimeout(resolve, 100))) {
        window.dispatchEvent(new Event('wheel'))
        wheels.push(performance.now())
      }
      await vi.waitFor(() => expect(posted).toHaveLength(1), { timeout: 3000 })
      // However late a timer ran on a busy machine: the copy came a quiet moment after a wheel step.
      const before = wheels.filter((w) => w <= posted[0]!)
      expect(posted[0]! - before[before.length - 1]!).toBeGreaterThanOrEqual(QUIET_MS - 5)
    } finally {
      scope.stop()
    }
  })
})
