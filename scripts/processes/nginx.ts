// deploy/nginx.conf run by the machine's nginx on 127.0.0.1, in front of local
// replicas (and a writer), for the failover test and the replica benchmark:
// the file's addresses are replaced by local ports, nothing else.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const NGINX = '/usr/sbin/nginx'
export const nginxInstalled = () => existsSync(NGINX)
const CONF = new URL('../../deploy/nginx.conf', import.meta.url)

export interface LocalNginx {
  process: ChildProcess
  origin: string
  /** SIGTERM: the master stops its workers too (killed alone, they would live on). */
  stop(): Promise<void>
}

/** deploy/nginx.conf with its replicas (as many as given; the file names three) and its writer on local ports. */
export function localSiteConf(options: { port: number; replicaPorts: number[]; writerPort: number }): string {
  const conf = readFileSync(CONF, 'utf8')
  const replicaLines = [...conf.matchAll(/^ *server replica-\d+:3000 .*\n/gm)]
  if (replicaLines.length === 0) throw new Error('deploy/nginx.conf names no replica-N:3000 servers')
  const template = replicaLines[0][0]
  const replicas = options.replicaPorts.map((port) => template.replace(/replica-\d+:3000/, `127.0.0.1:${port}`)).join('')
  const start = replicaLines[0].index!
  const end = replicaLines.at(-1)!.index! + replicaLines.at(-1)![0].length
  const local = `${conf.slice(0, start)}${replicas}${conf.slice(end)}`
    .replace('server writer:3000', `server 127.0.0.1:${options.writerPort}`)
    .replace('listen 8080;', `listen 127.0.0.1:${options.port};`)
  if (/replica-\d+:|writer:3000|listen 8080/.test(local)) throw new Error('an address of deploy/nginx.conf was left unreplaced')
  return local
}

/** Starts nginx (one worker process, no access log) with `siteConf` in `dir`; resolves once it answers. */
export async function startNginx(dir: string, port: number, siteConf: string, workerProcesses = 1): Promise<LocalNginx> {
  writeFileSync(join(dir, 'site.conf'), siteConf)
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      process.getuid?.() === 0 ? 'user root;' : '',
      `pid ${join(dir, 'nginx.pid')};`,
      `worker_processes ${workerProcesses};`,
      'events { worker_connections 1024; }',
      `http { access_log off; ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join(' ')} include ${join(dir, 'site.conf')}; }`,
    ].join('\n'),
  )
  const child = spawn(NGINX, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] })
  const exited = once(child, 'exit')
  const origin = `http://127.0.0.1:${port}`
  for (const deadline = Date.now() + 10_000; ; ) {
    if (await fetch(`${origin}/nginx-health`).then((response) => response.ok, () => false)) break
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start (see ${join(dir, 'error.log')})`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    process: child,
    origin,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
