/**
 * NeuralNetwork with values worked out by hand.
 *
 * Inputs: i1 = NormContinuous(x1: 0→0, 10→1) = 0.1 at x1 = 1; i2 = x2 = 2.
 * Hidden (logistic): h1 = σ(0.5 + 1·0.1 − 1·2) = σ(−1.4) = 0.19781611144141825,
 *                    h2 = σ(−1 + 2·0.1 + 0.5·2) = σ(0.2) = 0.5498339973124778.
 */
import { describe, expect, it } from "vitest";
import { loadPmml } from "../../src/pmml/index.js";
import { miningSchema, pmml, type FieldSpec } from "./helpers.js";

const inputs = `<NeuralInputs>
  <NeuralInput id="i1"><DerivedField optype="continuous" dataType="double"><NormContinuous field="x1"><LinearNorm orig="0" norm="0"/><LinearNorm orig="10" norm="1"/></NormContinuous></DerivedField></NeuralInput>
  <NeuralInput id="i2"><DerivedField optype="continuous" dataType="double"><FieldRef field="x2"/></DerivedField></NeuralInput>
</NeuralInputs>`;
const hidden = `<NeuralLayer><Neuron id="h1" bias="0.5"><Con from="i1" weight="1"/><Con from="i2" weight="-1"/></Neuron><Neuron id="h2" bias="-1"><Con from="i1" weight="2"/><Con from="i2" weight="0.5"/></Neuron></NeuralLayer>`;

describe("NeuralNetwork", () => {
  it("regression: o = 0.1 + h1 + 2·h2 = 1.3974841060663739, denormalised by NormContinuous(y: 0→0, 100→1) to 139.74841060663738", () => {
    const fields: FieldSpec[] = [["x1", "double"], ["x2", "double"], ["y", "double"]];
    const t = pmml(
      fields,
      `<NeuralNetwork functionName="regression" activationFunction="logistic">${miningSchema(["x1", "x2"], ["y"])}${inputs}${hidden}
        <NeuralLayer activationFunction="identity"><Neuron id="o" bias="0.1"><Con from="h1" weight="1"/><Con from="h2" weight="2"/></Neuron></NeuralLayer>
        <NeuralOutputs><NeuralOutput outputNeuron="o"><DerivedField optype="continuous" dataType="double"><NormContinuous field="y"><LinearNorm orig="0" norm="0"/><LinearNorm orig="100" norm="1"/></NormContinuous></DerivedField></NeuralOutput></NeuralOutputs>
      </NeuralNetwork>`,
    );
    expect(loadPmml(t).score({ x1: 1, x2: 2 }).y).toBeCloseTo(139.74841060663738, 12);
    expect(loadPmml(t).score({ x1: null, x2: 2 }).y).toBeNull();
  });

  it("classification: an identity layer normalised by softmax; NormDiscrete maps neurons to classes", () => {
    const fields: FieldSpec[] = [["x1", "double"], ["x2", "double"], ["t", "string", "categorical", `<Value value="a"/><Value value="b"/>`]];
    const t = pmml(
      fields,
      `<NeuralNetwork functionName="classification" activationFunction="logistic">${miningSchema(["x1", "x2"], ["t"])}
        <Output><OutputField name="pa" optype="continuous" dataType="double" feature="probability" value="a"/><OutputField name="winner" optype="categorical" dataType="string" feature="entityId"/></Output>
        ${inputs}${hidden}
        <NeuralLayer activationFunction="identity" normalizationMethod="softmax"><Neuron id="oa"><Con from="h1" weight="1"/></Neuron><Neuron id="ob"><Con from="h2" weight="1"/></Neuron></NeuralLayer>
        <NeuralOutputs>
          <NeuralOutput outputNeuron="oa"><DerivedField optype="continuous" dataType="double"><NormDiscrete field="t" value="a"/></DerivedField></NeuralOutput>
          <NeuralOutput outputNeuron="ob"><DerivedField optype="continuous" dataType="double"><NormDiscrete field="t" value="b"/></DerivedField></NeuralOutput>
        </NeuralOutputs></NeuralNetwork>`,
    );
    // softmax(h1, h2): e^h1 / (e^h1 + e^h2) = 0.41289317469412823 → b wins, through neuron ob.
    const r = loadPmml(t).score({ x1: 1, x2: 2 });
    expect(r.pa).toBeCloseTo(0.41289317469412823, 15);
    expect(r.t).toBe("b");
    expect(r.winner).toBe("ob");
  });

  it("radialBasis neurons: exp(fanIn·ln(altitude) − ‖x − w‖²/(2·width²))", () => {
    // x = (0.1, 2), centre (0.1, 0): distance² 4; width 2 → 4/8 = 0.5; altitude 2, fanIn 2 → 4·e^−0.5.
    const fields: FieldSpec[] = [["x1", "double"], ["x2", "double"], ["y", "double"]];
    const t = pmml(
      fields,
      `<NeuralNetwork functionName="regression" activationFunction="radialBasis" width="2" altitude="2">${miningSchema(["x1", "x2"], ["y"])}${inputs}
        <NeuralLayer><Neuron id="r"><Con from="i1" weight="0.1"/><Con from="i2" weight="0"/></Neuron></NeuralLayer>
        <NeuralOutputs><NeuralOutput outputNeuron="r"><DerivedField optype="continuous" dataType="double"><FieldRef field="y"/></DerivedField></NeuralOutput></NeuralOutputs>
      </NeuralNetwork>`,
    );
    expect(loadPmml(t).score({ x1: 1, x2: 2 }).y).toBeCloseTo(4 * Math.exp(-0.5), 15);
  });

  it("threshold, tanh, rectifier, Elliott, arctan, Gauss activations on z = x", () => {
    const one = (fn: string, x: number, extra = "") => {
      const t = pmml(
        [["x", "double"], ["y", "double"]],
        `<NeuralNetwork functionName="regression" activationFunction="${fn}" ${extra}>${miningSchema(["x"], ["y"])}
          <NeuralInputs><NeuralInput id="i"><DerivedField optype="continuous" dataType="double"><FieldRef field="x"/></DerivedField></NeuralInput></NeuralInputs>
          <NeuralLayer><Neuron id="n"><Con from="i" weight="1"/></Neuron></NeuralLayer>
          <NeuralOutputs><NeuralOutput outputNeuron="n"><DerivedField optype="continuous" dataType="double"><FieldRef field="y"/></DerivedField></NeuralOutput></NeuralOutputs>
        </NeuralNetwork>`,
      );
      return loadPmml(t).score({ x }).y;
    };
    expect(one("threshold", 0.3, `threshold="0.5"`)).toBe(0);
    expect(one("threshold", 0.7, `threshold="0.5"`)).toBe(1);
    expect(one("tanh", 0)).toBe(0);
    expect(one("rectifier", -2)).toBe(0);
    expect(one("Elliott", 1)).toBe(0.5); // 1 / (1 + |1|)
    expect(one("arctan", 1)).toBeCloseTo(0.5, 15); // 2·atan(1)/π
    expect(one("Gauss", 0)).toBe(1); // e^(−0²)
    expect(one("square", 3)).toBe(9);
    expect(one("reciprocal", 4)).toBe(0.25);
  });
});
