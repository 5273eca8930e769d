/**
 * The render references as pages: built once with Vite from bench/reference/render/ (bare.html,
 * vue.html), served on loopback with the data the project's window gets (/data.json), so they
 * load in the same Chromium as the project.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import vue from '@vitejs/plugin-vue'
import { build } from 'vite'
import type { GridColumns } from '../render-probes'
import type { RefData } from './render/rows'

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }

export interface ReferencePages {
  url(page: 'bare' | 'vue', size: { width: number; height: number }, columns: GridColumns): string
  close(): Promise<void>
}

export async function serveReferencePages(root: string, data: RefData): Promise<ReferencePages> {
  const src = path.join(root, 'bench/reference/render')
  const out = path.join(root, 'out/bench/render')
  await build({
    configFile: false,
    logLevel: 'silent',
    root: src,
    base: './',
    plugins: [vue()],
    build: { outDir: out, emptyOutDir: true, target: 'es2022', rollupOptions: { input: { bare: path.join(src, 'bare.html'), vue: path.join(src, 'vue.html') } } },
  })
  const json = JSON.stringify(data)
  const server = http.createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname
    if (name === '/data.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(json)
    const file = path.join(out, path.normalize(name).replace(/^(\.\.[/\\])+/, ''))
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: (page, size, columns) =>
      `${origin}/${page}.html?${new URLSearchParams({ w: String(Math.round(size.width)), h: String(Math.round(size.height)), cols: columns.ids.join(','), tpl: columns.template, min: String(columns.minWidth) })}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
