/** Words the window uses in more than one place, so each is said one way. */
import { PROVIDER_IDS, PROVIDERS } from '@common/providers'
import type { RotationState } from '@common/rotation'
import type { TokenStatus } from '@common/tokens'
import { joinNames } from '@common/vendors/descriptor'

/** Every vendor, as a chooser names it: "A, B or C". */
export const VENDOR_CHOICES = joinNames(PROVIDER_IDS.map((id) => PROVIDERS[id].choiceName))

/** "a" or "an" before a name. */
export function article(name: string): string {
  return /^[aeiou]/i.test(name) ? 'an' : 'a'
}

/** A token's status in words (badges, tooltips, charts). */
export const STATUS_LABEL: Readonly<Record<TokenStatus, string>> = {
  active: 'Active',
  disabled: 'Disabled',
  suspended: 'Suspended',
  revoked: 'Revoked',
  deleted: 'Deleted',
  unknown: 'Unknown',
}

/** A connection's client, or that it has none; `inSentence`: lower case, for the middle of a sentence. */
export function clientName(client: string, inSentence = false): string {
  return client || (inSentence ? 'no client' : 'No client')
}

/** What was done to a token, as its Activity tab lists it (the action names main records). */
export const ACTIVITY_LABEL: Readonly<Record<string, string>> = {
  create: 'Created', update: 'Edited', delete: 'Deleted', enable: 'Enabled', disable: 'Disabled', suspend: 'Suspended',
  activate: 'Activated', revoke: 'Revoked', reveal: 'Secret shown', copy: 'Secret copied', 'attach-secret': 'Secret attached',
  rotate: 'Replacement created', 'rotate-switch': 'Connection switched to the replacement', 'rotate-retire': 'Retired after replacement',
  'rotate-finish': 'Replacement finished', 'rotate-undo': 'Replacement undone',
}

/** A rotation's state in words (the details' banner, the replace dialog). */
export const ROTATION_STATE_LABEL: Readonly<Record<RotationState, string>> = {
  creating: 'Creating the new token',
  created: 'Keeping the new secret',
  overlap: 'Both tokens work (overlap)',
  retired: 'Old token retired',
  finished: 'Replaced',
  'rolled-back': 'Undone',
}
