// deploy/: the Kubernetes manifests validate against Kubernetes' own schemas
// (kubernetes-models), and they, deploy/compose.yaml and deploy/nginx.conf
// agree with each other and with the configuration the app reads.
import { readFileSync, readdirSync } from 'node:fs'
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2'
import { Deployment } from 'kubernetes-models/apps/v1'
import { PersistentVolumeClaim, Service } from 'kubernetes-models/v1'
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1'
import t from 'tap'
import { parse, parseAllDocuments } from 'yaml'
import { CONFIG_VARIABLES, loadConfig } from '../../src/config.js'

const deploy = (name: string) => new URL(`../../deploy/${name}`, import.meta.url)
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'apps/v1 Deployment': Deployment,
  'v1 Service': Service,
  'v1 PersistentVolumeClaim': PersistentVolumeClaim,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
}

/** The variables config.ts declares (its schema's property names). */
const CONFIG_NAMES = new Set(CONFIG_VARIABLES)

/** Each env var set is one the app reads, and the set as a whole passes its validation. */
function checkEnvironment(t: { ok(value: unknown, message: string): void; doesNotThrow(fn: () => unknown, message: string): void }, where: string, env: Record<string, string>) {
  for (const name of Object.keys(env)) t.ok(CONFIG_NAMES.has(name), `${where}: ${name} is read by src/config.ts`)
  t.doesNotThrow(() => loadConfig(env), `${where}: the values pass the app's validation`)
  return loadConfig(env)
}

/** `server host:port` lines of an nginx upstream block. */
function upstream(conf: string, name: string): { host: string; port: number }[] {
  const block = new RegExp(`upstream ${name} \\{([^}]*)\\}`).exec(conf)![1]
  return [...block.matchAll(/^\s*server ([\w.-]+):(\d+)/gm)].map((m) => ({ host: m[1], port: Number(m[2]) }))
}

const kubernetes = readdirSync(deploy('k8s/'))
  .filter((name) => name.endsWith('.yaml'))
  .flatMap((name) => parseAllDocuments(readFileSync(deploy(`k8s/${name}`), 'utf8')).map((document) => ({ file: name, object: document.toJS() })))

t.test('the Kubernetes manifests validate against the Kubernetes schemas', async (t) => {
  t.same([...new Set(kubernetes.map(({ object }) => `${object.apiVersion} ${object.kind}`))].sort(), Object.keys(MODELS).sort(), 'writer, replicas, services, autoscaler, disruption budget')
  for (const { file, object } of kubernetes) {
    const Model = MODELS[`${object.apiVersion} ${object.kind}`]
    t.doesNotThrow(() => new Model(object).validate(), `${file}: ${object.kind} ${object.metadata.name}`)
  }
  // The validation catches mistakes: a wrong type is refused.
  const broken = structuredClone(kubernetes.find(({ object }) => object.kind === 'Deployment')!.object)
  broken.spec.replicas = 'three'
  t.throws(() => new Deployment(broken).validate(), /replicas must be integer/)
})

t.test('the Kubernetes objects fit together and with the app', async (t) => {
  const find = (kind: string, name: string) => kubernetes.find(({ object }) => object.kind === kind && object.metadata.name === name)!.object
  const writer = find('Deployment', 'ward-plans-writer')
  const replica = find('Deployment', 'ward-plans-replica')
  const envOf = (deployment: any) => Object.fromEntries(deployment.spec.template.spec.containers[0].env.filter((e: any) => 'value' in e).map((e: any) => [e.name, e.value]))
  const writerConfig = checkEnvironment(t, 'writer', envOf(writer))
  const replicaConfig = checkEnvironment(t, 'replica', envOf(replica))
  t.equal(writerConfig.READ_ONLY, false)
  t.equal(writerConfig.WORKERS, 1, 'one process per container: pods scale by number')
  t.equal(replicaConfig.READ_ONLY, true)

  const writerService = find('Service', 'ward-plans-writer')
  t.same(writerService.spec.selector, writer.spec.template.metadata.labels)
  const snapshotUrl = new URL(replicaConfig.SNAPSHOT_URL!)
  t.equal(snapshotUrl.hostname, writerService.metadata.name, 'replicas pull from the writer Service')
  t.equal(Number(snapshotUrl.port), writerService.spec.ports[0].port)
  t.equal(writerConfig.PORT, writer.spec.template.spec.containers[0].ports[0].containerPort)
  t.equal(snapshotUrl.pathname, '/downloads/ward-plans.sqlite', 'the snapshot the writer publishes (src/publish/downloads.ts)')

  const service = find('Service', 'ward-plans')
  t.same(service.spec.selector, replica.spec.template.metadata.labels, 'the Service sends to the replicas')
  t.equal(replicaConfig.PORT, replica.spec.template.spec.containers[0].ports[0].containerPort)
  for (const probe of ['readinessProbe', 'livenessProbe']) {
    t.same(replica.spec.template.spec.containers[0][probe].httpGet, { path: '/healthz', port: 'http' }, `replica ${probe} on /healthz`)
  }
  const volume = replica.spec.template.spec.containers[0].volumeMounts.find((mount: any) => replicaConfig.DATABASE_PATH.startsWith(`${mount.mountPath}/`))
  t.ok(volume, 'the snapshot is written to a mounted volume (the root filesystem is read-only)')

  t.same(find('HorizontalPodAutoscaler', 'ward-plans-replica').spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'ward-plans-replica' })
  t.same(find('PodDisruptionBudget', 'ward-plans-replica').spec.selector.matchLabels, replica.spec.selector.matchLabels)
})

t.test('compose.yaml runs the writer, three replicas and nginx as nginx.conf expects', async (t) => {
  const compose = parse(readFileSync(deploy('compose.yaml'), 'utf8'), { merge: true })
  const nginxConf = readFileSync(deploy('nginx.conf'), 'utf8')
  t.same(Object.keys(compose.services).sort(), ['nginx', 'replica-1', 'replica-2', 'replica-3', 'writer'])

  // ${ADMIN_TOKEN:?…} is filled in by compose from the shell.
  const env = (name: string) => Object.fromEntries(Object.entries(compose.services[name].environment as Record<string, string>).map(([k, v]) => [k, v.startsWith('${') ? 'x'.repeat(24) : v]))
  const configs = Object.fromEntries(['writer', 'replica-1', 'replica-2', 'replica-3'].map((name) => [name, checkEnvironment(t, name, env(name))]))
  t.equal(configs.writer.READ_ONLY, false)
  t.equal(configs.writer.WORKERS, 1)
  t.match(compose.services.writer.environment.ADMIN_TOKEN, /^\$\{ADMIN_TOKEN:\?/, 'the admin token comes from the shell, never from the file')

  const servers = [...upstream(nginxConf, 'ward_plans_replicas'), ...upstream(nginxConf, 'ward_plans_writer')]
  t.same(servers.map((s) => s.host).sort(), ['replica-1', 'replica-2', 'replica-3', 'writer'], "nginx's upstreams are compose's services")
  for (const { host, port } of servers) t.equal(configs[host].PORT, port, `${host} listens where nginx sends`)
  for (const name of ['replica-1', 'replica-2', 'replica-3']) {
    t.equal(configs[name].READ_ONLY, true)
    const url = new URL(configs[name].SNAPSHOT_URL!)
    t.equal(url.hostname, 'writer')
    t.equal(Number(url.port), configs.writer.PORT)
    t.equal(url.pathname, '/downloads/ward-plans.sqlite')
  }

  const listen = Number(/^\s*listen (\d+);/m.exec(nginxConf)![1])
  t.same(compose.services.nginx.ports, [`${listen}:${listen}`], 'nginx is published on the port nginx.conf listens on')
  t.same(compose.services.nginx.volumes, ['./nginx.conf:/etc/nginx/conf.d/default.conf:ro'])
  t.same(Object.keys(compose.services.nginx.depends_on).sort(), ['replica-1', 'replica-2', 'replica-3', 'writer'])
})
