/**
 * The inventory's keyboard: search (Ctrl+F, Esc, Enter, ↓), the active row (Enter opens, Space
 * checks, Delete deletes when its vendor allows it, Esc closes the details) and Ctrl+Shift+C to
 * copy its secret. Every shortcut acts on the active row, which is always one in view (none when
 * it left: then nothing acts until the user picks a row); a key in a dialog, a field or a button
 * belongs to it.
 *
 * Ctrl+Shift+C copies the token active when the key was pressed, whatever ↑/↓ do while main copies:
 * the toast names the token copied and its client, and only that token's details say "Copied".
 */
import type { Connection } from '@common/model'
import { PROVIDERS } from '@common/providers'
import type { Token } from '@common/tokens'
import { allows } from '@common/vendors/descriptor'
import { isolate } from '@common/visible-text'
import { useToast } from 'primevue/usetoast'
import { onBeforeUnmount, onMounted, type Ref } from 'vue'
import { messageOf } from '@/api'
import { useSecretCopy } from '@/features/token/useSecretCopy'
import type { useTokenActions } from '@/features/token/useTokenActions'
import { clientName } from '@/labels'
import { plainTokenName } from '@/tokenText'
import type { useSelection } from './useSelection'
import type { useTokenQuery } from './useTokenQuery'

export interface InventoryShortcutTargets {
  selection: ReturnType<typeof useSelection>
  query: ReturnType<typeof useTokenQuery>
  actions: ReturnType<typeof useTokenActions>
  shownRows: Readonly<Ref<readonly Token[]>>
  connections: Ref<ReadonlyMap<string, Connection>>
  table: Ref<{ focus(): void } | null>
  toolbar: Ref<{ focusSearch(): void } | null>
}

const OPEN_DIALOG = '.p-dialog-mask:not(.p-overlay-mask-leave-active)'
/**
 * Keys pressed while a modal dialog was open, noted before anything handles them (the window's
 * capture phase): the Esc that closes a dialog has closed it by the time it reaches us — with focus
 * on the page (a clicked paragraph, a button that went away) it would close the details too.
 */
const keysInDialog = new WeakSet<KeyboardEvent>()
function noteDialogKey(e: KeyboardEvent): void {
  if (document.querySelector(OPEN_DIALOG)) keysInDialog.add(e)
}

/**
 * A key in a dialog, popover or dropdown belongs to it; so does any key pressed while a modal
 * dialog was open. A dialog on its way out (Esc pressed, its closing animation running) no longer
 * counts: PrimeVue has already given focus back, and the keys typed right after Esc must act.
 */
function inDialog(e: KeyboardEvent): boolean {
  return (e.target instanceof HTMLElement && !!e.target.closest('.p-dialog, .p-popover, .p-select-overlay, .p-multiselect-overlay')) || keysInDialog.has(e) || !!document.querySelector(OPEN_DIALOG)
}

export function useInventoryShortcuts(t: InventoryShortcutTargets): void {
  const { selection, query, actions, shownRows, connections, table, toolbar } = t
  const toast = useToast()
  const copySecret = useSecretCopy()

  async function copyActive(): Promise<void> {
    const token = selection.active.value
    const connection = token ? connections.value.get(token.connectionId) : undefined
    if (!token || !connection) {
      toast.add({ severity: 'warn', summary: 'Nothing copied', detail: 'No token is highlighted. Pick one with ↑/↓ or a click, then copy.', life: 5000 })
      return
    }
    selection.open(token)
    const where = `${isolate(clientName(connection.client))} · ${isolate(connection.label)}`
    try {
      const done = await copySecret(token, connection)
      if (!done) return
      const seconds = Math.max(0, Math.round((done.clearsAt - Date.now()) / 1000))
      toast.add({ severity: 'success', summary: 'Secret copied', detail: `${plainTokenName(done.token)} for ${where} · the clipboard clears in ${seconds} s`, life: 5000 })
    } catch (error) {
      toast.add({ severity: 'warn', summary: 'Nothing copied', detail: `${plainTokenName(token)} for ${where}: ${messageOf(error)}`, life: 8000 })
    }
  }

  function onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || inDialog(e)) return
    const mod = e.ctrlKey || e.metaKey
    const target = e.target instanceof HTMLElement ? e.target : null
    const inSearch = !!target?.closest('.td-toolbar__search')
    const key = e.key.toLowerCase()
    if (mod && !e.shiftKey && key === 'f') {
      e.preventDefault()
      toolbar.value?.focusSearch()
    } else if (mod && e.shiftKey && key === 'c') {
      e.preventDefault()
      void copyActive()
    } else if (mod || e.altKey) {
      return
    } else if (inSearch && e.key === 'Escape' && query.filter.value.text) {
      e.preventDefault()
      query.update({ text: '' })
    } else if (inSearch && e.key === 'Enter' && shownRows.value.length === 1) {
      e.preventDefault()
      selection.open(shownRows.value[0])
      table.value?.focus() // Esc then closes the details; ↑/↓ move on
    } else if (inSearch && e.key === 'ArrowDown') {
      e.preventDefault()
      table.value?.focus()
      if (selection.activeIndex.value < 0) selection.activate(0)
    } else if (e.key === 'Escape' && selection.openToken.value) {
      selection.close()
      table.value?.focus()
    } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && (!target || target === document.body)) {
      // Focus fell to the page (what had it went away: a closed panel's button, a removed row): the arrows still move through the rows.
      e.preventDefault()
      table.value?.focus()
      selection.move(e.key === 'ArrowDown' ? 1 : -1)
    } else if (!target?.matches('[data-testid=token-rows]') && target !== document.body) {
      return // Enter, Space and Delete belong to the focused field or button (the grid's own included)
    } else if (e.key === 'Enter' && selection.active.value) {
      e.preventDefault()
      selection.open()
    } else if (e.key === ' ') {
      // Space ticks the active row; with none (it left the view), it does nothing — not scroll the rows away.
      e.preventDefault()
      if (selection.active.value) selection.toggle(selection.active.value)
    } else if (e.key === 'Delete' && selection.active.value) {
      const token = selection.active.value
      const c = connections.value.get(token.connectionId)
      if (c && allows(PROVIDERS[c.provider], 'delete', token.status)) {
        e.preventDefault()
        actions.run(token, c, 'delete')
      }
    }
  }
  onMounted(() => {
    window.addEventListener('keydown', noteDialogKey, true)
    window.addEventListener('keydown', onKey)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', noteDialogKey, true)
    window.removeEventListener('keydown', onKey)
  })
}
