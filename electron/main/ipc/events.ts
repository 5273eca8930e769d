/**
 * The one path from services to windows: each service event a window must hear of, forwarded to
 * its channel (the payload types are the contract's `EventPayloads`). No Electron here: the app
 * passes `emitToAllWindows` (shell/ipc-register.ts), the e2e harness its page binding.
 */
import { packMetaChanges } from '../../common/meta-changes'
import type { EventPayloads } from '../../common/ipc-contract'
import type { EventChannel } from '../../common/ipc-channels'
import type { Services } from '../services'
import { findingsSnapshot, policyView } from './policy-handlers'

export type EmitEvent = <E extends EventChannel>(event: E, payload: EventPayloads[E]) => void

/** Forward the services' events to `emit`, and watch the data folder for other processes' changes. Returns: stop. */
export function forwardEvents(services: Services, emit: EmitEvent): () => void {
  const stops = [
    services.inventory.onProgress((p) => emit('inventory:progress', p)),
    services.inventory.onStatus((s) => emit('inventory:status', s)),
    services.inventory.onForgotten((connectionId) => emit('inventory:forgotten', { connectionId })),
    services.connections.onChanged((list) => emit('connections:changed', list)),
    services.settings.onChanged((settings) => emit('settings:changed', settings)),
    services.board.onNotice((notice) => emit('app:notice', notice)),
    services.clipboard?.onCleared((reason) => emit('clipboard:cleared', { reason })) ?? (() => false),
    services.appLock.onChanged((state) => emit('lock:changed', state)),
    services.meta.onChanged((changes) => emit('meta:changed', packMetaChanges(changes))),
    services.rotations.onChanged((changed) => emit('rotation:changed', changed)),
    services.policy.onChanged((state) => emit('policy:changed', policyView(state))),
    // The findings re-evaluated (debounced, once per change): the whole compact payload, once.
    services.findings.onChanged(() => emit('findings:changed', findingsSnapshot(services))),
  ]
  // What a CLI changes in the data folder reaches the stores, whose events above tell the windows.
  void services.watch.start()
  return () => {
    for (const stop of stops) stop()
    services.watch.stop()
  }
}
