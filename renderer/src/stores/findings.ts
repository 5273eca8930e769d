/**
 * The policy's findings as the window holds them: one Map of token key → findings mask (bit i:
 * RULES[i]) and the compliance summary, from main's compact payload — asked for once, then
 * replaced whole on each `findings:changed` (main evaluates once per change). The grid's column,
 * filter and sort read the Map; nothing here evaluates a policy or calls main per row.
 */
import type { FindingsSnapshot } from '@common/findings-view'
import { RULES, type ComplianceSummary, type RuleId, type Severity } from '@common/policy'
import { defineStore } from 'pinia'
import { computed, markRaw, shallowRef } from 'vue'
import { call, onEvent } from '@/api'

/** A rule as the window names it: its id, severity and bit. */
export const RULE_INFO: ReadonlyArray<{ id: RuleId; severity: Severity; bit: number; summary: string }> = RULES.map((r, i) => ({ id: r.id, severity: r.severity, bit: 1 << i, summary: r.summary }))

/** Each rule in a few words (the filter's choices, the column's tooltip). */
export const RULE_LABEL: Readonly<Record<RuleId, string>> = {
  'max-age': 'Too old',
  'no-expiry': 'No expiry',
  'max-lifetime': 'Lifetime too long',
  unused: 'Unused',
  'no-owner': 'No owner',
  expiring: 'Expiring soon',
}

export const useFindingsStore = defineStore('findings', () => {
  const masks = shallowRef<ReadonlyMap<string, number>>(markRaw(new Map()))
  const summary = shallowRef<ComplianceSummary | null>(null)
  const policy = shallowRef<FindingsSnapshot['policy']>('none')
  const flagged = shallowRef(0)
  /** The first payload has arrived: until then a findings sort or filter has nothing to go on. */
  const loaded = shallowRef(false)
  let unsubscribe: (() => void) | null = null
  let asked = 0

  function apply(s: FindingsSnapshot): void {
    const next = new Map<string, number>()
    for (let i = 0; i < s.keys.length; i++) next.set(s.keys[i]!, s.masks[i]!)
    masks.value = markRaw(next)
    summary.value = markRaw(s.summary)
    policy.value = s.policy
    flagged.value = s.flagged
    loaded.value = true
  }

  async function load(): Promise<void> {
    unsubscribe ??= onEvent('findings:changed', (s) => {
      asked++ // a push after an ask wins over the ask's (older) answer
      apply(s)
    })
    const mine = ++asked
    try {
      const s = await call('findings:all')
      if (mine === asked) apply(s)
    } finally {
      // Failed: no findings (no column), and the views that wait for them go on without.
      loaded.value = true
    }
  }

  /** A policy is in force (the Findings column, filter and figure show). */
  const active = computed(() => policy.value === 'ok')
  const findingsOf = (key: string): number => masks.value.get(key) ?? 0

  return { masks, summary, policy, flagged, loaded, active, load, findingsOf }
})
