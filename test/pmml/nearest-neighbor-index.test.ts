/**
 * NearestNeighborModel on a training table large enough for the k-d tree: for every coordinate
 * measure it searches, with field weights, each target and ranked output equals what the full
 * scan gives (forced by an output that needs the whole ranking); records with a missing input,
 * other measures and compare functions are scanned.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { seededRandom } from "../../src/data/random.js";
import { loadPmml, type Value } from "../../src/pmml/index.js";
import { KdTree } from "../../src/pmml/models/nearest-neighbor/kd-tree.js";
import { miningSchema, pmml } from "./helpers.js";

// 300 instances: a on a 5-point grid, b a 0/1 flag, c to one decimal; every ~6th row a copy of
// an earlier one, so that distances tie.
const random = seededRandom(31);
const rows: { a: number; b: number; c: number; y: number; g: string }[] = [];
for (let i = 0; i < 300; i++) {
  if (i > 0 && random() < 0.17) {
    rows.push({ ...rows[Math.floor(random() * i)]!, y: Math.round(random() * 1000) / 10 });
    continue;
  }
  rows.push({ a: Math.floor(random() * 5) / 2, b: random() < 0.5 ? 0 : 1, c: Math.round(random() * 10) / 10, y: Math.round(random() * 1000) / 10, g: ["p", "q", "r"][Math.floor(random() * 3)]! });
}
const table = rows.map((r, i) => `<row><id>i${i}</id><a>${r.a}</a><b>${r.b}</b><c>${r.c}</c><y>${r.y}</y><g>${r.g}</g></row>`).join("");
const ranks = [1, 2, 3, 4, 5, 6];
const outputs = ranks.map((r) => `<OutputField name="id${r}" optype="categorical" dataType="string" feature="entityId" rank="${r}"/><OutputField name="d${r}" optype="continuous" dataType="double" feature="affinity" rank="${r}"/>`).join("");
// Needs every instance ranked, so the evaluator scans.
const farthest = `<OutputField name="farthest" optype="categorical" dataType="string" feature="entityId" rank="1" rankOrder="ascending"/>`;

function doc(measure: string, opts: { extraOutput?: string; compare?: string; continuous?: string; categorical?: string } = {}): string {
  return pmml(
    [["a", "double"], ["b", "double"], ["c", "double"], ["y", "double"], ["g", "string", "categorical", `<Value value="p"/><Value value="q"/><Value value="r"/>`]],
    `<NearestNeighborModel functionName="mixed" numberOfNeighbors="5" continuousScoringMethod="${opts.continuous ?? "weightedAverage"}" categoricalScoringMethod="${opts.categorical ?? "weightedMajorityVote"}" instanceIdVariable="id">${miningSchema(["a", "b", "c"], ["y", "g"])}
      <Output>${outputs}${opts.extraOutput ?? ""}</Output>
      <TrainingInstances><InstanceFields><InstanceField field="id" column="id"/><InstanceField field="a" column="a"/><InstanceField field="b" column="b"/><InstanceField field="c" column="c"/><InstanceField field="y" column="y"/><InstanceField field="g" column="g"/></InstanceFields>
        <InlineTable>${table}</InlineTable></TrainingInstances>
      <ComparisonMeasure kind="distance"${opts.compare ? ` compareFunction="${opts.compare}"` : ""}>${measure}</ComparisonMeasure>
      <KNNInputs><KNNInput field="a" fieldWeight="1.5"/><KNNInput field="b" fieldWeight="0.7"/><KNNInput field="c"/></KNNInputs>
    </NearestNeighborModel>`,
  );
}

// Queries: half the training rows themselves (ties with their copies at 0), half grid points;
// every tenth with an input missing.
const queries: Record<string, Value>[] = [];
for (let i = 0; i < 160; i++) {
  const q: Record<string, Value> = i < 80 ? { a: rows[i]!.a, b: rows[i]!.b, c: rows[i]!.c } : { a: Math.floor(random() * 9) / 4, b: random() < 0.5 ? 0 : 1, c: Math.round(random() * 10) / 10 };
  if (i % 10 === 9) q[["a", "b", "c"][i % 3]!] = null;
  queries.push(q);
}

function withoutFarthest(r: Record<string, Value>): Record<string, Value> {
  const { farthest: _, ...rest } = r;
  return rest;
}

describe("NearestNeighborModel through the k-d tree", () => {
  afterEach(() => vi.restoreAllMocks());

  const measures = ["<euclidean/>", "<squaredEuclidean/>", "<cityBlock/>", `<minkowski p-parameter="1"/>`, `<minkowski p-parameter="2"/>`];
  for (const measure of measures) {
    it(`${measure}, field weights: targets, ids and distances of ranks 1–6 as the full scan gives them`, () => {
      const spy = vi.spyOn(KdTree.prototype, "kNearest");
      const fast = loadPmml(doc(measure));
      const full = loadPmml(doc(measure, { extraOutput: farthest }));
      let tiesAtRank5 = 0;
      for (const q of queries) {
        const got = fast.score(q);
        expect(got).toEqual(withoutFarthest(full.score(q)));
        if (got.d5 === got.d6) tiesAtRank5++;
      }
      // Only the complete records (9 in 10) went through the tree; the scan ranked them all.
      expect(spy).toHaveBeenCalledTimes(queries.filter((q) => !Object.values(q).includes(null)).length);
      // The 5th and 6th nearest tie often: training order decides who votes.
      expect(tiesAtRank5).toBeGreaterThan(20);
    });
  }

  it("average and majority vote agree too", () => {
    const fast = loadPmml(doc("<euclidean/>", { continuous: "average", categorical: "majorityVote" }));
    const full = loadPmml(doc("<euclidean/>", { continuous: "average", categorical: "majorityVote", extraOutput: farthest }));
    for (const q of queries) expect(fast.score(q)).toEqual(withoutFarthest(full.score(q)));
  });

  it("hand check on the first training row: its own distance is 0 and its copies follow in training order", () => {
    const copies = rows.flatMap((r, i) => (r.a === rows[0]!.a && r.b === rows[0]!.b && r.c === rows[0]!.c ? [`i${i}`] : []));
    const r = loadPmml(doc("<euclidean/>")).score({ a: rows[0]!.a, b: rows[0]!.b, c: rows[0]!.c });
    expect(r.id1).toBe("i0");
    expect(r.d1).toBe(0);
    ranks.slice(0, copies.length).forEach((k) => expect(r[`id${k}`]).toBe(copies[k - 1]));
  });

  it("chebychev, and a compare function other than absDiff, are scanned", () => {
    const spy = vi.spyOn(KdTree.prototype, "kNearest");
    loadPmml(doc("<chebychev/>")).score(queries[0]!);
    loadPmml(doc("<euclidean/>", { compare: "delta" })).score(queries[0]!);
    expect(spy).not.toHaveBeenCalled();
  });
});
