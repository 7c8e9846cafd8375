// Problem `type` URLs resolve: each to a page saying what the problem means
// and how to fix it (JSON when asked), listed at /problems; absolute under
// PUBLIC_URL, never taken from Host.
import { connect } from 'node:net'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { PROBLEM_TYPES } from '../../src/plugins/problems.js'
import { build } from '../helper.js'

const json = { accept: 'application/json' }

t.test('every problem type has a page and a JSON description', async (t) => {
  const app = await build(t)
  for (const problem of Object.values(PROBLEM_TYPES)) {
    const page = await app.inject({ url: problem.type })
    t.equal(page.statusCode, 200, `${problem.type}: 200`)
    t.match(page.headers['content-type'], /^text\/html/)
    t.match(page.headers.vary, /Accept/)
    t.match(page.body, `<h1>${problem.title}</h1>`)
    t.match(page.body, `<dd>${problem.status}</dd>`)
    const described = await app.inject({ url: problem.type, headers: json })
    t.match(described.headers['content-type'], /^application\/json/)
    t.same(described.json(), { type: problem.type, title: problem.title, status: problem.status, description: problem.when, fix: problem.fix }, `${problem.type}: as JSON`)
  }
  const cursor = await app.inject({ url: '/problems/cursor-mismatch' })
  t.match(cursor.body, 'Send <code>page.nextCursor</code> back with the same list, filters and sort', 'code spans are rendered')
  t.match(cursor.body, '<h2>意味 <span class="en">What it means</span></h2>')

  const index = await app.inject({ url: '/problems', headers: json })
  t.same(index.json().data.map((p: any) => p.type), Object.values(PROBLEM_TYPES).map((p) => p.type))
  const indexPage = await app.inject({ url: '/problems' })
  t.match(indexPage.body, '<a href="/problems/rate-limited"><code>/problems/rate-limited</code></a></td><td>Too many requests</td><td class="num">429</td>')
  t.equal((await app.inject({ url: '/problems', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } })).body, indexPage.body, 'a browser gets the page')

  const missing = await app.inject({ url: '/problems/teapot' })
  t.same([missing.statusCode, missing.json().type, missing.json().detail], [404, '/problems/not-found', "no problem type with id 'teapot'"])
})

t.test('the type of a problem answered resolves to its page', async (t) => {
  const app = await build(t)
  for (const url of ['/v1/plans?limit=0', '/v1/plans/nowhere-1999', '/v1/organizations?kind=city']) {
    const problem = (await app.inject({ url })).json()
    const page = await app.inject({ url: problem.type, headers: json })
    t.equal(page.statusCode, 200, `${url}: ${problem.type} resolves`)
    t.same([page.json().title, page.json().status], [problem.title, problem.status])
  }
})

t.test('under PUBLIC_URL every type is absolute, whatever Host says', async (t) => {
  const publicUrl = 'https://data.example.jp/ward-plans'
  const app = await buildApp({ databasePath: ':memory:', seedDir: null, publicUrl })
  t.teardown(() => app.close())
  const answer = await app.inject({ url: '/v1/plans/nowhere-1999', headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' } })
  t.equal(answer.json().type, 'https://data.example.jp/ward-plans/problems/not-found')
  const described = await app.inject({ url: '/problems/not-found', headers: { ...json, host: 'evil.example' } })
  t.equal(described.json().type, 'https://data.example.jp/ward-plans/problems/not-found')
  const page = await app.inject({ url: '/problems/not-found' })
  t.match(page.body, '<code>https://data.example.jp/ward-plans/problems/not-found</code>')
  t.notMatch(page.body, 'evil.example')

  // Problems written on the socket, before routing, too.
  await app.listen({ host: '127.0.0.1', port: 0 })
  const raw = await new Promise<string>((resolve) => {
    const socket = connect((app.server.address() as { port: number }).port, '127.0.0.1')
    let text = ''
    socket.on('data', (data) => (text += data))
    socket.on('close', () => resolve(text))
    socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 5x\r\n\r\n{}')
  })
  t.match(JSON.parse(raw.split('\r\n\r\n')[1]!), { type: 'https://data.example.jp/ward-plans/problems/malformed-request', status: 400 })
})
