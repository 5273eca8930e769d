/**
 * A guided replace from the window: what the successor will be (from the vendor's descriptor,
 * as main will make it), and the calls that move a rotation on. Main does every step and keeps
 * the record; the rotations store hears each change. No secret passes through here: the new
 * secret is shown or copied through the lock-guarded `secret:reveal` / `secret:copy`.
 */
import type { Connection } from '@common/model'
import { PROVIDERS } from '@common/providers'
import { ROTATABLE, ROTATES_AS_IS, successorInput, type Rotation } from '@common/rotation'
import { tokenKey, type Token } from '@common/tokens'
import { vendorList } from '@common/vendors/descriptor'
import { isolate } from '@common/visible-text'
import { useToast } from 'primevue/usetoast'
import { call } from '@/api'
import { useAsyncAction } from '@/composables/useAsyncAction'
import { exactTime } from '@/format'
import { ROTATION_STATE_LABEL } from '@/labels'
import { useInventoryStore } from '@/stores/inventory'
import { useMetaStore } from '@/stores/meta'
import { useRotationsStore } from '@/stores/rotations'
import { UNNAMED } from '@/tokenText'

/** A row of the successor's preview: the create field's label and the value it will have. */
export interface PreviewRow {
  label: string
  value: string
}

/** Whether Tokendesk can replace this token (its vendor creates tokens; it is still in service). */
export function canReplace(token: Pick<Token, 'provider' | 'status'>): boolean {
  return PROVIDERS[token.provider].capabilities.create && ROTATABLE.includes(token.status)
}

/** A token in this state gets an active successor only when the user says so (main refuses it otherwise). */
export const needsConsent = (token: Pick<Token, 'status'>): boolean => !ROTATES_AS_IS.includes(token.status)

/** A rotation's state in words: a vendor without retire by API has done nothing to the old token. */
export function rotationStateLabel(r: Pick<Rotation, 'state' | 'plan'>): string {
  return r.state === 'retired' && r.plan.byHand ? 'Old token to delete on the vendor’s page' : ROTATION_STATE_LABEL[r.state]
}

/**
 * How the window names a token in a rotation: the vendor's name, else the user's display name
 * (`local`: shown as the grid shows it), else null (the caller says "Unnamed" beside its id).
 */
export function tokenLabel(vendorName: string | null, displayName: string | null | undefined): { text: string; local: boolean } | null {
  if (vendorName && vendorName.trim()) return { text: vendorName, local: false }
  return displayName && displayName.trim() ? { text: displayName, local: true } : null
}

/** For plain-text places (a toast): the name isolated with its hidden characters shown, or "Unnamed <id>". */
export function plainLabel(vendorName: string | null, displayName: string | null | undefined, id: string): string {
  const label = tokenLabel(vendorName, displayName)
  return label ? isolate(label.text) : `${UNNAMED} ${isolate(id)}`
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
  const meta = useMetaStore()
  const { busy, error, run } = useAsyncAction()
  const toast = useToast()

  /** A call that returns the rotation as it now is; the tokens are reloaded (a successor, a retired one). */
  async function step(connectionId: string, task: () => Promise<Rotation>): Promise<Rotation | null> {
    let result: Rotation | null = null
    let failed = false
    await run(async () => {
      try {
        result = await task()
      } catch (e) {
        failed = true
        throw e
      }
      store.merge([result])
    })
    // After a failure the record's note says what happened: read it now, not when its event comes.
    if (failed) await store.refresh().catch(() => undefined)
    // Also after a failure: a rolled-back successor or a half-done step shows as the vendor has it.
    await inventory.reloadTokens(connectionId).catch(() => undefined)
    return result
  }

  const start = (token: Token, connection: Connection, options: { saveToKeychain: boolean; overlapUntil: string | null; allowInactive: boolean }) =>
    step(connection.id, () => call('rotation:start', connection.id, token.id, options))
  async function advance(r: Rotation): Promise<Rotation | null> {
    const next = await step(r.connectionId, () => call('rotation:advance', r.id))
    // A deleted old token leaves the list, and its panel with this dialog: the toast stays.
    if (next?.state === 'finished') {
      const name = plainLabel(next.oldName, meta.byKey.get(tokenKey(next.connectionId, next.oldId))?.displayName, next.oldId)
      toast.add({ severity: 'success', summary: 'Token replaced', detail: `${name} is replaced: the new token ${isolate(next.successorId ?? '')} is in use.`, life: 5000 })
    }
    return next
  }
  const undo = (r: Rotation) => step(r.connectionId, () => call('rotation:undo', r.id))

  return { busy, error, start, advance, undo }
}
