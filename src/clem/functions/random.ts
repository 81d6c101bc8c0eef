/**
 * Random functions (CLEM.md §4.10), drawing from the generator of the compile environment
 * (seedable, so runs and tests repeat).
 *
 * - `random(N)`: integer N ≥ 1 gives an integer in 1..N; a real N > 0 a real in (0, N].
 * - `random0(N)`: integer N ≥ 1 gives 0..N−1; a real N > 0 a real in [0, N).
 * - A bound below those gives `$null$`; `oneof([])` gives `$null$`.
 */
import type { Value } from "../../data/values.js";
import type { Evaluator, Implementation } from "../bound.js";
import { itemTypeOf } from "./lists.js";
import { family, sig } from "./registry.js";

function draw(make: (u: () => number) => (n: number) => Value): Implementation {
  return {
    pure: false,
    compile: (args, ctx) => {
      const [bound] = args as [Evaluator];
      const f = make(ctx.random);
      return (r) => {
        const v = bound(r);
        return v === null ? null : f(Number(v));
      };
    },
  };
}

export const RANDOM_FUNCTIONS = family("random", {
  random: [
    sig(["integer"], "integer", draw((u) => (n) => (n >= 1 ? Math.floor(u() * n) + 1 : null))),
    sig(["real"], "real", draw((u) => (x) => (x > 0 ? x * (1 - u()) : null))),
  ],
  random0: [
    sig(["integer"], "integer", draw((u) => (n) => (n >= 1 ? Math.floor(u() * n) : null))),
    sig(["real"], "real", draw((u) => (x) => (x > 0 ? x * u() : null))),
  ],
  oneof: sig(["list"], (site) => itemTypeOf(site, 0), {
    pure: false,
    compile: (args, ctx) => {
      const [list] = args as [Evaluator];
      const u = ctx.random;
      return (r) => {
        const items = list(r) as Value[];
        return items.length === 0 ? null : items[Math.floor(u() * items.length)]!;
      };
    },
  }),
});
