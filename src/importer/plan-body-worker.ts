// The plan body reader's thread (plan-body.ts): each message a body, each answer its outcome.
import { parentPort } from 'node:worker_threads'
import { type PlanBody, planBodyOutcome } from './plan-body.js'

parentPort!.on('message', (body: PlanBody) => {
  parentPort!.postMessage(planBodyOutcome(body))
})
