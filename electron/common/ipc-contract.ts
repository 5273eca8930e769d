/**
 * The one IPC contract: for each invoke channel, the zod schema of its argument tuple and the
 * type of its result; for each event channel, its payload type. Main validates every call
 * against `invokeSchemas` before a handler runs; the renderer gets its types from here.
 */
import { z } from 'zod'
import type { EventChannel, InvokeChannel } from './ipc-channels'
import type { AppInfo, Connection, Notice, Settings } from './model'
import type { InventoryStatus, RefreshProgress, Token } from './tokens'
import {
  connectionIdSchema,
  connectionPatchSchema,
  credentialSchema,
  newConnectionSchema,
  settingsPatchSchema,
} from './validation'

/** Phantom marker carrying a channel's result type. */
interface Returns<T> {
  readonly __result?: T
}
const returns = <T>(): Returns<T> => ({})

interface ChannelSpec {
  args: z.ZodTuple
  result: Returns<unknown>
}

export const invokeContract = {
  'app:info': { args: z.tuple([]), result: returns<AppInfo>() },
  'app:notices': { args: z.tuple([]), result: returns<Notice[]>() },
  'connections:list': { args: z.tuple([]), result: returns<Connection[]>() },
  'connections:add': { args: z.tuple([newConnectionSchema]), result: returns<Connection>() },
  'connections:update': {
    args: z.tuple([connectionIdSchema, connectionPatchSchema]),
    result: returns<Connection>(),
  },
  'connections:remove': { args: z.tuple([connectionIdSchema]), result: returns<void>() },
  'connections:setCredential': {
    args: z.tuple([connectionIdSchema, credentialSchema]),
    result: returns<Connection>(),
  },
  'connections:test': { args: z.tuple([connectionIdSchema]), result: returns<void>() },
  'inventory:status': { args: z.tuple([]), result: returns<InventoryStatus[]>() },
  /** One connection, or all when the id is null. Resolves when the refresh ends, either way. */
  'inventory:refresh': { args: z.tuple([connectionIdSchema.nullable()]), result: returns<InventoryStatus[]>() },
  'tokens:list': { args: z.tuple([connectionIdSchema.nullable()]), result: returns<Token[]>() },
  'settings:get': { args: z.tuple([]), result: returns<Settings>() },
  'settings:update': { args: z.tuple([settingsPatchSchema]), result: returns<Settings>() },
} satisfies { [C in InvokeChannel]: ChannelSpec }

type Contract = typeof invokeContract

/** What the caller passes (before zod's defaults and transforms). */
export type InvokeArgs<C extends InvokeChannel> = z.input<Contract[C]['args']>
/** What a handler receives (after validation). */
export type HandlerArgs<C extends InvokeChannel> = z.output<Contract[C]['args']>
export type InvokeResult<C extends InvokeChannel> =
  Contract[C]['result'] extends Returns<infer R> ? R : never

export interface EventPayloads {
  'connections:changed': Connection[]
  'settings:changed': Settings
  'app:notice': Notice
  'inventory:progress': RefreshProgress
  'inventory:status': InventoryStatus
}
// Compile-time check that every event channel has a payload type and no more.
type _EventsComplete = [EventChannel] extends [keyof EventPayloads]
  ? [keyof EventPayloads] extends [EventChannel]
    ? true
    : never
  : never
export const eventsComplete: _EventsComplete = true

export type { InvokeChannel, EventChannel }
