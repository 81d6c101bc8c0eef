/**
 * A source's layout (resolved file, detected storages, database columns…) is worked out once
 * per node context: `schema()` computes it and `run()` reuses it — both see the same `props`
 * object, which keys the cache (weakly, so a finished run's layouts go with it).
 */
import type { NodeContext } from "../../definition.js";

export function oncePerContext<T>(compute: (ctx: NodeContext) => Promise<T>): (ctx: NodeContext) => Promise<T> {
  const cache = new WeakMap<object, Promise<T>>();
  return (ctx) => {
    let value = cache.get(ctx.props);
    if (!value) {
      value = compute(ctx);
      cache.set(ctx.props, value);
    }
    return value;
  };
}
