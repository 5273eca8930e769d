import { describe, expect, it } from 'vitest'
import { findLookalikes, skeleton } from '@/lookalike'

const t = (key: string, name: string | null) => ({ key, name })

describe('lookalike names', () => {
  it('reduces names to what they look like', () => {
    expect(skeleton('Audit\u200Bscript')).toBe(skeleton('Auditscript'))
    expect(skeleton('P\u0430ypal')).toBe(skeleton('Paypal')) // Cyrillic а
    expect(skeleton('Billing\u00A0export')).toBe(skeleton('Billing export'))
    expect(skeleton('Audit script – GitHub')).not.toBe(skeleton('Audit script – GitLab'))
  })

  it('flags names that look the same but differ, and not identical or different ones', async () => {
    const flagged = await findLookalikes([
      t('a', 'Audit\u200Bscript'),
      t('b', 'Auditscript'),
      t('c', 'Auditscript'),
      t('d', 'Nightly sync'),
      t('e', 'Nightly sync'),
      t('f', null),
      t('g', 'Deploy \u202Eexe'),
    ])
    expect([...flagged.keys()].sort()).toEqual(['a', 'b', 'c'])
    expect(flagged.get('a')).toBe('Auditscript')
    expect(flagged.get('b')).toBe('Audit\u200Bscript')
  })

  it('handles 50,000 names, giving the thread back whenever its budget runs out', async () => {
    const many = Array.from({ length: 50_000 }, (_, i) => t(`k${i}`, `Audit script – GitHub Actions ${i}`))
    let pauses = 0
    let used = 0
    const budget = { expired: () => ++used % 1000 === 0, next: async () => void pauses++ }
    expect((await findLookalikes(many, budget)).size).toBe(0)
    expect(pauses).toBe(50)
  })
})
