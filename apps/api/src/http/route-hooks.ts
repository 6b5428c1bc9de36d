/** A route's hooks of one kind (none, one, or a list, as Fastify allows) with `hook` added last: for `onRoute`. */
export function withHook<T>(existing: T | T[] | undefined, hook: T): T[] {
  return [...(Array.isArray(existing) ? existing : existing ? [existing] : []), hook];
}
