// A web server on 127.0.0.1 (port chosen by the system) standing in for the
// city's site: each path answers as its route says. No test reaches the internet.
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Route =
  | { body: Uint8Array | string; contentType?: string; etag?: string; lastModified?: string }
  | { status: number }
  | { redirect: string }
  /** Answers after `ms`: longer than a client's timeout, it is a page that never comes. */
  | { slowMs: number }

export interface Site {
  /** http://127.0.0.1:PORT */
  origin: string
  routes: Map<string, Route>
  /** Requests received, in order: path and the conditional headers sent. */
  requests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string; userAgent?: string }[]
  close(): Promise<void>
}

export async function startSite(t: { teardown(fn: () => unknown): void }, routes: Record<string, Route> = {}): Promise<Site> {
  const timers = new Set<NodeJS.Timeout>()
  const site = { routes: new Map(Object.entries(routes)), requests: [] } as unknown as Site
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/'
    site.requests.push({
      path,
      ifNoneMatch: request.headers['if-none-match'],
      ifModifiedSince: request.headers['if-modified-since'],
      userAgent: request.headers['user-agent'],
    })
    const route = site.routes.get(path)
    if (!route) return response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404 Not Found</h1>')
    if ('status' in route) return response.writeHead(route.status, { 'content-type': 'text/html' }).end(`<h1>${route.status}</h1>`)
    if ('redirect' in route) return response.writeHead(302, { location: route.redirect }).end()
    if ('slowMs' in route) {
      const timer = setTimeout(() => {
        timers.delete(timer)
        response.writeHead(200, { 'content-type': 'text/html' }).end('<p>too late</p>')
      }, route.slowMs)
      timers.add(timer)
      return
    }
    if (route.etag && request.headers['if-none-match'] === route.etag) return response.writeHead(304, { etag: route.etag }).end()
    const headers: Record<string, string> = { 'content-type': route.contentType ?? 'text/html' }
    if (route.etag) headers.etag = route.etag
    if (route.lastModified) headers['last-modified'] = route.lastModified
    response.writeHead(200, headers).end(route.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  site.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  site.close = async () => {
    for (const timer of timers) clearTimeout(timer)
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  t.teardown(() => site.close())
  return site
}
