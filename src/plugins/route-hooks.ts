// Adding a hook to one route as it is declared (from an onRoute hook). A route's
// own hooks run after the instance's, in order: this is how a plugin puts a
// hook before or after another plugin's.
import type { RouteOptions } from 'fastify'

type HookName = 'onRequest' | 'preValidation' | 'onSend'
/** A route takes one hook or a list; this is the one. */
type Hook<N extends HookName> = Extract<NonNullable<RouteOptions[N]>, (...args: never[]) => unknown>

export function addRouteHook<N extends HookName>(route: RouteOptions, name: N, hook: Hook<N>, where: 'first' | 'last' = 'last'): void {
  const current = route[name] === undefined ? [] : [route[name]].flat()
  ;(route as Record<HookName, unknown>)[name] = where === 'first' ? [hook, ...current] : [...current, hook]
}
