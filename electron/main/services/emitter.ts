/**
 * Typed events a service offers (VS Code's Emitter style): the service owns an `Emitter` and
 * exposes its `event`; a subscriber gets a function that unsubscribes. The windows hear of them in
 * one place, ipc/events.ts.
 */
export type Event<T> = (listener: (value: T) => void) => () => void

export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>()

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Tell every listener, in the order they subscribed (one that unsubscribes meanwhile is skipped). */
  fire(value: T): void {
    for (const listener of [...this.listeners]) if (this.listeners.has(listener)) listener(value)
  }
}
