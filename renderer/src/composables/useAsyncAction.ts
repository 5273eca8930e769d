/**
 * One awaited action behind a button: `busy` while it runs (spinner, disabled button), its failure
 * in words in `error` (cleared when it starts again). `onError` may take a failure over (a toast, a
 * vendor's refusal shown elsewhere) by returning true.
 */
import { ref, type Ref } from 'vue'
import { messageOf } from '@/api'

export function useAsyncAction(error: Ref<string | null> = ref(null)) {
  const busy = ref(false)
  async function run(task: () => Promise<unknown>, onError?: (e: unknown) => boolean): Promise<void> {
    busy.value = true
    error.value = null
    try {
      await task()
    } catch (e) {
      if (!onError?.(e)) error.value = messageOf(e)
    } finally {
      busy.value = false
    }
  }
  return { busy, error, run }
}
