/** Tokens in an open rotation, for `tokens list` (a field and a marker) and `tokens insights`. */
import { isOpen, type Rotation, type RotationState } from '../../common/rotation'
import { tokenKey } from '../../common/tokens'
import type { Services } from '../services'

/** A token's part in an open rotation: the one being replaced (`old`) or its successor. */
export interface RotationMark {
  id: string
  state: RotationState
  role: 'old' | 'successor'
  /** The other token's id (the successor of an old token, the old token of a successor); null while the successor is being made. */
  other: string | null
}

/** Every token in an open rotation, by key (`<connectionId>/<tokenId>`). */
export async function rotationMarks(services: Services): Promise<{ marks: Map<string, RotationMark>; open: Rotation[] }> {
  const open = (await services.rotations.list()).filter(isOpen)
  const marks = new Map<string, RotationMark>()
  for (const r of open) {
    marks.set(tokenKey(r.connectionId, r.oldId), { id: r.id, state: r.state, role: 'old', other: r.successorId })
    if (r.successorId) marks.set(tokenKey(r.connectionId, r.successorId), { id: r.id, state: r.state, role: 'successor', other: r.oldId })
  }
  return { marks, open }
}

/** The marker the table shows: "↻ being replaced by X" / "↻ replaces X". */
export function markText(m: RotationMark): string {
  return m.role === 'old' ? `↻ being replaced${m.other ? ` by ${m.other}` : ''} (${m.state})` : `↻ replaces ${m.other} (${m.state})`
}
