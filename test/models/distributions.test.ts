/** Tail probabilities against scipy.stats (chi2.sf, f.sf), 1e-9 absolute. */
import { describe, expect, it } from "vitest";
import { betaRegularized, chiSquareSurvival, fSurvival, logGamma } from "../../src/models/stats/distributions.js";
import { bonferroniMultiplier } from "../../src/models/chaid/tests.js";

describe("distributions", () => {
  it("chi-square survival", () => {
    expect(chiSquareSurvival(3.84, 1)).toBeCloseTo(0.05004352124870519, 10);
    expect(chiSquareSurvival(10, 3)).toBeCloseTo(0.01856613546304325, 10);
    expect(chiSquareSurvival(0.5, 7)).toBeCloseTo(0.9994464813904249, 10);
    expect(chiSquareSurvival(100, 50)).toBeCloseTo(3.454931382984871e-5, 12);
  });

  it("F survival", () => {
    expect(fSurvival(3.5, 2, 10)).toBeCloseTo(0.07042962777237427, 10);
    expect(fSurvival(1.2, 5, 200)).toBeCloseTo(0.31053755240644915, 10);
    expect(fSurvival(20, 1, 3)).toBeCloseTo(0.02083515119618485, 10);
  });

  it("log-gamma and the incomplete beta", () => {
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 10);
    expect(betaRegularized(0.5, 2, 2)).toBeCloseTo(0.5, 12);
  });

  it("Bonferroni multipliers (Kass 1980)", () => {
    expect(bonferroniMultiplier("nominal", 3, 2)).toBe(3); // S(3,2)
    expect(bonferroniMultiplier("nominal", 5, 3)).toBe(25); // S(5,3)
    expect(bonferroniMultiplier("ordinal", 10, 3)).toBe(36); // C(9,2)
    expect(bonferroniMultiplier("floating", 5, 3)).toBe(3 + 3 * 3); // C(3,1) + 3·C(3,2)
  });
});
