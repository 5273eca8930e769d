/** Sandbox data with an exact number of tokens per vendor account. */
import type { SandboxData } from '../../electron/main/sandbox/model'
import { Random } from '../../electron/main/sandbox/random'
import { fynnToken, mptToken, prefactorToken } from '../../electron/main/sandbox/seed'

export function exactData(count: number, accounts = 1, seed = 7): SandboxData {
  const r = new Random(seed)
  const now = Date.now()
  const range = (n: number) => Array.from({ length: n }, (_, i) => i)
  return {
    mpt: range(accounts).map((i) => {
      const account = { id: `ACC-000${i}-0000`, name: `Account ${i}` }
      return { credential: `idt:TKN-9999-000${i}:credential-${i}`, accountId: account.id, accountName: account.name, tokens: range(count).map(() => mptToken(r, account, now)) }
    }),
    fynn: range(accounts).map((i) => ({ credential: `fynn-credential-${i}`, accountId: '', accountName: `F${i}`, tokens: range(count).map(() => fynnToken(r, now)) })),
    prefactor: range(accounts).map((i) => {
      const accountId = `pfacc${i}`.padEnd(32, '0')
      return { credential: `pf-credential-${i}`, accountId, accountName: `P${i}`, tokens: range(count).map(() => prefactorToken(r, accountId, now)) }
    }),
  }
}
