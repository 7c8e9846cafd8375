// The service under test, over a given database, without rate limiting or load shedding.
import { buildApp } from '../../src/app.js'

const app = await buildApp({
  databasePath: process.env.DATABASE_PATH!,
  seedDir: null,
  rateLimitMax: 1e9,
  maxEventLoopDelay: 0,
  cacheResponses: process.env.RESPONSE_CACHE !== 'false',
})
await app.listen({ host: '127.0.0.1', port: 0 })
process.send?.({ port: (app.server.address() as { port: number }).port })
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() })
})
// Exit cleanly when stopped, so `--cpu-prof` (NODE_OPTIONS) writes its profile.
process.on('SIGTERM', () => process.exit(0))
