/**
 * The lookalike check (lookalike.ts) off the window's thread: names in, flagged keys out. With
 * 50,000 tokens the check and the garbage it makes cost scrolled frames on the window's thread.
 */
import { findLookalikes } from '@/lookalike'

addEventListener('message', (event: MessageEvent<{ keys: string[]; names: Array<string | null> }>) => {
  const { keys, names } = event.data
  void findLookalikes(keys.map((key, i) => ({ key, name: names[i] ?? null }))).then((found) => (self as unknown as Worker).postMessage([...found]))
})
