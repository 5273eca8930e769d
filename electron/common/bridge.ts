/** The shape of `window.tokendesk`: one named function per invoke channel, plus `on`. */
import type { IpcResult } from './errors'
import type { EventChannel, InvokeChannel } from './ipc-channels'
import type { EventPayloads, InvokeArgs, InvokeResult } from './ipc-contract'

export type InvokeFunctions = {
  [C in InvokeChannel]: (...args: InvokeArgs<C>) => Promise<IpcResult<InvokeResult<C>>>
}

export interface TokendeskBridge extends InvokeFunctions {
  /** Listen to a main → renderer event; returns the function that stops listening. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}
