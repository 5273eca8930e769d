/**
 * Where one page's time and heap go while it filters and scrolls (bench/profile.test.ts): a V8 CPU
 * profile (self time by function), a Chrome trace (the main thread's events by name: script,
 * style, layout, paint, GC) and a heap snapshot (retained by constructor, self sizes), summarised
 * as text for people.
 */
import type { CDPSession, Page } from 'playwright-core'
import { filterLatencies, scrollFrames } from './render-probes'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  hitCount?: number
  children?: number[]
}

const top = (m: Map<string, number>, n: number, unit: string): string[] =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `  ${v.toFixed(1).padStart(9)} ${unit}  ${k}`)

export async function cpuProfile(cdp: CDPSession, work: () => Promise<unknown>): Promise<string[]> {
  await startCpuProfile(cdp)
  await work()
  return stopCpuProfile(cdp)
}

export async function startCpuProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
}

/**
 * The profile since startCpuProfile: self time by function, then total time (with callees); with
 * `longestTasks`, also the total time by function within each of that many longest runs of busy
 * samples (a task, roughly), which says what one long frame was made of.
 */
export async function stopCpuProfile(cdp: CDPSession, longestTasks = 0): Promise<string[]> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] } }
  const perSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length)
  const self = new Map<string, number>()
  for (const n of profile.nodes) {
    const f = n.callFrame
    const where = f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''
    const name = `${f.functionName || '(anonymous)'} ${where}`.trim()
    self.set(name, (self.get(name) ?? 0) + (n.hitCount ?? 0) * perSample)
  }
  // Total (self + callees) by function, each function counted once per stack (recursion).
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const nameOf = (n: ProfileNode): string => {
    const f = n.callFrame
    return `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`.trim()
  }
  const total = new Map<string, number>()
  const walk = (id: number, onStack: Set<string>): number => {
    const n = byId.get(id)!
    const name = nameOf(n)
    const inner = onStack.has(name) ? onStack : new Set(onStack).add(name)
    let ms = (n.hitCount ?? 0) * perSample
    for (const c of n.children ?? []) ms += walk(c, inner)
    if (!onStack.has(name)) total.set(name, (total.get(name) ?? 0) + ms)
    return ms
  }
  walk(profile.nodes[0]!.id, new Set())
  return [...top(self, 25, 'ms'), '  — total (with callees):', ...top(total, 40, 'ms'), ...taskTrees(profile, byId, nameOf, longestTasks)]
}

/** For the `n` longest runs of samples between idle ones: time by function (with callees) in each. */
function taskTrees(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }, byId: Map<number, ProfileNode>, nameOf: (n: ProfileNode) => string, n: number): string[] {
  if (n <= 0) return []
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id)
  const idle = (id: number) => byId.get(id)!.callFrame.functionName === '(idle)'
  const runs: { from: number; to: number; ms: number }[] = []
  let from = -1
  for (let i = 0; i <= profile.samples.length; i++) {
    const busy = i < profile.samples.length && !idle(profile.samples[i]!)
    if (busy && from < 0) from = i
    if (!busy && from >= 0) {
      let ms = 0
      for (let j = from + 1; j <= i && j < profile.timeDeltas.length; j++) ms += profile.timeDeltas[j]! / 1000
      runs.push({ from, to: i, ms })
      from = -1
    }
  }
  const lines: string[] = []
  for (const run of runs.sort((a, b) => b.ms - a.ms).slice(0, n)) {
    const byName = new Map<string, number>()
    for (let i = run.from; i < run.to; i++) {
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000
      const seen = new Set<string>()
      for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
        const name = nameOf(byId.get(id)!)
        if (seen.has(name)) continue
        seen.add(name)
        byName.set(name, (byName.get(name) ?? 0) + ms)
      }
    }
    lines.push(`  — one task of ${run.ms.toFixed(0)} ms, by function (with callees):`, ...top(byName, 30, 'ms'))
  }
  return lines
}

interface TraceEvent {
  name: string
  ph: string
  dur?: number
  pid: number
  tid: number
  args?: { name?: string }
}

export async function trace(page: Page, work: () => Promise<unknown>): Promise<string[]> {
  const browser = page.context().browser()!
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'] })
  await work()
  const buffer = await browser.stopTracing()
  const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  const byName = new Map<string, number>()
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined || !main || e.pid !== main.pid || e.tid !== main.tid) continue
    byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000)
  }
  return top(byName, 45, 'ms')
}

/** Heap by constructor (self sizes), from a snapshot after a forced GC. */
async function heapByConstructor(cdp: CDPSession): Promise<string[]> {
  await cdp.send('HeapProfiler.enable')
  await cdp.send('HeapProfiler.collectGarbage')
  const chunks: string[] = []
  const onChunk = (e: { chunk: string }): void => void chunks.push(e.chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  const snap = JSON.parse(chunks.join('')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] }
  const fields = snap.snapshot.meta.node_fields
  const types = snap.snapshot.meta.node_types[0]
  const [typeAt, nameAt, sizeAt] = [fields.indexOf('type'), fields.indexOf('name'), fields.indexOf('self_size')]
  const bytes = new Map<string, number>()
  const counts = new Map<string, number>()
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + typeAt]!]!
    const key = type === 'object' || type === 'closure' ? `${snap.strings[snap.nodes[i + nameAt]!]} (${type})` : `(${type})`
    bytes.set(key, (bytes.get(key) ?? 0) + snap.nodes[i + sizeAt]! / 1024 / 1024)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return top(bytes, 25, 'MB').map((line) => `${line}  ×${counts.get(line.split('MB  ')[1]!)}`)
}

export async function profilePage(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page)
  const heap = await heapByConstructor(cdp)
  const filterCpu = await cpuProfile(cdp, () => filterLatencies(page, 20))
  const scrollCpu = await cpuProfile(cdp, () => scrollFrames(page))
  const filterTrace = await trace(page, () => filterLatencies(page, 20))
  const scrollTrace = await trace(page, () => scrollFrames(page))
  return [
    '## heap by constructor (self size)',
    ...heap,
    '## filter: 20 keystrokes — CPU self time',
    ...filterCpu,
    '## filter: trace, main thread',
    ...filterTrace,
    '## scroll: 3 s — CPU self time',
    ...scrollCpu,
    '## scroll: trace, main thread',
    ...scrollTrace,
  ].join('\n')
}

/**
 * The main thread's longest tasks while `work` runs, each with the events inside it by name
 * (time with nested events): says what a long task with no script in it was (a message taken
 * in, a collection, a parse).
 */
export async function longestTaskEvents(page: Page, work: () => Promise<unknown>, n = 3): Promise<string[]> {
  const browser = page.context().browser()!
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'loading', 'ipc', 'mojom'] })
  await work()
  const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: Array<TraceEvent & { ts: number }> }).traceEvents
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
  const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask').sort((a, b) => b.dur! - a.dur!)
  const lines: string[] = []
  for (const task of tasks.slice(0, n)) {
    const inside = new Map<string, number>()
    for (const e of onMain) if (e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!) inside.set(e.name, (inside.get(e.name) ?? 0) + e.dur! / 1000)
    lines.push(`  — task of ${(task.dur! / 1000).toFixed(0)} ms, events inside:`, ...top(inside, 15, 'ms'))
  }
  return lines
}
