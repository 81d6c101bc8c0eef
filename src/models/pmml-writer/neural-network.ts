/**
 * Multilayer perceptrons → PMML 4.4 NeuralNetwork. NeuralInputs hold the encoded features
 * (NormContinuous z-scores, NormDiscrete indicators; `../neural/encoding.ts`); hidden layers
 * are tanh; the output layer is identity, normalised by softmax for a categorical target.
 * NeuralOutputs map output neurons to the target: NormDiscrete per class, or the target's
 * NormContinuous (inverted by the evaluator) for a continuous target.
 *
 * Neuron ids: inputs `0`, `1`, …; layer l's units `l,0`, `l,1`, … (l = 1 for the first hidden
 * layer). Weight layout as in `../neural/network.ts`.
 */
import type { Category } from "../dataset.js";
import type { Feature } from "../regression/features.js";
import type { Architecture } from "../neural/network.js";
import type { Standardisation } from "../neural/encoding.js";
import type { FieldInfo } from "../tree/tree-types.js";
import { featureDerivedField, featureFieldNames, inputMiningSchema } from "./derived-inputs.js";
import { categoryText, pmmlDataType, pmmlDocument } from "./fields.js";
import { el, serializeXml, type XmlNode } from "./xml.js";

export interface NeuralPmmlSpec {
  readonly inputs: readonly FieldInfo[];
  readonly target: FieldInfo;
  readonly features: readonly Feature[];
  readonly architecture: Architecture;
  readonly weights: Float64Array;
  /** Output classes in output-unit order (categorical target). */
  readonly classes?: readonly Category[];
  /** Target standardisation (continuous target). */
  readonly targetScale?: Standardisation;
  readonly output: XmlNode;
  readonly modelName?: string;
}

export function neuralNetworkPmml(spec: NeuralPmmlSpec): string {
  const names = featureFieldNames(spec.features, spec.inputs);
  const sizes = spec.architecture.sizes;
  const L = sizes.length - 1;
  const inputs = el("NeuralInputs", { numberOfInputs: sizes[0]! }, spec.features.map((f, j) => el("NeuralInput", { id: String(j) }, [
    featureDerivedField(f, spec.inputs[f.input]!, names[j]!) ?? el("DerivedField", { optype: "continuous", dataType: "double" }, [el("FieldRef", { field: names[j]! })]),
  ])));
  const id = (l: number, u: number) => (l === 0 ? String(u) : `${l},${u}`);
  const layers: XmlNode[] = [];
  let off = 0;
  for (let l = 1; l <= L; l++) {
    const fanIn = sizes[l - 1]!;
    const neurons: XmlNode[] = [];
    for (let u = 0; u < sizes[l]!; u++) {
      const cons = Array.from({ length: fanIn }, (_, i) => el("Con", { from: id(l - 1, i), weight: spec.weights[off + i]! }));
      neurons.push(el("Neuron", { id: id(l, u), bias: spec.weights[off + fanIn]! }, cons));
      off += fanIn + 1;
    }
    const last = l === L;
    layers.push(el("NeuralLayer", {
      numberOfNeurons: sizes[l]!, activationFunction: last ? "identity" : "tanh",
      normalizationMethod: last && spec.architecture.output === "softmax" ? "softmax" : undefined,
    }, neurons));
  }
  const t = spec.target;
  const outputs = spec.classes
    ? spec.classes.map((c, k) => el("NeuralOutput", { outputNeuron: id(L, k) }, [
        el("DerivedField", { optype: "categorical", dataType: pmmlDataType(t.storage) }, [el("NormDiscrete", { field: t.name, value: categoryText(c) })]),
      ]))
    : [el("NeuralOutput", { outputNeuron: id(L, 0) }, [
        el("DerivedField", { optype: "continuous", dataType: "double" }, [el("NormContinuous", { field: t.name }, [
          el("LinearNorm", { orig: spec.targetScale!.mean, norm: 0 }),
          el("LinearNorm", { orig: spec.targetScale!.meanPlusSd, norm: 1 }),
        ])]),
      ])];
  const model = el("NeuralNetwork", {
    modelName: spec.modelName, functionName: spec.classes ? "classification" : "regression", algorithmName: "MLP",
    activationFunction: "tanh", numberOfLayers: L,
  }, [
    inputMiningSchema(spec.inputs, [t]),
    spec.output,
    inputs,
    ...layers,
    el("NeuralOutputs", { numberOfOutputs: outputs.length }, outputs),
  ]);
  return serializeXml(pmmlDocument([...spec.inputs, t], "Neural Net model trained by modeler-batch", [model]));
}
