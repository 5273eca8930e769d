/// <reference types="vite/client" />
import type { TokendeskBridge } from '@common/bridge'

declare global {
  interface Window {
    /** Set by the preload; read only by renderer/src/api.ts. */
    tokendesk?: TokendeskBridge
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
