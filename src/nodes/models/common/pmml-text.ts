/**
 * What a nugget reads from its PMML text before handing it to the evaluator:
 *
 * - the top-level model element and its attributes (`algorithmName` decides a generic
 *   nugget's naming; the evaluator does not report it);
 * - the text without the top-level model's `<Output>`: a nugget adds the fields Modeler's
 *   nugget adds, computed from extra output fields it asks the evaluator for, so the outputs
 *   the document declares (a producer's own `$R-…`, one probability per class) would only be
 *   computed for every record and thrown away (about half of the scoring time of a C5.0 tree
 *   with five classes), and one the evaluator cannot compute would fail a model that scores.
 *   Nothing else in a document refers to the top-level model's output fields.
 */

export interface ModelElementInfo {
  /** The top-level model element (`TreeModel`, …). */
  readonly element: string;
  readonly functionName: string;
  readonly algorithmName?: string;
  readonly modelName?: string;
}

const MODEL_ELEMENTS = [
  "AnomalyDetectionModel", "AssociationModel", "BayesianNetworkModel", "BaselineModel", "ClusteringModel", "GaussianProcessModel",
  "GeneralRegressionModel", "MiningModel", "NaiveBayesModel", "NearestNeighborModel", "NeuralNetwork", "RegressionModel", "RuleSetModel",
  "SequenceModel", "Scorecard", "SupportVectorMachineModel", "TextModel", "TimeSeriesModel", "TreeModel",
];
const MODEL_TAG = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?(${MODEL_ELEMENTS.join("|")})\\b([^>]*)>`);

/**
 * The first model element of a PMML text and its attributes. Nested models come after their
 * parent, so the first one is the top-level model.
 */
export function modelElementInfo(text: string): ModelElementInfo | undefined {
  const m = MODEL_TAG.exec(text);
  if (!m) return undefined;
  const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(m[2]!)?.slice(2).find((x) => x !== undefined);
  const algorithmName = attr("algorithmName");
  const modelName = attr("modelName");
  return {
    element: m[1]!,
    functionName: attr("functionName") ?? "",
    ...(algorithmName !== undefined && { algorithmName: unescapeXml(algorithmName) }),
    ...(modelName !== undefined && { modelName: unescapeXml(modelName) }),
  };
}

/**
 * The text without the top-level model's `<Output>` element, which the PMML schema places right
 * after the model's `<MiningSchema>` (Extensions may come between). When the text does not
 * have that shape it is returned unchanged.
 */
export function withoutDeclaredOutputs(text: string): string {
  const model = MODEL_TAG.exec(text);
  if (!model) return text;
  const schema = /<MiningSchema\b[^>]*?(\/>|>[\s\S]*?<\/MiningSchema>)/.exec(text.slice(model.index));
  if (!schema) return text;
  const after = model.index + schema.index + schema[0].length;
  const output = /^(\s*(?:<Extension\b[^>]*?(?:\/>|>[\s\S]*?<\/Extension>)\s*)*)<Output\b[^>]*?(\/>|>[\s\S]*?<\/Output>)/.exec(text.slice(after));
  if (!output) return text;
  return text.slice(0, after) + output[1] + text.slice(after + output[0].length);
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!);
}
