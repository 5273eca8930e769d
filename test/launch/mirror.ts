/** A loopback HTTP server for a folder: the stand-in Electron release mirror. Records every request. */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

export interface Mirror {
  /** For ELECTRON_MIRROR: ends with a slash. */
  url: string
  requests: string[]
  close(): Promise<void>
}

export async function serveMirror(dir: string): Promise<Mirror> {
  const requests: string[] = []
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    requests.push(pathname)
    const file = path.join(dir, path.normalize(pathname))
    if (!file.startsWith(dir + path.sep)) return void res.writeHead(404).end()
    stat(file).then(
      (s) => {
        if (!s.isFile()) return void res.writeHead(404).end()
        res.writeHead(200, { 'content-length': s.size, 'content-type': 'application/octet-stream' })
        createReadStream(file).pipe(res)
      },
      () => void res.writeHead(404).end(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
