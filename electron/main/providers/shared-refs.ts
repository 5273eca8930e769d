/**
 * One object per distinct `{ id, name }` within one list call. A connection's tokens repeat the
 * same few of them — one account, a handful of creators, a few modules — and a refresh keeps every
 * Token it maps: shared, a connection's 1,000 tokens hold one account object (and one copy of its
 * strings) instead of 1,000, and the collector has that much less to copy out of the young
 * generation and to mark. Looked up by id then name (no key string built per token).
 *
 * Safe because Tokens are never changed in place (the inventory replaces them whole) and only
 * ever leave the process as copies (IPC, JSON).
 */

/** A person, an account or a module: a type, not an interface, so that it is also a VendorValue. */
export type Ref = { id: string | null; name: string | null }

export interface SharedRefs {
  /** The same object for equal ids and names; null for none. */
  ref(value: Ref): Ref
  ref(value: Ref | null | undefined): Ref | null
}

export function sharedRefs(): SharedRefs {
  const byId = new Map<string | null, Map<string | null, Ref>>()
  function ref(value: Ref | null | undefined): Ref | null {
    if (!value) return null
    let byName = byId.get(value.id)
    if (!byName) byId.set(value.id, (byName = new Map()))
    let shared = byName.get(value.name)
    if (!shared) byName.set(value.name, (shared = { id: value.id, name: value.name }))
    return shared
  }
  return { ref: ref as SharedRefs['ref'] }
}
