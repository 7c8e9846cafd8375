// Errors met by Node's HTTP parser, over a real socket: each is a problem with
// its own type and the API's headers, and a slow request is cut at the
// configured timeout, not Node's minute.
import { type Socket, connect } from 'node:net'
import { fileURLToPath } from 'node:url'
import t, { type Test } from 'tap'
import { buildApp } from '../../src/app.js'

interface RawAnswer {
  status: number
  headers: Record<string, string>
  body: any
  /** The body as sent. */
  text: string
  ms: number
}

/** Sends the chunks (waiting `gapMs` between them, while the socket is open) and reads the answer until the server closes. */
function exchange(port: number, chunks: (string | Buffer)[], gapMs = 0): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const socket = connect(port, '127.0.0.1')
    const received: Buffer[] = []
    let timer: NodeJS.Timeout | undefined
    socket.on('data', (data) => received.push(data))
    socket.on('error', reject)
    socket.on('close', () => {
      clearTimeout(timer)
      const text = Buffer.concat(received).toString('utf8')
      const [head = '', body = ''] = text.split('\r\n\r\n', 2)
      const [statusLine = '', ...lines] = head.split('\r\n')
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]))
      const json = body !== '' && /json/.test(headers['content-type'] ?? '') && !/jsonl|ndjson/.test(headers['content-type'] ?? '')
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: json ? JSON.parse(body) : undefined, text: body, ms: Date.now() - started })
    })
    const send = (i: number) => {
      if (i >= chunks.length || socket.destroyed || !socket.writable) return
      socket.write(chunks[i])
      timer = setTimeout(() => send(i + 1), gapMs)
    }
    socket.on('connect', () => send(0))
  })
}

async function listening(t: Test, requestTimeout?: number) {
  const app = await buildApp({ databasePath: ':memory:', seedDir: null, requestTimeout })
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(() => app.close())
  return (app.server.address() as { port: number }).port
}

function assertProblem(t: Test, answer: RawAnswer, status: number, type: string, title: string) {
  t.equal(answer.status, status, `${type}: status`)
  t.match(answer.headers['content-type'], /^application\/problem\+json\b/)
  t.equal(answer.headers['access-control-allow-origin'], '*', 'with the API headers')
  t.equal(answer.headers['x-content-type-options'], 'nosniff')
  t.equal(answer.headers['cache-control'], 'no-store')
  t.match(answer.body, { type, title, status })
  t.type(answer.body.detail, 'string')
}

t.test('headers over 16 KiB: 431 headers-too-large', async (t) => {
  const port = await listening(t)
  const oneHuge = await exchange(port, [`GET /v1/plans HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`])
  assertProblem(t, oneHuge, 431, '/problems/headers-too-large', 'Request headers too large')
  const many = Array.from({ length: 400 }, (_, i) => `X-H${i}: ${'b'.repeat(50)}\r\n`).join('')
  assertProblem(t, await exchange(port, [`GET / HTTP/1.1\r\nHost: x\r\n${many}\r\n`]), 431, '/problems/headers-too-large', 'Request headers too large')
  const longUrl = await exchange(port, [`GET /v1/plans?q=${'c'.repeat(17_000)} HTTP/1.1\r\nHost: x\r\n\r\n`])
  assertProblem(t, longUrl, 431, '/problems/headers-too-large', 'Request headers too large')
  const head = await exchange(port, [`HEAD /v1/plans HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`])
  t.same([head.status, head.text, head.headers['content-type']], [431, '', 'application/problem+json'], 'to a HEAD, the head alone')
})

t.test('bytes that are not HTTP: 400 malformed-request', async (t) => {
  const port = await listening(t)
  const cases: Record<string, (string | Buffer)[]> = {
    'raw UTF-8 in the request line of a POST': [Buffer.from('POST /graphql?q=防災 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}', 'utf8')],
    'raw UTF-8 in the method': [Buffer.from('GÉT /v1/plans HTTP/1.1\r\nHost: x\r\n\r\n', 'utf8')],
    'a control character in a header value': ['GET /v1/plans HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n'],
    'Content-Length and Transfer-Encoding together': ['POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
    'two different Content-Lengths': ['POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n{}{}{}'],
    'a Content-Length that is not a number': ['POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 5x\r\n\r\n{}'],
    'a broken chunk size': ['POST /graphql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'],
    'not HTTP at all': ['\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003'],
  }
  for (const [name, chunks] of Object.entries(cases)) {
    const answer = await exchange(port, chunks)
    t.test(name, async (t) => assertProblem(t, answer, 400, '/problems/malformed-request', 'Malformed HTTP request'))
  }
  const conflict = await exchange(port, cases['Content-Length and Transfer-Encoding together']!)
  t.match(conflict.body.detail, /Transfer-Encoding can't be present with Content-Length/, 'the detail says what is wrong')
})

t.test('raw UTF-8 in a GET URL is read as if percent-encoded, in the query and in the path', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: fileURLToPath(new URL('../../seed', import.meta.url)) })
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(() => app.close())
  const port = (app.server.address() as { port: number }).port
  const raw = (target: string, method = 'GET') => exchange(port, [Buffer.from(`${method} ${target} HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n`, 'utf8')])

  const search = await raw('/v1/search?q=防災&limit=2')
  const encoded = await app.inject({ url: `/v1/search?q=${encodeURIComponent('防災')}&limit=2`, headers: { accept: 'application/json' } })
  t.equal(search.status, 200)
  t.equal(search.headers.connection, 'close', 'the connection closes after the answer')
  t.equal(search.headers['access-control-allow-origin'], '*', 'with the API headers')
  t.same(search.body, encoded.json(), 'the same hits as the encoded URL')
  t.ok(search.body.page.total > 0, `${search.body.page.total} hits for 防災`)
  t.match(search.body.data[0].snippet, /<mark>防災<\/mark>/)

  const path = await raw('/v1/plans/旭区-2017')
  t.equal(path.status, 404)
  t.equal(path.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(path.body, { type: '/problems/not-found', detail: "no plan with id '旭区-2017'" }, 'the path is decoded as UTF-8')

  // A whole list is streamed as the app writes it, not gathered first: the same bytes as the encoded URL's.
  const download = await raw('/v1/initiatives.csv?q=防災')
  const downloaded = await app.inject({ url: `/v1/initiatives.csv?q=${encodeURIComponent('防災')}` })
  t.equal(download.status, 200)
  t.equal(download.headers['content-type'], downloaded.headers['content-type'])
  t.equal(download.text, downloaded.body, 'the download, streamed')
  t.ok(download.text.split('\n').length > 2, 'with rows')

  const head = await exchange(port, [Buffer.from('HEAD /v1/search?q=防災&limit=2 HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n', 'utf8')])
  t.equal(head.status, 200, 'HEAD too')
  t.equal(head.headers.etag, search.headers.etag, 'the ETag of the GET')
  t.equal(head.body, undefined, 'no body')

  // A path whose bytes are not UTF-8 is still refused, as problem+json.
  const latin1 = await exchange(port, [Buffer.concat([Buffer.from('GET /v1/plans/'), Buffer.from([0xff, 0xfe]), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')])])
  t.equal(latin1.status, 400)
  t.equal(latin1.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(latin1.body, { type: '/problems/bad-request', status: 400 }, latin1.body?.detail)
})

t.test('a slow request is cut at the configured timeout: 408 request-timeout', async (t) => {
  const port = await listening(t, 500)
  // 100 bytes announced, 5 sent every 100 ms: the whole body would take 2 s.
  const body = Array.from({ length: 20 }, () => '     ')
  const slowBody = await exchange(port, ['POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n', ...body], 100)
  assertProblem(t, slowBody, 408, '/problems/request-timeout', 'Request timeout')
  t.ok(slowBody.ms >= 450 && slowBody.ms < 1500, `cut after ${slowBody.ms} ms`)
  const headerLines = Array.from({ length: 20 }, (_, i) => `X-Slow-${i}: 1\r\n`)
  const slowHeaders = await exchange(port, ['GET /v1/plans HTTP/1.1\r\nHost: x\r\n', ...headerLines], 100)
  assertProblem(t, slowHeaders, 408, '/problems/request-timeout', 'Request timeout')
  t.ok(slowHeaders.ms >= 450 && slowHeaders.ms < 1500, `headers cut after ${slowHeaders.ms} ms`)
  const silent = await exchange(port, [], 0)
  t.ok(silent.ms < 1500, `a connection that sends nothing is closed after ${silent.ms} ms`)
})

t.test('a well-formed request on the same server still works', async (t) => {
  const port = await listening(t, 500)
  const answer = await exchange(port, ['GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'])
  t.equal(answer.status, 200)
  t.same(answer.body, { status: 'ok', role: 'writer', plans: 0 })
})

t.test('methods: a path taken by other methods is a 405 with Allow; CONNECT too; OPTIONS is answered', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: null })
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(() => app.close())
  const port = (app.server.address() as { port: number }).port
  for (const [method, url, allow] of [
    ['PUT', '/v1/plans', 'GET, POST, HEAD, OPTIONS'],
    ['PATCH', '/v1/initiatives/x', 'GET, HEAD, OPTIONS'],
    ['DELETE', '/v1/initiatives/x', 'GET, HEAD, OPTIONS'],
    ['PUT', '/v1/plans/x', 'GET, DELETE, HEAD, OPTIONS'],
  ] as const) {
    const answer = await app.inject({ method, url })
    t.same([answer.statusCode, answer.json().type, answer.headers.allow], [405, '/problems/method-not-allowed', allow], `${method} ${url}`)
  }
  t.equal((await app.inject({ method: 'PATCH', url: '/v1/nothing' })).statusCode, 404, 'a path no method takes is a 404')
  const options = await app.inject({ method: 'OPTIONS', url: '/v1/plans' })
  t.same([options.statusCode, options.headers['access-control-allow-methods']], [204, 'GET, HEAD, OPTIONS, POST, DELETE'], 'an OPTIONS that is no preflight is answered, not a text/plain 400')

  const connect = await exchange(port, ['CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'])
  assertProblem(t, connect, 405, '/problems/method-not-allowed', 'Method not allowed')
  t.match(connect.headers.allow, /GET/)
})

t.test('the head: one Host (none, or two, is a 400), an Expect met or a 417, all problems', async (t) => {
  const port = await listening(t)
  const get = (headers: string) => `GET /v1/organizations HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`
  for (const [name, headers] of [
    ['no Host', ''],
    ['two Hosts', 'Host: a\r\nHost: b\r\n'],
    ['two Hosts in other cases', 'Host: a\r\nHOST: a\r\n'],
  ] as const) {
    const answer = await exchange(port, [get(headers)])
    t.test(name, async (t) => {
      assertProblem(t, answer, 400, '/problems/bad-request', 'Bad request')
      t.match(answer.body.detail, /exactly one Host/)
    })
  }
  const old = await exchange(port, ['GET /v1/organizations HTTP/1.0\r\n\r\n'])
  t.equal(old.status, 200, 'HTTP/1.0 may go without a Host')

  const expect = await exchange(port, [get('Host: x\r\nExpect: the-unexpected\r\n')])
  assertProblem(t, expect, 417, '/problems/expectation-failed', 'Expectation failed')
  t.match(expect.body.detail, /the-unexpected/)
  const continued = await exchange(port, ['POST /v1/plans HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\n', 'ab'], 50)
  t.match(continued.text, /^HTTP\/1.1 403 Forbidden/, '100-continue is met (100, then the route answers)')
})

t.test('a query whose % escapes are not UTF-8 is a 400 naming the parameter, not read literally', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: null })
  t.teardown(() => app.close())
  for (const [url, parameter] of [
    ['/v1/search?q=%E3%81', 'q'],
    ['/v1/initiatives?q=%zz', 'q'],
    ['/v1/plans?organization=asahi&fiscalYear=%', 'fiscalYear'],
    ['/graphql?query=%C0%AF', 'query'],
    ['/v1/plans?%E3=1', '%E3'],
  ] as const) {
    const answer = await app.inject(url)
    t.same([answer.statusCode, answer.json().type, answer.json().parameter], [400, '/problems/invalid-parameter', parameter], url)
  }
  const fine = await app.inject('/v1/plans?organization=%E6%97%AD+x')
  t.equal(fine.statusCode, 200, 'well-formed escapes and + pass')
})

t.test('an unknown route is a 404 (or 405) before its body is read: no 415, 413 or 400 for a body sent to nothing', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: null, bodyLimit: 100 })
  t.teardown(() => app.close())
  for (const [method, url, status] of [
    ['POST', '/v1/nothing', 404],
    ['POST', '/v1/organizations', 405],
  ] as const) {
    for (const [contentType, payload] of [
      ['application/json', '{"a":'],
      ['application/xml', '<a/>'],
      ['application/json', `[${'1,'.repeat(200)}1]`],
    ]) {
      const answer = await app.inject({ method, url, headers: { 'content-type': contentType }, payload })
      t.equal(answer.statusCode, status, `${method} ${url} with ${contentType} of ${payload.length} bytes`)
    }
  }
})

t.test('a client that never reads its answer is cut once the socket is idle, not held forever', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: null, requestTimeout: 200, idleSocketTimeout: 200 })
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(() => app.close())
  const port = (app.server.address() as { port: number }).port
  // The server's side of the connection: the paused client would learn of the close only by reading.
  const serverSide = new Promise<Socket>((resolve) => app.server.once('connection', resolve))
  const socket = connect(port, '127.0.0.1')
  socket.on('error', () => undefined)
  // Paused at once: nothing is read, so the answers (the OpenAPI document, 400 KB each) back up.
  socket.pause()
  t.teardown(() => socket.destroy())
  const started = Date.now()
  socket.write('GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(200))
  const held = await serverSide
  const closed = new Promise<number>((resolve) => held.once('close', () => resolve(Date.now())))
  // Without the idle timeout it would be held as long as the client cares to (Node sets none).
  const at = await Promise.race([closed, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 10_000))])
  t.ok(at !== -1, `closed after ${at - started} ms of not reading`)
})
