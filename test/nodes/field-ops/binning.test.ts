import { describe, expect, it } from "vitest";
import { column, runNode } from "./helpers.js";
import { fixedWidthBins, rankValues, sdevBins, tileBins } from "../../../src/nodes/field-ops/binning-methods.js";
import { seededRandom } from "../../../src/data/random.js";

const ages = (values: Array<number | null>) => values.map((v) => [v]);

describe("binning: tiles", () => {
  // The Modeler documentation's own example ("Tiling by Record Count"): 5 values as quartiles.
  it("reproduces the documented quartile example for both tie rules", async () => {
    const rows = ages([10, 13, 15, 15, 20]);
    const next = await runNode([["AGE", "integer"]], rows, "binning", { fields: ["AGE"], method: "EqualCount", tile4: true });
    expect(column(next, "AGE_TILE4")).toEqual([1, 2, 3, 3, 4]);
    const current = await runNode([["AGE", "integer"]], rows, "binning", { fields: ["AGE"], method: "EqualCount", tile4: true, tied_values_method: "Current" });
    expect(column(current, "AGE_TILE4")).toEqual([1, 1, 2, 2, 3]);
  });

  it("gives the same tiles whatever the batch size and record order", async () => {
    const rows = ages([20, 15, 10, 15, 13]);
    const c = await runNode([["AGE", "integer"]], rows, "binning", { fields: ["AGE"], method: "EqualCount", tile4: true }, { batchSize: 2 });
    expect(column(c, "AGE_TILE4")).toEqual([4, 3, 1, 3, 2]);
    expect(c.schema.field("AGE_TILE4")).toMatchObject({ storage: "integer", measure: "nominal" });
  });

  it("splits equal sums of values, keeping tied values together", () => {
    // Sorted 4, 5, 5, 6: total 20, target 10 per half. The 5s take the first bin past 10:
    // Next moves them up to bin 2; Current keeps them in bin 1 and starts bin 2 after them.
    const values = [5, 5, 6, 4];
    expect(tileBins(values, 2, "ValueSum", "Next", seededRandom(1))).toEqual([2, 2, 2, 1]);
    expect(tileBins(values, 2, "ValueSum", "Current", seededRandom(1))).toEqual([1, 1, 2, 1]);
  });

  it("spreads tied values over the tiles with Random", () => {
    const bins = tileBins([7, 7, 7, 7], 4, "RecordCount", "Random", seededRandom(3));
    expect([...bins].sort()).toEqual([1, 2, 3, 4]);
    expect(tileBins([7, 7, 7, 7], 4, "RecordCount", "Next", seededRandom(3))).toEqual([1, 1, 1, 1]);
  });

  it("leaves $null$ out of the tiles and keeps it $null$", () => {
    expect(tileBins([null, 1, 2, null], 2, "RecordCount", "Next", seededRandom(1))).toEqual([null, 1, 2, null]);
  });

  it("names standard tiles _TILE<N> and custom tiles with the extension as written", async () => {
    const c = await runNode([["AGE", "integer"]], ages([1, 2, 3]), "binning", {
      fields: ["AGE"], method: "EqualCount", tile4: true, tile10: true, use_custom_tile: true, custom_tile: 3, equal_count_add_as: "Prefix",
    });
    expect(c.schema.names).toEqual(["AGE", "_TILE4AGE", "_TILE10AGE", "AGE_TILEN"]);
    expect(column(c, "AGE_TILEN")).toEqual([1, 2, 3]);
  });
});

describe("binning: fixed width", () => {
  it("starts bins at the minimum, by width or by count", async () => {
    const rows = ages([15, 20, 24, 30, 35, null]);
    const w = await runNode([["AGE", "integer"]], rows, "binning", { fields: ["AGE"], fixed_bin_width: 10 });
    expect(column(w, "AGE_BIN")).toEqual([1, 1, 1, 2, 3, null]);
    // Count 4 over 15..35: width 5; 20 starts bin 2 and the maximum stays in the last bin.
    const c = await runNode([["AGE", "integer"]], rows, "binning", { fields: ["AGE"], fixed_bin_method: "Count", fixed_bin_count: 4 });
    expect(column(c, "AGE_BIN")).toEqual([1, 2, 2, 4, 4, null]);
  });

  it("puts every value in bin 1 when all values are equal", () => {
    expect(fixedWidthBins([3, 3], { count: 5 })).toEqual([1, 1]);
  });
});

describe("binning: ranks and standard deviations", () => {
  it("ranks with mean ranks for ties, as fractions and percentages", async () => {
    const c = await runNode([["X", "real"]], ages([30, 10, 20, 20, null]), "binning", {
      fields: ["X"], method: "Rank", rank: true, rank_fractional: true, rank_pct: true,
    });
    expect(column(c, "X_RANK")).toEqual([4, 1, 2.5, 2.5, null]);
    expect(column(c, "X_F_RANK")).toEqual([1, 0.25, 0.625, 0.625, null]);
    expect(column(c, "X_P_RANK")).toEqual([100, 25, 62.5, 62.5, null]);
    expect(rankValues([30, 10, 20, 20], "Descending").rank).toEqual([1, 4, 2.5, 2.5]);
  });

  it("bands at the mean ± 1 and ± 2 sample standard deviations", () => {
    // mean 5, sample sd sqrt(32/7) = 2.138: cut points 2.862 and 7.138 (and 0.724, 9.276).
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(sdevBins(values, 1)).toEqual([1, 2, 2, 2, 2, 2, 2, 3]);
    expect(sdevBins(values, 2)).toEqual([2, 3, 3, 3, 3, 3, 3, 4]);
  });
});

describe("binning: settings", () => {
  it("refuses Optimal by name", async () => {
    await expect(runNode([["X", "real"]], ages([1]), "binning", { fields: ["X"], method: "Optimal" })).rejects.toThrow(/"method".*"Optimal".*not supported/);
  });

  it("refuses string fields and unknown fields", async () => {
    await expect(runNode([["S", "string"]], [["a"]], "binning", { fields: ["S"], fixed_bin_width: 1 })).rejects.toThrow(/string storage/);
    await expect(runNode([["X", "real"]], ages([1]), "binning", { fields: ["Y"], fixed_bin_width: 1 })).rejects.toThrow(/unknown field "Y"/);
  });

  it("needs a width, or a tile choice", async () => {
    await expect(runNode([["X", "real"]], ages([1]), "binning", { fields: ["X"] })).rejects.toThrow(/fixed_bin_width/);
    await expect(runNode([["X", "real"]], ages([1]), "binning", { fields: ["X"], method: "EqualCount" })).rejects.toThrow(/tile4/);
  });
});
