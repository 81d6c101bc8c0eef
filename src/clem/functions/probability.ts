/**
 * Probability functions (CLEM.md §4.7): lower-tail cumulative probabilities, as reals.
 * Degrees of freedom may be real but must be positive, and the standard deviation positive;
 * otherwise the result is `$null$`.
 */
import { finiteOrNull } from "../../data/values.js";
import { strict } from "../bound.js";
import type { Int } from "./integers.js";
import { family, sig } from "./registry.js";
import { chiSquareCdf, fCdf, normalCdf, studentTCdf } from "../../data/special-functions.js";

export const PROBABILITY_FUNCTIONS = family("probability", {
  cdf_normal: sig(["number", "number", "number"], "real", strict((x: Int, mean: Int, sd: Int) => (Number(sd) > 0 ? finiteOrNull(normalCdf(Number(x), Number(mean), Number(sd))) : null))),
  cdf_t: sig(["number", "number"], "real", strict((x: Int, df: Int) => (Number(df) > 0 ? finiteOrNull(studentTCdf(Number(x), Number(df))) : null))),
  cdf_chisq: sig(["number", "number"], "real", strict((x: Int, df: Int) => (Number(df) > 0 ? finiteOrNull(chiSquareCdf(Number(x), Number(df))) : null))),
  cdf_f: sig(["number", "number", "number"], "real", strict((x: Int, d1: Int, d2: Int) => (Number(d1) > 0 && Number(d2) > 0 ? finiteOrNull(fCdf(Number(x), Number(d1), Number(d2))) : null))),
});
