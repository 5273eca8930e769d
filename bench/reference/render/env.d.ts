declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<{ source: import('./rows').RefData }, object, unknown>
  export default component
}
