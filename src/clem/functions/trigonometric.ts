/**
 * Trigonometric functions (CLEM.md §4.6). Results are reals; arguments outside a function's
 * domain (arcsin(2)) give `$null$`. With the stream option "angles in radians" off, sin/cos/tan
 * take degrees and the arc functions return degrees; hyperbolic functions and `pi` do not
 * depend on it.
 */
import { finiteOrNull } from "../../data/values.js";
import { strict, type Implementation } from "../bound.js";
import type { Int } from "./integers.js";
import { family, sig, type CallSite } from "./registry.js";

const DEGREE = Math.PI / 180;

/** f of an angle argument (degrees converted first when the stream says so). */
function ofAngle(f: (x: number) => number) {
  return (site: CallSite): Implementation => {
    const scale = site.settings.anglesInRadians ? 1 : DEGREE;
    return strict((x: Int) => finiteOrNull(f(Number(x) * scale)));
  };
}

/** f giving an angle (converted to degrees when the stream says so). */
function toAngle(f: (...x: number[]) => number) {
  return (site: CallSite): Implementation => {
    const scale = site.settings.anglesInRadians ? 1 : 1 / DEGREE;
    return strict((...x: Int[]) => finiteOrNull(f(...x.map(Number)) * scale));
  };
}

const plain = (f: (x: number) => number) => strict((x: Int) => finiteOrNull(f(Number(x))));

export const TRIGONOMETRIC_FUNCTIONS = family("trigonometric", {
  sin: sig(["number"], "real", ofAngle(Math.sin)),
  cos: sig(["number"], "real", ofAngle(Math.cos)),
  tan: sig(["number"], "real", ofAngle(Math.tan)),
  arcsin: sig(["number"], "real", toAngle(Math.asin)),
  arccos: sig(["number"], "real", toAngle(Math.acos)),
  arctan: sig(["number"], "real", toAngle(Math.atan)),
  // `y + 0` maps -0 to +0, keeping the result in (-pi, pi] as documented.
  arctan2: sig(["number", "number"], "real", toAngle((y, x) => Math.atan2(y! + 0, x!))),
  sinh: sig(["number"], "real", plain(Math.sinh)),
  cosh: sig(["number"], "real", plain(Math.cosh)),
  tanh: sig(["number"], "real", plain(Math.tanh)),
  arcsinh: sig(["number"], "real", plain(Math.asinh)),
  arccosh: sig(["number"], "real", plain(Math.acosh)),
  arctanh: sig(["number"], "real", plain(Math.atanh)),
  pi: sig([], "real", strict(() => Math.PI)),
});
