/**
 * The names of every IPC channel, free of schemas so that the sandboxed preload can import
 * them without pulling zod into its bundle. `ipc-contract.ts` is checked against this list.
 * Names are `domain:verb`.
 */
export const INVOKE_CHANNELS = [
  'app:info',
  'app:notices',
  'app:noticeAction',
  'app:openExternal',
  'connections:list',
  'connections:add',
  'connections:update',
  'connections:remove',
  'connections:setCredential',
  'connections:test',
  'inventory:status',
  'inventory:refresh',
  'tokens:list',
  'tokens:get',
  'tokens:window',
  'tokens:modules',
  'tokens:create',
  'tokens:update',
  'tokens:action',
  'tokens:bulk',
  'tokens:activity',
  'rotation:list',
  'rotation:start',
  'rotation:advance',
  'rotation:undo',
  'rotation:bulk',
  'secret:availability',
  'secret:reveal',
  'secret:copy',
  'secret:attach',
  'export:save',
  'review:mark',
  'review:diff',
  'demo:start',
  'demo:remove',
  'settings:get',
  'settings:update',
  'lock:state',
  'lock:lock',
  'lock:unlock',
  'lock:confirmReveal',
  'meta:all',
  'meta:update',
  'meta:addTags',
  'meta:bulk',
] as const

export const EVENT_CHANNELS = [
  'connections:changed',
  'settings:changed',
  'app:notice',
  'inventory:progress',
  'inventory:status',
  'inventory:forgotten',
  'clipboard:cleared',
  'app:navigate',
  'lock:changed',
  'meta:changed',
  'rotation:changed',
] as const

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number]
export type EventChannel = (typeof EVENT_CHANNELS)[number]
