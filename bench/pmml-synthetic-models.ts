/**
 * Synthetic PMML documents for the scoring benchmark, generated from a seeded RNG, each with a
 * plain-JavaScript implementation of the same model over columnar arrays (the baseline).
 */

/** Mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const INPUTS = Array.from({ length: 10 }, (_, i) => `x${i}`);

function header(version = "4.4"): string {
  const fields = INPUTS.map((n) => `<DataField name="${n}" optype="continuous" dataType="double"/>`).join("");
  return `<?xml version="1.0"?><PMML xmlns="http://www.dmg.org/PMML-4_4" version="${version}"><Header/><DataDictionary>${fields}<DataField name="y" optype="categorical" dataType="string"><Value value="a"/><Value value="b"/></DataField><DataField name="r" optype="continuous" dataType="double"/></DataDictionary>`;
}

function miningSchema(target: string): string {
  return `<MiningSchema>${INPUTS.map((n) => `<MiningField name="${n}"/>`).join("")}<MiningField name="${target}" usageType="target"/></MiningSchema>`;
}

/** An array-encoded binary tree: node i has feature[i], threshold[i], left[i], right[i] (−1: leaf with value[i]). */
export interface ArrayTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

export function randomTree(random: () => number, depth: number): ArrayTree {
  const n = 2 ** (depth + 1) - 1;
  const tree: ArrayTree = {
    feature: new Int32Array(n),
    threshold: new Float64Array(n),
    left: new Int32Array(n).fill(-1),
    right: new Int32Array(n).fill(-1),
    value: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const level = Math.floor(Math.log2(i + 1));
    if (level < depth) {
      tree.feature[i] = Math.floor(random() * INPUTS.length);
      tree.threshold[i] = Math.round(random() * 1000) / 1000;
      tree.left[i] = 2 * i + 1;
      tree.right[i] = 2 * i + 2;
    } else {
      tree.value[i] = Math.round(random() * 1000) / 1000;
    }
  }
  return tree;
}

/** TreeModel XML for an array tree: left child "x <= t", right child "x > t" (binary, PMML order). */
export function treeXml(tree: ArrayTree, classification: boolean, extra = ""): string {
  const node = (i: number, predicate: string): string => {
    if (tree.left[i]! < 0) {
      const v = tree.value[i]!;
      const score = classification ? (v < 0.5 ? "a" : "b") : String(v);
      return `<Node score="${score}">${predicate}</Node>`;
    }
    const f = INPUTS[tree.feature[i]!];
    const t = tree.threshold[i];
    return `<Node>${predicate}${node(tree.left[i]!, `<SimplePredicate field="${f}" operator="lessOrEqual" value="${t}"/>`)}${node(tree.right[i]!, `<SimplePredicate field="${f}" operator="greaterThan" value="${t}"/>`)}</Node>`;
  };
  const fn = classification ? "classification" : "regression";
  return `<TreeModel functionName="${fn}" splitCharacteristic="binarySplit" noTrueChildStrategy="returnNullPrediction">${miningSchema(classification ? "y" : "r")}${extra}${node(0, "<True/>")}</TreeModel>`;
}

export function treeDocument(tree: ArrayTree): string {
  return `${header()}${treeXml(tree, false)}</PMML>`;
}

export function evalArrayTree(tree: ArrayTree, cols: Float64Array[], row: number): number {
  let i = 0;
  while (tree.left[i]! >= 0) i = cols[tree.feature[i]!]![row]! <= tree.threshold[i]! ? tree.left[i]! : tree.right[i]!;
  return tree.value[i]!;
}

export interface Logistic {
  weights: Float64Array;
  intercept: number;
}

export function randomLogistic(random: () => number): Logistic {
  return { weights: Float64Array.from(INPUTS, () => random() * 2 - 1), intercept: random() - 0.5 };
}

export function logisticDocument(m: Logistic): string {
  const predictors = INPUTS.map((n, i) => `<NumericPredictor name="${n}" coefficient="${m.weights[i]}"/>`).join("");
  const output = `<Output><OutputField name="p_b" optype="continuous" dataType="double" feature="probability" value="b"/></Output>`;
  return `${header()}<RegressionModel functionName="classification" normalizationMethod="logit">${miningSchema("y")}${output}<RegressionTable intercept="${m.intercept}" targetCategory="b">${predictors}</RegressionTable><RegressionTable intercept="0" targetCategory="a"/></RegressionModel></PMML>`;
}

export interface Network {
  hidden: Float64Array; // 10 × 10 weights, row per hidden neuron
  hiddenBias: Float64Array;
  out: Float64Array; // 2 × 10
  outBias: Float64Array;
}

export function randomNetwork(random: () => number): Network {
  return {
    hidden: Float64Array.from({ length: 100 }, () => random() * 2 - 1),
    hiddenBias: Float64Array.from({ length: 10 }, () => random() - 0.5),
    out: Float64Array.from({ length: 20 }, () => random() * 2 - 1),
    outBias: Float64Array.from({ length: 2 }, () => random() - 0.5),
  };
}

export function networkDocument(n: Network): string {
  const inputs = INPUTS.map((name, i) => `<NeuralInput id="i${i}"><DerivedField optype="continuous" dataType="double"><FieldRef field="${name}"/></DerivedField></NeuralInput>`).join("");
  const hidden = Array.from({ length: 10 }, (_, h) => {
    const cons = INPUTS.map((_, i) => `<Con from="i${i}" weight="${n.hidden[h * 10 + i]}"/>`).join("");
    return `<Neuron id="h${h}" bias="${n.hiddenBias[h]}">${cons}</Neuron>`;
  }).join("");
  const out = [0, 1]
    .map((o) => `<Neuron id="o${o}" bias="${n.outBias[o]}">${Array.from({ length: 10 }, (_, h) => `<Con from="h${h}" weight="${n.out[o * 10 + h]}"/>`).join("")}</Neuron>`)
    .join("");
  const outputs = ["a", "b"]
    .map((c, o) => `<NeuralOutput outputNeuron="o${o}"><DerivedField optype="continuous" dataType="double"><NormDiscrete field="y" value="${c}"/></DerivedField></NeuralOutput>`)
    .join("");
  const output = `<Output><OutputField name="p_b" optype="continuous" dataType="double" feature="probability" value="b"/></Output>`;
  return `${header()}<NeuralNetwork functionName="classification" activationFunction="logistic">${miningSchema("y")}${output}<NeuralInputs>${inputs}</NeuralInputs><NeuralLayer>${hidden}</NeuralLayer><NeuralLayer activationFunction="identity" normalizationMethod="softmax">${out}</NeuralLayer><NeuralOutputs>${outputs}</NeuralOutputs></NeuralNetwork></PMML>`;
}

export function forestDocument(trees: ArrayTree[]): string {
  const segments = trees.map((t, i) => `<Segment id="${i + 1}"><True/>${treeXml(t, true)}</Segment>`).join("");
  const output = `<Output><OutputField name="p_b" optype="continuous" dataType="double" feature="probability" value="b"/></Output>`;
  return `${header()}<MiningModel functionName="classification">${miningSchema("y")}${output}<Segmentation multipleModelMethod="majorityVote">${segments}</Segmentation></MiningModel></PMML>`;
}
