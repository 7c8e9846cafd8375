// deploy/nginx.conf in front of three replicas: under load, one replica is
// killed, and no request fails; every replica answers the same; the killed one,
// restarted, rejoins. Skipped where nginx is missing, unless REQUIRE_NGINX=1 (CI).
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import t from 'tap'
import { tempDir } from '../helper.js'
import { makeSnapshot } from '../replica/snapshots.js'
import { type SpawnedServer, spawnServer } from '../spawned-server.js'

const NGINX = '/usr/sbin/nginx'
const CONF = new URL('../../deploy/nginx.conf', import.meta.url)

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Resolves once the replica on `port` answers /healthz (its log is kept quiet, so the log does not say). */
async function serving(replica: SpawnedServer, port: number): Promise<void> {
  let exited = false
  void replica.exited.then(() => (exited = true))
  for (const deadline = Date.now() + 60_000; Date.now() < deadline && !exited; ) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.ok, () => false)
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`the replica on port ${port} does not answer`)
}

/** Request ids start with a random prefix per process (src/app.ts): which replica answered. */
const processOf = (response: Response) => String(response.headers.get('x-request-id')).split('-').slice(0, 2).join('-')

const URLS = ['/v1/plans/asahi-2017', '/v1/issues?limit=5', '/v1/search?q=%E5%AE%89%E5%85%A8', '/v1/meta', '/v1/plans?limit=10']

const skip = !existsSync(NGINX) && process.env.REQUIRE_NGINX !== '1' ? `nginx is not installed at ${NGINX} (REQUIRE_NGINX=1 fails instead)` : false

t.test('nginx keeps serving while a replica is killed', { skip }, async (t) => {
  const dir = tempDir(t, 'nginx')
  const snapshot = makeSnapshot(dir, 'published')
  const ports = await Promise.all([1, 2, 3].map(freePort))
  const startReplica = (i: number): SpawnedServer => {
    const path = join(dir, `replica-${i}.sqlite`)
    if (!existsSync(path)) copyFileSync(snapshot, path)
    const replica = spawnServer({
      READ_ONLY: 'true',
      WORKERS: '1',
      PORT: String(ports[i]),
      DATABASE_PATH: path,
      DOWNLOADS_DIR: join(dir, `downloads-${i}`),
      TRUST_PROXY: '127.0.0.1',
      // The test's load comes from one address; shedding would only add retries.
      RATE_LIMIT_MAX: '1000000',
      MAX_EVENT_LOOP_DELAY_MS: '0',
      LOG_LEVEL: 'warn',
    })
    t.teardown(() => replica.process.kill('SIGKILL'))
    return replica
  }
  const replicas = [0, 1, 2].map(startReplica)

  // A stand-in writer: shows which upstream nginx sends writes to.
  const writer: Server = createServer((_request, response) => response.writeHead(202, { 'x-upstream': 'writer' }).end())
  writer.listen(0, '127.0.0.1')
  await once(writer, 'listening')
  t.teardown(() => writer.close())

  const port = await freePort()
  let conf = readFileSync(CONF, 'utf8')
  for (const i of [0, 1, 2]) conf = conf.replace(`server replica-${i + 1}:3000`, `server 127.0.0.1:${ports[i]}`)
  conf = conf.replace('server writer:3000', `server 127.0.0.1:${(writer.address() as AddressInfo).port}`).replace('listen 8080;', `listen 127.0.0.1:${port};`)
  t.notMatch(conf, /replica-\d:|writer:3000|listen 8080/, 'every address of deploy/nginx.conf was replaced')
  writeFileSync(join(dir, 'site.conf'), conf)
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      process.getuid?.() === 0 ? 'user root;' : '',
      `pid ${join(dir, 'nginx.pid')};`,
      'worker_processes 1;',
      'events { worker_connections 256; }',
      `http { access_log off; ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join(' ')} include ${join(dir, 'site.conf')}; }`,
    ].join('\n'),
  )
  const nginx = spawn(NGINX, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] })
  // SIGTERM: the master stops its workers too (killed alone, they would live on).
  const nginxExited = once(nginx, 'exit')
  t.teardown(async () => {
    nginx.kill('SIGTERM')
    await nginxExited
  })
  const origin = `http://127.0.0.1:${port}`
  await Promise.all(replicas.map((replica, i) => serving(replica, ports[i])))

  // Every replica answers the same: the same bodies and ETags, whichever answered.
  const answers = new Map<string, Map<string, string>>()
  for (let round = 0; round < 30; round++) {
    for (const url of URLS) {
      const response = await fetch(`${origin}${url}`, { headers: { connection: 'close' } })
      t.equal(response.status, 200)
      const byProcess = answers.get(url) ?? new Map<string, string>()
      byProcess.set(processOf(response), `${response.headers.get('etag')} ${await response.text()}`)
      answers.set(url, byProcess)
    }
    if ([...answers.values()].every((byProcess) => byProcess.size === 3)) break
  }
  for (const [url, byProcess] of answers) {
    t.equal(byProcess.size, 3, `${url}: all three replicas answered`)
    t.equal(new Set(byProcess.values()).size, 1, `${url}: identical answers`)
  }
  const expected = new Map([...answers].map(([url, byProcess]) => [url, [...byProcess.values()][0]]))

  const write = await fetch(`${origin}/v1/plans`, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } })
  t.equal(write.headers.get('x-upstream'), 'writer', 'writes go to the writer')
  t.equal((await fetch(`${origin}/downloads/ward-plans.sqlite`)).headers.get('x-upstream'), 'writer', 'so do downloads, which only the writer writes')
  t.equal((await fetch(`${origin}/graphql`, { method: 'POST', body: JSON.stringify({ query: '{ plan(id: "asahi-2017") { id } }' }), headers: { 'content-type': 'application/json' } })).status, 200, 'GraphQL POSTs go to the replicas')

  // Bounded load: 8 loops for 3 s; replica 2 is killed 1 s in.
  let requests = 0
  const failures: string[] = []
  const until = Date.now() + 3000
  const loop = async (n: number) => {
    for (let i = n; Date.now() < until; i++) {
      const url = URLS[i % URLS.length]
      try {
        const response = await fetch(`${origin}${url}`)
        const body = `${response.headers.get('etag')} ${await response.text()}`
        if (response.status !== 200 || body !== expected.get(url)) failures.push(`${url}: ${response.status}`)
      } catch (error) {
        failures.push(`${url}: ${(error as Error).message}`)
      }
      requests++
    }
  }
  setTimeout(() => replicas[1].process.kill('SIGKILL'), 1000)
  await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(loop))
  t.equal(await replicas[1].exited, null, 'the replica was killed')
  t.ok(requests > 50, `${requests} requests`)
  t.same(failures, [], `0 of ${requests} requests failed`)

  // Restarted on its port, it rejoins once nginx tries it again (fail_timeout).
  const restarted = startReplica(1)
  await serving(restarted, ports[1])
  const known = new Set([...answers.values()].flatMap((byProcess) => [...byProcess.keys()]))
  let rejoined = false
  for (const deadline = Date.now() + 15_000; !rejoined && Date.now() < deadline; ) {
    const response = await fetch(`${origin}/v1/plans/asahi-2017`, { headers: { connection: 'close' } })
    t.equal(response.status, 200)
    rejoined = !known.has(processOf(response))
    await response.arrayBuffer()
    if (!rejoined) await new Promise((resolve) => setTimeout(resolve, 100))
  }
  t.ok(rejoined, 'the restarted replica answers through nginx again')
})
