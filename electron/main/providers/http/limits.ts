/**
 * How long and how much a vendor may take. A slow, silent or flooding vendor ends as a clear
 * error within these bounds, never as a hang or a memory blow-up. README and SECURITY.md state
 * them; tests pass shorter ones (test/support/sandbox-fixture.ts), and one test keeps these
 * production figures within what the README promises.
 */
export interface VendorLimits {
  /** One attempt: connecting, the headers and the whole body (a body that trickles ends here). */
  attemptMs: number
  /** One call: all its tries and the waits between them, from its first attempt. */
  callBudgetMs: number
  /** One refresh of one connection: every page. */
  refreshBudgetMs: number
  /** The largest answer read; the rest is not read. */
  maxResponseBytes: number
}

export const DEFAULT_LIMITS: VendorLimits = {
  attemptMs: 10_000,
  // A vendor that never answers is reported within 30 s: tries of 10 s, cut off at 25 s.
  callBudgetMs: 25_000,
  // 50,000 tokens are 500 pages; at a slow 1 s a page, 6 at a time, that is about 85 s.
  refreshBudgetMs: 120_000,
  // A page of 100 tokens is about 150 KB; 20 MB is more than a hundred times that.
  maxResponseBytes: 20 * 1024 * 1024,
}

/** "20 MB", "512 KB": the cap as people read it. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** "45 s", "60 min", "3 h": a wait as people read it. */
export function formatWait(seconds: number): string {
  if (seconds < 120) return `${seconds} s`
  if (seconds < 2 * 3600) return `${Math.round(seconds / 60)} min`
  return `${Math.round(seconds / 3600)} h`
}
