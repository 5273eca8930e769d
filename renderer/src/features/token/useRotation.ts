/**
 * A guided replace from the window: what the successor will be (from the vendor's descriptor,
 * as main will make it), and the calls that move a rotation on. Main does every step and keeps
 * the record; the rotations store hears each change. No secret passes through here: the new
 * secret is shown or copied through the lock-guarded `secret:reveal` / `secret:copy`.
 */
import type { Connection } from '@common/model'
import { PROVIDERS } from '@common/providers'
import { ROTATABLE, successorInput, type Rotation } from '@common/rotation'
import type { Token } from '@common/tokens'
import { vendorList } from '@common/vendors/descriptor'
import { isolate } from '@common/visible-text'
import { useToast } from 'primevue/usetoast'
import { call } from '@/api'
import { useAsyncAction } from '@/composables/useAsyncAction'
import { exactTime } from '@/format'
import { useInventoryStore } from '@/stores/inventory'
import { useRotationsStore } from '@/stores/rotations'

/** A row of the successor's preview: the create field's label and the value it will have. */
export interface PreviewRow {
  label: string
  value: string
}

/** Whether Tokendesk can replace this token (its vendor creates tokens; it is still in service). */
export function canReplace(token: Pick<Token, 'provider' | 'status'>): boolean {
  return PROVIDERS[token.provider].capabilities.create && ROTATABLE.includes(token.status)
}

/** The successor as main will create it, in words; `problem`: why it cannot be made as it is. */
export function successorPreview(token: Token, now: Date): { rows: PreviewRow[]; problem: string | null } {
  const vendor = PROVIDERS[token.provider]
  const { input, missing, problems } = successorInput(vendor, token, now)
  const names = new Map(vendor.choicesFrom ? vendorList(token, vendor.choicesFrom).map((e) => [e.id, e.name ?? e.id] as const) : [])
  const rows = (vendor.create ?? []).map((f) => {
    const v = input[f.key]
    let value: string
    if (f.kind === 'expiry') value = typeof v === 'string' ? `${exactTime(v)} (the same lifetime, from today)` : 'Never'
    else if (f.kind === 'choice') value = f.options.find((o) => o.value === v)?.label ?? String(v ?? '—')
    else if (Array.isArray(v)) value = v.length ? v.map((id: string) => names.get(id) ?? id).join(', ') : 'None'
    else value = v === null || v === undefined || v === '' ? '—' : String(v)
    return { label: f.label, value }
  })
  const problem = missing.includes('expiresAt')
    ? 'Its lifetime is not known (the vendor gives no creation date), so Tokendesk cannot give the new token the same one.'
    : missing.length || Object.keys(problems).length
      ? `The new token cannot have the same attributes: ${Object.values(problems)[0] ?? `${missing.join(', ')} unknown`}.`
      : null
  return { rows, problem }
}

export function useRotation() {
  const store = useRotationsStore()
  const inventory = useInventoryStore()
  const { busy, error, run } = useAsyncAction()
  const toast = useToast()

  /** A call that returns the rotation as it now is; the tokens are reloaded (a successor, a retired one). */
  async function step(connectionId: string, task: () => Promise<Rotation>): Promise<Rotation | null> {
    let result: Rotation | null = null
    await run(async () => {
      result = await task()
      store.merge([result])
    })
    // Also after a failure: a rolled-back successor or a half-done step shows as the vendor has it.
    await inventory.reloadTokens(connectionId).catch(() => undefined)
    return result
  }

  const start = (token: Token, connection: Connection, options: { saveToKeychain: boolean; overlapUntil: string | null }) =>
    step(connection.id, () => call('rotation:start', connection.id, token.id, options))
  async function advance(r: Rotation): Promise<Rotation | null> {
    const next = await step(r.connectionId, () => call('rotation:advance', r.id))
    // A deleted old token leaves the list, and its panel with this dialog: the toast stays.
    if (next?.state === 'finished') toast.add({ severity: 'success', summary: 'Token replaced', detail: `The new token ${isolate(next.successorId ?? '')} is in use.`, life: 5000 })
    return next
  }
  const undo = (r: Rotation) => step(r.connectionId, () => call('rotation:undo', r.id))

  return { busy, error, start, advance, undo }
}
