/**
 * ClusteringModel: every comparison measure and compare function, field weights and missing
 * value weights, on two clusters c1 = (0, 0) and c2 = (3, 4) and the record (1, 1) unless noted.
 */
import { describe, expect, it } from "vitest";
import { loadPmml } from "../../src/pmml/index.js";
import { miningSchema, pmml, type FieldSpec } from "./helpers.js";

const OUT = `<Output>
  <OutputField name="id" optype="categorical" dataType="string" feature="predictedValue"/>
  <OutputField name="name" optype="categorical" dataType="string" feature="predictedDisplayValue"/>
  <OutputField name="n" optype="categorical" dataType="integer" feature="clusterId"/>
  <OutputField name="d1" optype="continuous" dataType="double" feature="affinity" value="c1"/>
  <OutputField name="d2" optype="continuous" dataType="double" feature="affinity" value="c2"/>
  <OutputField name="best" optype="continuous" dataType="double" feature="entityAffinity"/>
</Output>`;

function model(measure: string, opts: { kind?: string; fields?: string; extra?: string; compare?: string } = {}): string {
  const fields: FieldSpec[] = [["x", "double"], ["y", "double"]];
  const clusteringFields = opts.fields ?? `<ClusteringField field="x"/><ClusteringField field="y"/>`;
  return pmml(
    fields,
    `<ClusteringModel functionName="clustering" modelClass="centerBased" numberOfClusters="2">${miningSchema(["x", "y"])}${OUT}
      <ComparisonMeasure kind="${opts.kind ?? "distance"}"${opts.compare ? ` compareFunction="${opts.compare}"` : ""}>${measure}</ComparisonMeasure>
      ${clusteringFields}${opts.extra ?? ""}
      <Cluster id="c1" name="near"><Array n="2" type="real">0 0</Array></Cluster>
      <Cluster id="c2" name="far"><Array n="2" type="real">3 4</Array></Cluster>
    </ClusteringModel>`,
  );
}

const at = (text: string, x: number | null = 1, y: number | null = 1) => loadPmml(text).score({ x, y });

describe("ClusteringModel distances", () => {
  it("euclidean: √2 and √13; the nearest wins", () => {
    const r = at(model("<euclidean/>"));
    expect(r).toMatchObject({ id: "c1", name: "near", n: 1 });
    expect(r.d1).toBeCloseTo(Math.SQRT2, 15);
    expect(r.d2).toBeCloseTo(Math.sqrt(13), 15);
    expect(r.best).toBeCloseTo(Math.SQRT2, 15);
  });
  it("squaredEuclidean 2 and 13; chebychev 1 and 3; cityBlock 2 and 5; minkowski p=3: ∛2 and ∛35", () => {
    expect(at(model("<squaredEuclidean/>"))).toMatchObject({ d1: 2, d2: 13 });
    expect(at(model("<chebychev/>"))).toMatchObject({ d1: 1, d2: 3 });
    expect(at(model("<cityBlock/>"))).toMatchObject({ d1: 2, d2: 5 });
    const m = at(model(`<minkowski p-parameter="3"/>`));
    expect(m.d1).toBeCloseTo(Math.cbrt(2), 15);
    expect(m.d2).toBeCloseTo(Math.cbrt(35), 14);
  });
  it("field weights multiply the terms: x weighted 2 → 2·1 + 1 = 3 and 2·4 + 9 = 17", () => {
    expect(at(model("<squaredEuclidean/>", { fields: `<ClusteringField field="x" fieldWeight="2"/><ClusteringField field="y"/>` }))).toMatchObject({ d1: 3, d2: 17 });
  });
  it("a missing input is left out and the rest scaled: Σq/Σq(non-missing) = 2 → 2 and 8; with MissingValueWeights (1, 3) → 4 and 16", () => {
    expect(at(model("<squaredEuclidean/>"), 1, null)).toMatchObject({ d1: 2, d2: 8, id: "c1" });
    const weighted = model("<squaredEuclidean/>", { extra: `<MissingValueWeights><Array n="2" type="real">1 3</Array></MissingValueWeights>` });
    expect(at(weighted, 1, null)).toMatchObject({ d1: 4, d2: 16 });
  });
  it("gaussSim as a similarity: exp(−ln2·d²/s²) per field, s = 1 → 1 and 1/16 + 1/512; the most similar wins", () => {
    const text = model(`<cityBlock/>`, {
      kind: "similarity",
      fields: `<ClusteringField field="x" compareFunction="gaussSim" similarityScale="1"/><ClusteringField field="y" compareFunction="gaussSim" similarityScale="1"/>`,
    });
    const r = at(text);
    expect(r.d1).toBeCloseTo(1, 15);
    expect(r.d2).toBeCloseTo(1 / 16 + 1 / 512, 15);
    expect(r.id).toBe("c1");
  });
});

describe("ClusteringModel on categorical and binary fields", () => {
  const cat: FieldSpec[] = [["color", "string"], ["size", "string", "ordinal", `<Value value="S"/><Value value="M"/><Value value="L"/>`]];
  const catModel = (compare: string, extra = "") =>
    pmml(
      cat,
      `<ClusteringModel functionName="clustering" modelClass="centerBased" numberOfClusters="2">${miningSchema(["color", "size"])}
        <Output><OutputField name="d1" optype="continuous" dataType="double" feature="affinity" value="1"/><OutputField name="d2" optype="continuous" dataType="double" feature="affinity" value="2"/></Output>
        <ComparisonMeasure kind="distance" compareFunction="${compare}"><cityBlock/></ComparisonMeasure>
        <ClusteringField field="color"/><ClusteringField field="size"${extra}/>
        <Cluster><Array n="2" type="string">red S</Array></Cluster><Cluster><Array n="2" type="string">blue L</Array></Cluster>
      </ClusteringModel>`,
    );
  it("delta counts differing fields: (red, L) is 1 from both; the first cluster wins the tie (id 1)", () => {
    const r = loadPmml(catModel("delta")).score({ color: "red", size: "L" });
    expect(r).toEqual({ d1: 1, d2: 1 });
  });
  it("table reads the field's Comparisons matrix (rows and columns in the order S, M, L)", () => {
    const matrix = `><Comparisons><Matrix><Array type="real">0 1 5</Array><Array type="real">1 0 2</Array><Array type="real">5 2 0</Array></Matrix></Comparisons></ClusteringField><ClusteringField field="unused" isCenterField="false"`;
    // A non-center field ("unused") is declared but not compared.
    const text = catModel("delta").replace(`<ClusteringField field="size"/>`, `<ClusteringField field="size" compareFunction="table"${matrix}/>`);
    // (red, M): color delta 0 / 1; size table M→S = 1, M→L = 2.
    const withUnused = text.replace(`<DataDictionary>`, `<DataDictionary><DataField name="unused" optype="continuous" dataType="double"/>`);
    expect(loadPmml(withUnused).score({ color: "red", size: "M" })).toEqual({ d1: 1, d2: 3 });
  });
  it("binary similarities count agreements: a11 = 2, a10 = 1, a01 = 1, a00 = 0", () => {
    const bits: FieldSpec[] = ["b1", "b2", "b3", "b4"].map((n) => [n, "integer"] as FieldSpec);
    const sim = (measure: string) =>
      loadPmml(
        pmml(
          bits,
          `<ClusteringModel functionName="clustering" modelClass="distributionBased" numberOfClusters="1">${miningSchema(["b1", "b2", "b3", "b4"])}
            <Output><OutputField name="s" optype="continuous" dataType="double" feature="entityAffinity"/></Output>
            <ComparisonMeasure kind="similarity">${measure}</ComparisonMeasure>
            ${["b1", "b2", "b3", "b4"].map((n) => `<ClusteringField field="${n}"/>`).join("")}
            <Cluster><Array n="4" type="int">1 1 0 1</Array></Cluster></ClusteringModel>`,
        ),
      ).score({ b1: 1, b2: 0, b3: 1, b4: 1 }).s;
    expect(sim("<simpleMatching/>")).toBe(0.5); // (2 + 0) / 4
    expect(sim("<jaccard/>")).toBe(0.5); // 2 / (2 + 1 + 1)
    expect(sim("<tanimoto/>")).toBeCloseTo(1 / 3, 15); // (2 + 0) / (2 + 2·2 + 0)
    const params = `c00-parameter="1" c01-parameter="0" c10-parameter="0" c11-parameter="1" d00-parameter="1" d01-parameter="1" d10-parameter="1" d11-parameter="1"`;
    expect(sim(`<binarySimilarity ${params}/>`)).toBe(0.5);
  });
});
