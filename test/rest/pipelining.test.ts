// Pipelined requests (HTTP/1.1 §9.3.2) followed by bytes that are not HTTP: the requests read
// whole before them are answered, in order, and the problem comes last. Written first, it
// was taken by the client for the answer to its first request, and the answers owed were lost.
import { connect } from 'node:net'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { SEED_PLAN_DIR } from '../helper.js'

/** Writes the bytes at once and reads until the server closes (or a second passes). */
function exchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const received: Buffer[] = []
    const timer = setTimeout(() => socket.destroy(), 3000)
    socket.on('data', (data) => received.push(data))
    socket.on('error', reject)
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(Buffer.concat(received).toString('utf8'))
    })
    socket.on('connect', () => socket.write(bytes))
  })
}

/** The status lines of the answers, in the order written. */
const statuses = (text: string) => [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]))

t.test('answers owed to pipelined requests come before the problem for the bytes after them', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_PLAN_DIR })
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(() => app.close())
  const port = (app.server.address() as { port: number }).port
  const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`

  const garbage = await exchange(port, get('/healthz') + get('/v1/plans/asahi-2017') + get('/v1/initiatives?limit=5') + 'GARBAGE\r\n\r\n')
  t.same(statuses(garbage), [200, 200, 200, 400], 'three answers, then the problem')
  t.match(garbage, /"type":"\/problems\/malformed-request"/)
  t.ok(garbage.indexOf('"asahi-2017"') < garbage.indexOf('/problems/malformed-request'), 'the plan before the problem')

  const huge = await exchange(port, get('/v1/plans') + `GET /v1/plans HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
  t.same(statuses(huge), [200, 431])
  t.match(huge, /"type":"\/problems\/headers-too-large"/)

  // The problem answers the bytes that failed, not the HEAD before them: it has its body.
  const afterHead = await exchange(port, `HEAD /v1/plans HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\r\n\r\n`)
  t.same(statuses(afterHead), [200, 400])
  t.match(afterHead, /"type":"\/problems\/malformed-request"/)

  // A request whose own body fails is still answered by the problem alone.
  const brokenBody = await exchange(port, get('/healthz') + 'POST /graphql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n')
  t.same(statuses(brokenBody), [200, 400])
  t.match(brokenBody, /"type":"\/problems\/malformed-request"/)

  t.same(statuses(await exchange(port, `GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)), [200], 'the server still answers')
})
