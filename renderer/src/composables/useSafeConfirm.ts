/**
 * Confirmations whose sentences mix the app's words with untrusted text (a token's name, a
 * client, a label): each untrusted run is rendered isolated and with its hidden characters shown
 * (SafeConfirmDialog). Every confirmation opens on Cancel: Enter never confirms by accident.
 */
import { revealHidden } from '@common/visible-text'
import type { ConfirmationOptions } from 'primevue/confirmationoptions'
import { useConfirm } from 'primevue/useconfirm'

/** A run of a sentence: the app's own words, or untrusted text (`local`: the user's own name for a token, in italics as in the grid). */
export type Run = string | { value: string; local?: boolean }
export type Sentence = Run[]

export interface SafeConfirmation {
  group?: string
  header: string
  sentences: Sentence[]
  acceptLabel: string
  /** What the safe choice says (default Cancel); focus starts on it. */
  rejectLabel?: string
  danger: boolean
  icon?: string
  accept: () => void
  reject?: () => void
  onHide?: () => void
}

/** The options as the dialog receives them: PrimeVue passes the whole object to the message slot. */
export type SafeConfirmationOptions = ConfirmationOptions & { sentences: Sentence[] }

export function plainSentences(sentences: Sentence[]): string {
  return sentences.map((s) => s.map((r) => (typeof r === 'string' ? r : revealHidden(r.value))).join('')).join('\n\n')
}

export function useSafeConfirm() {
  const confirm = useConfirm()
  return (c: SafeConfirmation): void => {
    const options: SafeConfirmationOptions = {
      group: c.group,
      header: c.header,
      message: plainSentences(c.sentences),
      sentences: c.sentences,
      icon: c.icon ?? (c.danger ? 'pi pi-exclamation-triangle' : 'pi pi-info-circle'),
      defaultFocus: 'reject',
      rejectProps: { label: c.rejectLabel ?? 'Cancel', severity: 'secondary', outlined: true },
      acceptProps: { label: c.acceptLabel, severity: c.danger ? 'danger' : 'primary' },
      accept: c.accept,
      reject: c.reject,
      onHide: c.onHide,
    }
    confirm.require(options)
  }
}
