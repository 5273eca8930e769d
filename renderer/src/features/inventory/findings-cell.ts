/**
 * What the grid's Findings cell shows for a findings mask: an icon and a count, the worst
 * severity's tone, and the rules in its tooltip. One object per distinct mask (a handful), shared
 * by every row: scrolling 50,000 rows computes nothing.
 */
import type { Severity } from '@common/policy'
import { RULE_INFO, RULE_LABEL } from '@/stores/findings'

export interface FindingsCell {
  count: number
  severity: Severity | 'none'
  icon: string
  title: string
}

const cells = new Map<number, FindingsCell>()

export function findingsCell(mask: number): FindingsCell {
  let cell = cells.get(mask)
  if (!cell) {
    const rules = RULE_INFO.filter((r) => mask & r.bit)
    const severity = rules.some((r) => r.severity === 'error') ? 'error' : rules.length ? 'warning' : 'none'
    cell = {
      count: rules.length,
      severity,
      icon: severity === 'error' ? 'pi pi-times-circle' : 'pi pi-exclamation-triangle',
      title: rules.length ? `${rules.length} finding${rules.length === 1 ? '' : 's'}: ${rules.map((r) => `${RULE_LABEL[r.id]} (${r.id}, ${r.severity})`).join('; ')}` : 'No findings',
    }
    cells.set(mask, cell)
  }
  return cell
}
