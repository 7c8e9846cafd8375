// deploy/nginx.conf in front of three replicas: under load, one replica is
// killed, and no request fails; every replica answers the same; the killed one,
// restarted, rejoins. Skipped where nginx is missing, unless REQUIRE_NGINX=1 (CI).
import { copyFileSync, existsSync } from 'node:fs'
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import t from 'tap'
import { tempDir } from '../helper.js'
import { makeSnapshot } from '../replica/snapshots.js'
import { NGINX, localSiteConf, nginxInstalled, startNginx } from '../../scripts/processes/nginx.js'
import { type SpawnedServer, freePort, processOf as processOfId, serving, spawnServer } from '../../scripts/processes/server.js'

const processOf = (response: Response) => processOfId(response.headers.get('x-request-id'))

const URLS = ['/v1/plans/asahi-2017', '/v1/issues?limit=5', '/v1/search?q=%E5%AE%89%E5%85%A8', '/v1/meta', '/v1/plans?limit=10']

const skip = !nginxInstalled() && process.env.REQUIRE_NGINX !== '1' ? `nginx is not installed at ${NGINX} (REQUIRE_NGINX=1 fails instead)` : false

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
  const nginx = await startNginx(dir, port, localSiteConf({ port, replicaPorts: ports, writerPort: (writer.address() as AddressInfo).port }))
  t.teardown(() => nginx.stop())
  const origin = nginx.origin
  await Promise.all(replicas.map((replica, i) => serving(`http://127.0.0.1:${ports[i]}`, { exited: replica.exited })))

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
  await serving(`http://127.0.0.1:${ports[1]}`, { exited: restarted.exited })
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
