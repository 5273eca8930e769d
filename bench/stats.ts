/** Small statistics the bench modules share: medians, percentiles, spreads, ratios. */
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

export const percentile = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))]!

const round = (x: number): number => (Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 100) / 100)

/** "median (min–max)" of a series, rounded for people. */
export function spread(xs: number[]): string {
  return `${round(median(xs))} (${round(Math.min(...xs))}–${round(Math.max(...xs))})`
}

/** The median of per-round ratios a/b: each round's pair saw the same machine load. */
export function pairedRatio(a: number[], b: number[]): number {
  return median(a.map((x, i) => x / b[i]!))
}

/** Runs each task once per round, in turn, so drift in the machine's load hits all alike. */
export async function interleave<K extends string, T>(rounds: number, tasks: Record<K, () => Promise<T>>): Promise<Record<K, T[]>> {
  const out = Object.fromEntries(Object.keys(tasks).map((k) => [k, [] as T[]])) as Record<K, T[]>
  for (let r = 0; r < rounds; r++) {
    for (const k of Object.keys(tasks) as K[]) out[k].push(await tasks[k]())
  }
  return out
}

/** One printed figure: its value and, where this machine can reach one, its target ("≤ 1.2"). */
export interface Figure {
  value: number
  target?: string
}

/** What each bench module returns: its figures, and the absolute values behind them. */
export interface BenchPart {
  figures: Record<string, Figure>
  details: Record<string, number | string>
}

export function meets(value: number, target: string): boolean {
  const bound = Number(target.replace(/[^\d.]/g, ''))
  return target.startsWith('≥') ? value >= bound : value <= bound
}
