// Connections are capped below the open-file limit, and per client address:
// sockets that never send a request (no rate limit counts them) are closed on
// accept beyond the cap, and the server goes on answering.
import { connect, type Socket } from 'node:net'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { defaultMaxConnections, openFileLimit } from '../../src/plugins/connections.js'

/** Opens a socket and resolves with it once it is connected, and whether the server closed it at once. */
function open(port: number): Promise<{ socket: Socket; closed: Promise<boolean> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    socket.on('error', () => undefined)
    const closed = new Promise<boolean>((done) => {
      socket.once('close', () => done(true))
      setTimeout(() => done(false), 300)
    })
    socket.once('connect', () => resolve({ socket, closed }))
    socket.once('error', reject)
  })
}

function get(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = ''
    socket.on('data', (data) => {
      text += data
      if (text.includes('\r\n\r\n')) resolve(text.split('\r\n')[0])
    })
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n')
  })
}

for (const [name, options] of [
  ['per client address', { maxConnectionsPerClient: 3 }],
  ['for the whole server', { maxConnections: 3, maxConnectionsPerClient: 0 }],
] as const) {
  t.test(`idle sockets over the cap ${name} are closed on accept; those held still answer`, async (t) => {
    const app = await buildApp({ databasePath: ':memory:', seedDir: null, ...options })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const port = (app.server.address() as { port: number }).port
    const sockets: Awaited<ReturnType<typeof open>>[] = []
    for (let i = 0; i < 5; i++) sockets.push(await open(port))
    t.teardown(async () => {
      for (const { socket } of sockets) socket.destroy()
      await app.close()
    })
    const closed = await Promise.all(sockets.map(({ closed }) => closed))
    t.same(closed, [false, false, false, true, true])
    t.equal(await get(sockets[0].socket), 'HTTP/1.1 200 OK', 'a socket within the cap is answered')
  })
}

t.test('the default stays below the open-file limit, leaving files for the rest', async (t) => {
  t.equal(defaultMaxConnections(20_000), 18_000)
  t.equal(defaultMaxConnections(1024), 768)
  t.equal(defaultMaxConnections(100), 64)
  const limit = openFileLimit()
  if (limit !== undefined) t.ok(defaultMaxConnections() < limit, `below this process's ${limit}`)
})
