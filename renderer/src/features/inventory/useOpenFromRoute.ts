import type { Token } from '@common/tokens'
import { watch, type Ref } from 'vue'
import { useRoute } from 'vue-router'

/** A link may ask to open one token (`?open=<key>`, Review's rows): once it is in view, open it. */
export function useOpenFromRoute(shownRows: Ref<readonly Token[]>, openToken: Ref<Token | null>, open: (t: Token) => void): void {
  const route = useRoute()
  watch(
    [() => route.query.open, shownRows],
    ([key]) => {
      if (typeof key !== 'string' || openToken.value?.key === key) return
      const t = shownRows.value.find((x) => x.key === key)
      if (t) open(t)
    },
    { immediate: true },
  )
}
