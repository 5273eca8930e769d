/**
 * The inventory's keyboard: search (Ctrl+F, Esc, Enter, ↓), the active row (Enter opens, Space
 * checks, Delete deletes when its vendor allows it, Esc closes the details) and Ctrl+Shift+C to
 * copy its secret. Every shortcut acts on the active row, which is always one in view; a key in a
 * dialog, a field or a button belongs to it.
 */
import type { Connection } from '@common/model'
import { PROVIDERS } from '@common/providers'
import type { Token } from '@common/tokens'
import { allows } from '@common/vendors/descriptor'
import { nextTick, onBeforeUnmount, onMounted, type Ref } from 'vue'
import type { useTokenActions } from '@/features/token/useTokenActions'
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
  details: Ref<{ copySecret(): Promise<void> | undefined } | null>
}

function inDialog(e: KeyboardEvent): boolean {
  return (e.target instanceof HTMLElement && !!e.target.closest('.p-dialog, .p-popover, .p-select-overlay, .p-multiselect-overlay')) || !!document.querySelector('.p-dialog-mask')
}

export function useInventoryShortcuts(t: InventoryShortcutTargets): void {
  const { selection, query, actions, shownRows, connections, table, toolbar, details } = t

  async function copyActive(): Promise<void> {
    const token = selection.active.value
    if (!token) return
    selection.open(token)
    await nextTick()
    await details.value?.copySecret()
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
    } else if (!target?.matches('[data-testid=token-rows]') && target !== document.body) {
      return // Enter, Space and Delete belong to the focused field or button (the grid's own included)
    } else if (e.key === 'Enter' && selection.active.value) {
      e.preventDefault()
      selection.open()
    } else if (e.key === ' ' && selection.active.value) {
      e.preventDefault()
      selection.toggle(selection.active.value)
    } else if (e.key === 'Delete' && selection.active.value) {
      const token = selection.active.value
      const c = connections.value.get(token.connectionId)
      if (c && allows(PROVIDERS[c.provider], 'delete', token.status)) {
        e.preventDefault()
        actions.run(token, c, 'delete')
      }
    }
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
