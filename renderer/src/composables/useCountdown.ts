import { computed, onScopeDispose, ref } from 'vue'

/** Seconds left until a moment; `start(ms)` (re)starts it, `stop()` ends it. */
export function useCountdown(onDone?: () => void) {
  const until = ref<number | null>(null)
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | undefined
  const stop = (): void => {
    clearInterval(timer)
    until.value = null
  }
  const start = (ms: number): void => {
    clearInterval(timer)
    now.value = Date.now()
    until.value = now.value + ms
    timer = setInterval(() => {
      now.value = Date.now()
      if (until.value !== null && now.value >= until.value) {
        stop()
        onDone?.()
      }
    }, 250)
  }
  onScopeDispose(() => clearInterval(timer))
  const seconds = computed(() => (until.value === null ? 0 : Math.max(0, Math.ceil((until.value - now.value) / 1000))))
  return { start, stop, seconds, running: computed(() => until.value !== null) }
}
