import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api'
import { useAsyncAction } from '@/composables/useAsyncAction'

describe('useAsyncAction', () => {
  it('is busy while the task runs, says a failure in words, and clears it on the next run', async () => {
    const { busy, error, run } = useAsyncAction()
    let finish!: () => void
    const running = run(() => new Promise<void>((resolve) => (finish = resolve)))
    expect(busy.value).toBe(true)
    finish()
    await running
    expect(busy.value).toBe(false)
    await run(async () => {
      throw new ApiError({ kind: 'auth', message: 'The vendor refused the credential.' })
    })
    expect([busy.value, error.value]).toEqual([false, 'The vendor refused the credential.'])
    await run(async () => undefined)
    expect(error.value).toBeNull()
  })

  it('lets onError take a failure over', async () => {
    const { error, run } = useAsyncAction()
    const taken: unknown[] = []
    await run(
      async () => {
        throw new Error('boom')
      },
      (e) => taken.push(e) > 0,
    )
    expect(taken).toHaveLength(1)
    expect(error.value).toBeNull()
  })
})
